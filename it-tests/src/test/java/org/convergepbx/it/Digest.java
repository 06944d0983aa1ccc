package org.convergepbx.it;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Client side of SIP digest authentication (RFC 2617, qop=auth), computed independently of the server's code. */
public final class Digest {
  private Digest() {}

  /** The value of a parameter in a WWW-Authenticate / Proxy-Authenticate header of a response. */
  public static String challengeParam(String response, String header, String param) {
    Matcher h = Pattern.compile("(?im)^" + header + ":(.*)$").matcher(response);
    if (!h.find()) {
      throw new AssertionError("no " + header + " in\n" + response);
    }
    Matcher p = Pattern.compile(param + "=\"?([^\",]+)\"?").matcher(h.group(1));
    if (!p.find()) {
      throw new AssertionError("no " + param + " in " + h.group(1));
    }
    return p.group(1).trim();
  }

  /** An Authorization header value with qop=auth. */
  public static String authorization(
      String user, String realm, String password, String method, String uri, String nonce, int nc) {
    String ncHex = String.format("%08x", nc);
    String cnonce = "c" + Long.toHexString(System.nanoTime());
    String ha1 = md5(user + ":" + realm + ":" + password);
    String ha2 = md5(method + ":" + uri);
    String response = md5(ha1 + ":" + nonce + ":" + ncHex + ":" + cnonce + ":auth:" + ha2);
    return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
        + "\", response=\"" + response + "\", algorithm=MD5, qop=auth, nc=" + ncHex + ", cnonce=\"" + cnonce
        + "\"";
  }

  static String md5(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
