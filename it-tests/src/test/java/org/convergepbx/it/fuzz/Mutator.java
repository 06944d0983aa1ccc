package org.convergepbx.it.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of SIP messages, the kinds a broken or hostile peer sends: flipped bits, bytes inserted or
 * removed, a header line repeated or two swapped, the message cut short, a huge value, line-ending games
 * (bare LF, doubled or lost CRLF), numbers far out of range. The same seed gives the same messages.
 */
final class Mutator {
  private static final byte[] CRLF = {'\r', '\n'};
  private final Random random;

  Mutator(long seed) {
    this.random = new Random(seed);
  }

  Random random() {
    return random;
  }

  /** One to three mutations of {@code seed}. */
  byte[] mutate(byte[] seed) {
    byte[] m = seed;
    int rounds = 1 + random.nextInt(3);
    for (int i = 0; i < rounds; i++) {
      m = once(m);
    }
    return m;
  }

  private byte[] once(byte[] m) {
    if (m.length == 0) {
      return "INVITE".getBytes(StandardCharsets.US_ASCII);
    }
    return switch (random.nextInt(9)) {
      case 0 -> flipBit(m);
      case 1 -> insertByte(m);
      case 2 -> deleteBytes(m);
      case 3 -> repeatLine(m);
      case 4 -> swapLines(m);
      case 5 -> Arrays.copyOf(m, random.nextInt(m.length));
      case 6 -> hugeValue(m);
      case 7 -> lineEndings(m);
      default -> hugeNumber(m);
    };
  }

  private byte[] flipBit(byte[] m) {
    byte[] c = m.clone();
    c[random.nextInt(c.length)] ^= (byte) (1 << random.nextInt(8));
    return c;
  }

  private byte[] insertByte(byte[] m) {
    int at = random.nextInt(m.length + 1);
    byte[] special = {0, '\r', '\n', ':', ';', ',', '<', '>', '"', '\\', '%', ' ', '\t', (byte) 0xff, (byte) 0xc3};
    byte b = random.nextBoolean() ? special[random.nextInt(special.length)] : (byte) random.nextInt(256);
    return splice(m, at, at, new byte[] {b});
  }

  private byte[] deleteBytes(byte[] m) {
    int at = random.nextInt(m.length);
    int len = 1 + random.nextInt(Math.min(16, m.length - at));
    return splice(m, at, at + len, new byte[0]);
  }

  private byte[] repeatLine(byte[] m) {
    List<byte[]> lines = lines(m);
    if (lines.size() < 2) {
      return m;
    }
    int i = 1 + random.nextInt(lines.size() - 1);
    int times = 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 3);
    for (int t = 0; t < times; t++) {
      lines.add(i, lines.get(i));
    }
    return join(lines);
  }

  private byte[] swapLines(byte[] m) {
    List<byte[]> lines = lines(m);
    if (lines.size() < 3) {
      return m;
    }
    int a = random.nextInt(lines.size());
    int b = random.nextInt(lines.size());
    byte[] t = lines.get(a);
    lines.set(a, lines.get(b));
    lines.set(b, t);
    return join(lines);
  }

  private byte[] hugeValue(byte[] m) {
    int at = random.nextInt(m.length + 1);
    byte[] filler = new byte[1 + random.nextInt(random.nextBoolean() ? 300 : 70_000)];
    Arrays.fill(filler, (byte) "Aa;=,%<\"9".charAt(random.nextInt(9)));
    return splice(m, at, at, filler);
  }

  private byte[] lineEndings(byte[] m) {
    String s = new String(m, StandardCharsets.ISO_8859_1);
    s = switch (random.nextInt(4)) {
      case 0 -> s.replace("\r\n", "\n");
      case 1 -> s.replaceFirst("\r\n", "\r\n\r\n");
      case 2 -> s.replaceFirst("\r\n\r\n", "\r\n");
      default -> "\r\n\r\n" + s;
    };
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private byte[] hugeNumber(byte[] m) {
    String s = new String(m, StandardCharsets.ISO_8859_1);
    String[] numbers = {"-1", "0", "4294967296", "99999999999999999999999", "2147483648", "-2147483649"};
    return s.replaceFirst("\\d+", numbers[random.nextInt(numbers.length)]).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] splice(byte[] m, int from, int to, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(m.length + insert.length);
    out.write(m, 0, from);
    out.write(insert, 0, insert.length);
    out.write(m, to, m.length - to);
    return out.toByteArray();
  }

  private static List<byte[]> lines(byte[] m) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i + 1 < m.length; i++) {
      if (m[i] == '\r' && m[i + 1] == '\n') {
        lines.add(Arrays.copyOfRange(m, start, i));
        start = i + 2;
        i++;
      }
    }
    lines.add(Arrays.copyOfRange(m, start, m.length));
    return lines;
  }

  private static byte[] join(List<byte[]> lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        out.write(CRLF, 0, 2);
      }
      out.write(lines.get(i), 0, lines.get(i).length);
    }
    return out.toByteArray();
  }
}
