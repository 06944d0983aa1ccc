package org.convergepbx.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Generates the server's self-signed certificate with the JDK's {@code keytool} (no internal JDK API, no extra
 * library): RSA 2048, SHA-256, valid 10 years, CN and DNS name the domain, plus localhost, 127.0.0.1 and the
 * bind address.
 *
 * <p>Invariants: the key store and its random password file are readable by the owner only (mode 600, in a
 * directory of mode 700; the password file is created with that mode before the password is written), and both
 * are written under temporary names and then moved into place, so a start that is interrupted never leaves a
 * half-written pair behind.
 */
final class SelfSignedCertificate {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})");
  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

  private SelfSignedCertificate() {}

  /**
   * Writes a new key store {@code store} and its password file {@code passwordFile}, both in {@code dir}.
   *
   * @param cn the CN and first DNS (or IP) name
   * @param bind the SIP address, added as an IP name unless it is the wildcard address
   */
  static void generate(Path dir, Path store, Path passwordFile, String cn, String bind) throws IOException {
    if (!HOST_NAME.matcher(cn).matches()) {
      throw new LaunchException(
          "cannot generate a TLS certificate for '" + cn + "': PBX_DOMAIN (or the host name) is not a DNS name"
              + " or address; set PBX_DOMAIN, or PBX_TLS_KEYSTORE and PBX_TLS_KEYSTORE_PASSWORD");
    }
    createOwnerOnlyDirectory(dir);
    Path tmpPassword = ownerOnlyFile(dir, passwordFile.getFileName().toString());
    Path tmpStore = dir.resolve(store.getFileName() + ".new");
    Files.deleteIfExists(tmpStore);
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    Files.writeString(
        tmpPassword, Base64.getUrlEncoder().withoutPadding().encodeToString(random), StandardCharsets.UTF_8);
    keytool(
        List.of(
            "-genkeypair", "-alias", "pbx", "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
            "-validity", "3650", "-dname", "CN=" + cn, "-ext", "SAN=" + subjectAltNames(cn, bind),
            "-storetype", "PKCS12", "-keystore", tmpStore.toString(), "-storepass:file", tmpPassword.toString()));
    setOwnerOnly(tmpStore);
    Files.move(tmpStore, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.move(tmpPassword, passwordFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** DNS name the CN (or IP if the CN is an address), localhost, 127.0.0.1 and the bind address if specific. */
  static String subjectAltNames(String cn, String bind) {
    List<String> names = new ArrayList<>();
    names.add((isAddress(cn) ? "ip:" : "dns:") + cn);
    if (!cn.equalsIgnoreCase("localhost")) {
      names.add("dns:localhost");
    }
    if (!cn.equals("127.0.0.1")) {
      names.add("ip:127.0.0.1");
    }
    if (isAddress(bind) && !bind.equals("0.0.0.0") && !bind.equals("::") && !names.contains("ip:" + bind)) {
      names.add("ip:" + bind);
    }
    return String.join(",", names);
  }

  private static boolean isAddress(String s) {
    return s.matches("[0-9.]+") || s.contains(":");
  }

  private static void keytool(List<String> args) throws IOException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    if (!Files.isExecutable(keytool)) {
      throw new LaunchException(
          "cannot generate a TLS certificate: " + keytool + " is missing (a JRE without keytool); set"
              + " PBX_TLS_KEYSTORE and PBX_TLS_KEYSTORE_PASSWORD, or PBX_TLS=off");
    }
    List<String> command = new ArrayList<>();
    command.add(keytool.toString());
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new LaunchException("keytool did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        throw new LaunchException("keytool could not generate the TLS certificate: " + out.trim());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new LaunchException("interrupted while generating the TLS certificate", e);
    }
  }

  private static void createOwnerOnlyDirectory(Path dir) throws IOException {
    Files.createDirectories(dir);
    setPermissions(dir, OWNER_DIR);
  }

  /** A new empty temporary file readable by the owner only, before anything secret is written to it. */
  private static Path ownerOnlyFile(Path dir, String name) throws IOException {
    Path tmp = dir.resolve(name + ".new");
    Files.deleteIfExists(tmp);
    try {
      return Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (UnsupportedOperationException notPosix) {
      return Files.createFile(tmp);
    }
  }

  private static void setOwnerOnly(Path file) throws IOException {
    setPermissions(file, OWNER_ONLY);
  }

  private static void setPermissions(Path p, Set<PosixFilePermission> permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(p, permissions);
    } catch (UnsupportedOperationException notPosix) {
      // a file system without POSIX permissions (Windows): the directory's ACL applies
    }
  }
}
