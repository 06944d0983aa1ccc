package org.convergepbx.container;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The key store both TLS listeners (SIP over TLS and HTTPS) serve their certificate from: the operator's
 * ({@code PBX_TLS_KEYSTORE}), or else a self-signed one generated on first start under
 * {@code PBX_DATA_DIR/tls/} and reused on every later start.
 *
 * <p>Invariants: the key store holds exactly one private key entry, whose certificate is the one served and
 * whose {@link #fingerprint()} is printed; a generated key store and its password file are readable by the
 * owner only (mode 600, in a directory of mode 700), and are written under temporary names and then moved, so a
 * start that is interrupted never leaves a half-written pair behind.
 *
 * @param path the PKCS12 file
 * @param password its password (also the key's password)
 * @param fingerprint SHA-256 of the served certificate, upper-case hex pairs joined by colons
 * @param generated true when the launcher generated the key store (now or on an earlier start)
 */
record TlsKeyStore(Path path, String password, String fingerprint, boolean generated) {
  static final String GENERATED_FILE = "pbx-tls.p12";
  static final String PASSWORD_FILE = "pbx-tls.password";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})");
  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

  /**
   * The operator's key store if {@code tls} names one, else the generated one under {@code dataDir/tls}
   * (created now if absent).
   *
   * @param commonName the certificate's CN and DNS name: PBX_DOMAIN, or the host name
   * @param bind the SIP address, put in the certificate as an IP name unless it is the wildcard address
   */
  static TlsKeyStore prepare(LauncherSettings.TlsSettings tls, Path dataDir, String commonName, String bind) {
    if (tls.keystore() != null) {
      return load(tls.keystore(), tls.keystorePassword(), false, "PBX_TLS_KEYSTORE " + tls.keystore());
    }
    Path dir = dataDir.resolve("tls");
    Path store = dir.resolve(GENERATED_FILE);
    Path passwordFile = dir.resolve(PASSWORD_FILE);
    try {
      if (Files.isRegularFile(store) && Files.isRegularFile(passwordFile)) {
        String password = Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
        return load(store, password, true, "the generated key store " + store);
      }
      generate(dir, store, passwordFile, commonName, bind);
      String password = Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
      return load(store, password, true, "the generated key store " + store);
    } catch (IOException e) {
      throw new LaunchException("cannot prepare the TLS key store in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The certificate's CN: PBX_DOMAIN if set, else this host's name, else localhost. */
  static String commonName(String domain) {
    if (domain != null) {
      return domain;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  private static void generate(Path dir, Path store, Path passwordFile, String cn, String bind)
      throws IOException {
    if (!HOST_NAME.matcher(cn).matches()) {
      throw new LaunchException(
          "cannot generate a TLS certificate for '" + cn + "': PBX_DOMAIN (or the host name) is not a DNS name"
              + " or address; set PBX_DOMAIN, or PBX_TLS_KEYSTORE and PBX_TLS_KEYSTORE_PASSWORD");
    }
    createOwnerOnlyDirectory(dir);
    Path tmpPassword = ownerOnlyFile(dir, PASSWORD_FILE);
    Path tmpStore = dir.resolve(GENERATED_FILE + ".new");
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

  private static TlsKeyStore load(Path path, String password, boolean generated, String what) {
    if (!Files.isRegularFile(path)) {
      throw new LaunchException(what + " does not exist");
    }
    KeyStore ks;
    try {
      ks = KeyStore.getInstance("PKCS12");
      try (var in = Files.newInputStream(path)) {
        ks.load(in, password.toCharArray());
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new LaunchException(
          "cannot read " + what + " (a PKCS12 file with PBX_TLS_KEYSTORE_PASSWORD): " + e.getMessage(), e);
    }
    try {
      List<String> keys = new ArrayList<>();
      for (String alias : Collections.list(ks.aliases())) {
        if (ks.isKeyEntry(alias)) {
          keys.add(alias);
        }
      }
      if (keys.size() != 1) {
        throw new LaunchException(
            what + " must hold exactly one private key with its certificate, it holds " + keys.size());
      }
      Certificate cert = ks.getCertificate(keys.get(0));
      if (cert == null) {
        throw new LaunchException(what + ": the key '" + keys.get(0) + "' has no certificate");
      }
      return new TlsKeyStore(path, password, fingerprint(cert.getEncoded()), generated);
    } catch (GeneralSecurityException e) {
      throw new LaunchException("cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  /** SHA-256 of a DER certificate as AB:CD:... */
  static String fingerprint(byte[] der) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
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

  @Override
  public String toString() {
    return "TlsKeyStore[path=" + path + ", fingerprint=" + fingerprint + ", generated=" + generated + "]";
  }
}
