package org.convergepbx.common;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * One entry of a trunk's inbound addresses: an address ({@code 192.0.2.10}), an address and port
 * ({@code 127.0.0.1:5081}, for peers that share an address) or a CIDR block ({@code 192.0.2.0/24},
 * {@code 2001:db8::/32}). Literal addresses only: nothing is looked up in DNS.
 */
public final class AddressRule {
  private final byte[] network;
  private final int bits;
  private final int port;

  private AddressRule(byte[] network, int bits, int port) {
    this.network = network;
    this.bits = bits;
    this.port = port;
  }

  /** The rule of an entry as the trunk service (or the security allow-list) validated it. */
  public static AddressRule parse(String entry) {
    String address = entry;
    int port = 0;
    int bits = -1;
    int slash = entry.indexOf('/');
    if (slash >= 0) {
      address = entry.substring(0, slash);
      bits = Integer.parseInt(entry.substring(slash + 1));
    } else if (entry.indexOf(':') > 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
      address = entry.substring(0, entry.indexOf(':'));
      port = Integer.parseInt(entry.substring(entry.indexOf(':') + 1));
    }
    byte[] bytes = literal(address);
    return new AddressRule(bytes, bits < 0 ? bytes.length * 8 : bits, port);
  }

  /** True if a request from {@code address}:{@code port} is covered by this rule. */
  public boolean matches(String address, int port) {
    if (this.port != 0 && this.port != port) {
      return false;
    }
    byte[] other;
    try {
      other = literal(address);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (other.length != network.length) {
      return false;
    }
    int whole = bits / 8;
    for (int i = 0; i < whole; i++) {
      if (other[i] != network[i]) {
        return false;
      }
    }
    int rest = bits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (other[whole] & mask) == (network[whole] & mask);
  }

  private static byte[] literal(String address) {
    byte[] v4 = ipv4(address);
    if (v4 != null) {
      return v4;
    }
    if (!address.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      throw new IllegalArgumentException("not an address literal: " + address);
    }
    try {
      return InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address: " + address, e);
    }
  }

  /**
   * The four bytes of a dotted-quad IPv4 literal, or null if {@code address} is not one (then it may be IPv6).
   * Parsed by hand: it runs for every SIP request (the allow-list and the trunk peers).
   */
  private static byte[] ipv4(String address) {
    byte[] bytes = new byte[4];
    int part = 0;
    int value = -1;
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (value > 255) {
          return null;
        }
      } else if (c == '.' && value >= 0 && part < 3) {
        bytes[part++] = (byte) value;
        value = -1;
      } else {
        return null;
      }
    }
    if (part != 3 || value < 0) {
      return null;
    }
    bytes[3] = (byte) value;
    return bytes;
  }
}
