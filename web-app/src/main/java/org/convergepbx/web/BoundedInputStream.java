package org.convergepbx.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.convergepbx.common.InvalidInputException;

/** Refuses a request body longer than a limit, whatever its Content-Length claimed. */
final class BoundedInputStream extends FilterInputStream {
  private final long limit;
  private long read;

  BoundedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  private void count(int n) {
    read += n;
    if (read > limit) {
      throw new InvalidInputException("body", "body larger than " + limit + " bytes");
    }
  }
}
