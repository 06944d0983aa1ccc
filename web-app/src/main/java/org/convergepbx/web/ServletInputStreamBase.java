package org.convergepbx.web;

import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;

/**
 * Base of the request-body streams the filters hand on. The API is compiled against Servlet 4 but runs on Tomcat 7
 * (Servlet 3.0), where the non-blocking methods below do not exist and nobody calls them; they only satisfy the
 * compiler.
 */
abstract class ServletInputStreamBase extends ServletInputStream {
  @Override
  public boolean isFinished() {
    throw new UnsupportedOperationException("non-blocking reads are Servlet 3.1; the container is Servlet 3.0");
  }

  @Override
  public boolean isReady() {
    throw new UnsupportedOperationException("non-blocking reads are Servlet 3.1; the container is Servlet 3.0");
  }

  @Override
  public void setReadListener(ReadListener listener) {
    throw new UnsupportedOperationException("non-blocking reads are Servlet 3.1; the container is Servlet 3.0");
  }
}
