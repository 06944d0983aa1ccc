package org.convergepbx.container;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * The key store both TLS listeners (SIP over TLS and HTTPS) serve their certificate from: the operator's
 * ({@code PBX_TLS_KEYSTORE}), or else a self-signed one generated on first start under
 * {@code PBX_DATA_DIR/tls/} and reused on every later start.
 *
 * <p>Invariants: the key store holds exactly one private key entry, whose certificate is the one served and
 * whose {@link #fingerprint()} is printed; a generated one is reused as long as both its files exist (see
 * {@link SelfSignedCertificate}).
 *
 * @param path the PKCS12 file
 * @param password its password (also the key's password)
 * @param fingerprint SHA-256 of the served certificate, upper-case hex pairs joined by colons
 * @param generated true when the launcher generated the key store (now or on an earlier start)
 */
record TlsKeyStore(Path path, String password, String fingerprint, boolean generated) {
  static final String GENERATED_FILE = "pbx-tls.p12";
  static final String PASSWORD_FILE = "pbx-tls.password";

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
      SelfSignedCertificate.generate(dir, store, passwordFile, commonName, bind);
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

  @Override
  public String toString() {
    return "TlsKeyStore[path=" + path + ", fingerprint=" + fingerprint + ", generated=" + generated + "]";
  }
}
