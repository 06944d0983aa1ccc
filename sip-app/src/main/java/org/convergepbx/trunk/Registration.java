package org.convergepbx.trunk;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convergepbx.common.InvalidInputException;

/**
 * A trunk's registration to its peer, from FreePBX's register string {@code user:secret@host[:port]}: the PBX
 * registers as {@code user} at {@code host}, answering the peer's challenge with {@code secret}.
 */
public record Registration(String user, String secret, String host, int port) {
  private static final Pattern FORM =
      Pattern.compile("([^:@\\s]{1,64}):([^@\\s]{1,128})@([A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}])(?::(\\d{1,5}))?");

  /**
   * Reads a register string.
   *
   * @throws InvalidInputException naming {@code register} if it is not one
   */
  public static Registration parse(String text) {
    Matcher m = FORM.matcher(text.trim());
    int port = m.matches() && m.group(4) != null ? Integer.parseInt(m.group(4)) : 5060;
    if (!m.matches() || port < 1 || port > 65535) {
      throw new InvalidInputException("register", "register is user:secret@host or user:secret@host:port");
    }
    return new Registration(m.group(1), m.group(2), m.group(3), port);
  }

  /** The registration as shown: {@code user@host:port}, never the secret. */
  public String text() {
    return user + "@" + host + ":" + port;
  }

  /** The address of record registered ({@code sip:user@host}). */
  public String aor() {
    return "sip:" + user + "@" + host;
  }

  /** The registrar ({@code sip:host:port}). */
  public String registrar() {
    return "sip:" + host + ":" + port;
  }
}
