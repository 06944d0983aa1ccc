package org.convergepbx.web;

import java.io.IOException;
import java.io.InputStream;

/** Refuses a request body longer than a limit, whatever its Content-Length claimed, once the limit is passed. */
final class BoundedInputStream extends ServletInputStreamBase {
  private final InputStream in;
  private final long limit;
  private long read;

  BoundedInputStream(InputStream in, long limit) {
    this.in = in;
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = in.read(buf, off, len);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void count(int n) {
    read += n;
    if (read > limit) {
      throw new PayloadTooLargeException(limit);
    }
  }
}
