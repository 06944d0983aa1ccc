package org.convergepbx.it;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS that trusts exactly one server certificate, named by its SHA-256 fingerprint (as the server prints it):
 * any other certificate fails the handshake. The fingerprint of the certificate actually served is kept, so a
 * test can tell which one it got.
 */
public final class PinnedTls {
  private static final Pattern PRINTED = Pattern.compile("TLS certificate SHA-256 ([0-9A-F:]{95})");

  private PinnedTls() {}

  /** The fingerprint the server printed at start, or an assertion error naming the output. */
  public static String printedFingerprint(String serverOutput) {
    Matcher m = PRINTED.matcher(serverOutput);
    if (!m.find()) {
      throw new AssertionError("no 'TLS certificate SHA-256' line in\n" + serverOutput);
    }
    String first = m.group(1);
    if (m.find()) {
      throw new AssertionError("the fingerprint was printed twice in one start\n" + serverOutput);
    }
    return first;
  }

  /** SHA-256 of a DER certificate as AB:CD:... */
  public static String fingerprint(byte[] der) {
    try {
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A TLS 1.2/1.3 client context that accepts only the certificate with this fingerprint. */
  public static SSLContext trusting(String fingerprint) {
    X509TrustManager pinned =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client does not check clients");
          }

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            String served = fingerprint(chain[0].getEncoded());
            if (!served.equals(fingerprint)) {
              throw new CertificateException("served certificate " + served + " is not the pinned " + fingerprint);
            }
            chain[0].checkValidity();
          }

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {pinned}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
