package org.convergepbx.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real key stores, generated with the JDK's keytool as the launcher does. */
class TlsKeyStoreTest {
  private static final LauncherSettings.TlsSettings GENERATED =
      new LauncherSettings.TlsSettings(5061, 8443, null, null);

  @TempDir Path data;

  @Test
  void firstStartGeneratesAnOwnerOnlySelfSignedCertificateForTheDomain() throws Exception {
    TlsKeyStore ks = TlsKeyStore.prepare(GENERATED, data, "pbx.example.com", "192.0.2.10");

    assertTrue(ks.generated());
    Path tls = data.resolve("tls");
    assertEquals(tls.resolve("pbx-tls.p12"), ks.path());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ks.path())));
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("pbx-tls.password"))));
    assertEquals(List.of("pbx-tls.p12", "pbx-tls.password"), listing(tls), "no temporary file is left");
    assertTrue(ks.password().length() >= 32, "a random password");

    X509Certificate cert = certificate(ks);
    assertEquals("CN=pbx.example.com", cert.getSubjectX500Principal().getName());
    assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal(), "self-signed");
    assertEquals("RSA", cert.getPublicKey().getAlgorithm());
    String sans = cert.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString())
        .collect(Collectors.joining(","));
    assertEquals("pbx.example.com,localhost,127.0.0.1,192.0.2.10", sans);
    assertEquals(TlsKeyStore.fingerprint(cert.getEncoded()), ks.fingerprint());
    assertTrue(ks.fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), ks.fingerprint());
  }

  @Test
  void laterStartsReuseTheGeneratedCertificate() {
    TlsKeyStore first = TlsKeyStore.prepare(GENERATED, data, "pbx.example.com", "0.0.0.0");
    TlsKeyStore again = TlsKeyStore.prepare(GENERATED, data, "other.example.com", "0.0.0.0");
    assertEquals(first.fingerprint(), again.fingerprint());
    assertEquals(first.password(), again.password());
  }

  @Test
  void aConfiguredKeyStoreIsUsedAndNothingIsGenerated() throws Exception {
    Path elsewhere = Files.createDirectories(data.resolve("operator"));
    TlsKeyStore made = TlsKeyStore.prepare(GENERATED, elsewhere, "pbx.example.com", "0.0.0.0");
    Path dataDir = Files.createDirectories(data.resolve("pbx"));

    TlsKeyStore used = TlsKeyStore.prepare(
        new LauncherSettings.TlsSettings(5061, 8443, made.path(), made.password()), dataDir, "x", "0.0.0.0");

    assertFalse(used.generated());
    assertEquals(made.fingerprint(), used.fingerprint());
    assertFalse(Files.exists(dataDir.resolve("tls")));
  }

  @Test
  void aWrongPasswordOrAMissingFileStopsTheStartNamingTheKeyStore() {
    TlsKeyStore made = TlsKeyStore.prepare(GENERATED, data, "pbx.example.com", "0.0.0.0");
    LaunchException wrong = assertThrows(LaunchException.class, () -> TlsKeyStore.prepare(
        new LauncherSettings.TlsSettings(5061, 0, made.path(), "not-it"), data, "x", "0.0.0.0"));
    assertTrue(wrong.getMessage().startsWith("cannot read PBX_TLS_KEYSTORE " + made.path()), wrong.getMessage());
    Path missing = data.resolve("missing.p12");
    LaunchException absent = assertThrows(LaunchException.class, () -> TlsKeyStore.prepare(
        new LauncherSettings.TlsSettings(5061, 0, missing, "p"), data, "x", "0.0.0.0"));
    assertEquals("PBX_TLS_KEYSTORE " + missing + " does not exist", absent.getMessage());
  }

  @Test
  void aDomainThatIsNoDnsNameIsRefusedBeforeAnythingIsWritten() {
    LaunchException e = assertThrows(
        LaunchException.class, () -> TlsKeyStore.prepare(GENERATED, data, "pbx example,O=evil", "0.0.0.0"));
    assertTrue(e.getMessage().contains("is not a DNS name"), e.getMessage());
    assertFalse(Files.exists(data.resolve("tls")));
  }

  @Test
  void anAddressAsCommonNameIsAnIpSubjectAltName() {
    assertEquals("ip:192.0.2.10,dns:localhost,ip:127.0.0.1", SelfSignedCertificate.subjectAltNames("192.0.2.10", "0.0.0.0"));
    assertEquals("dns:localhost,ip:127.0.0.1", SelfSignedCertificate.subjectAltNames("localhost", "127.0.0.1"));
  }

  @Test
  void differentStartsInDifferentDirectoriesGetDifferentCertificates() {
    TlsKeyStore a = TlsKeyStore.prepare(GENERATED, data.resolve("a"), "pbx.example.com", "0.0.0.0");
    TlsKeyStore b = TlsKeyStore.prepare(GENERATED, data.resolve("b"), "pbx.example.com", "0.0.0.0");
    assertNotEquals(a.fingerprint(), b.fingerprint());
  }

  private static X509Certificate certificate(TlsKeyStore ks) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks.path())) {
      store.load(in, ks.password().toCharArray());
    }
    return (X509Certificate) store.getCertificate("pbx");
  }

  private static List<String> listing(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
