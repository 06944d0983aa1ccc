package org.convergepbx.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherSettingsTest {
  private static LauncherSettings resolve(Map<String, String> env) {
    return LauncherSettings.resolve(env::get, name -> null);
  }

  @Test
  void tlsIsOnByDefaultOnPorts5061And8443WithAGeneratedCertificate() {
    LauncherSettings s = resolve(Map.of());
    assertTrue(s.tls().enabled());
    assertEquals(5061, s.tls().sipPort());
    assertEquals(8443, s.tls().httpsPort());
    assertNull(s.tls().keystore());
  }

  @Test
  void httpBindDefaultsToTheSipBindAndCanDiffer() {
    assertEquals("192.0.2.10", resolve(Map.of("PBX_BIND", "192.0.2.10")).httpBind());
    LauncherSettings split = resolve(Map.of("PBX_BIND", "192.0.2.10", "PBX_HTTP_BIND", "127.0.0.1"));
    assertEquals("192.0.2.10", split.bind());
    assertEquals("127.0.0.1", split.httpBind());
  }

  @Test
  void tlsOffTurnsBothListenersOff() {
    LauncherSettings s = resolve(Map.of("PBX_TLS", "OFF", "PBX_TLS_KEYSTORE", "/nowhere.p12"));
    assertFalse(s.tls().enabled());
    assertEquals(0, s.tls().sipPort());
    assertEquals(0, s.tls().httpsPort());
  }

  @Test
  void portZeroTurnsOneListenerOff() {
    LauncherSettings s = resolve(Map.of("PBX_HTTPS_PORT", "0"));
    assertTrue(s.tls().enabled());
    assertEquals(0, s.tls().httpsPort());
    assertEquals(5061, s.tls().sipPort());
    assertFalse(resolve(Map.of("PBX_HTTPS_PORT", "0", "PBX_SIP_TLS_PORT", "0")).tls().enabled());
  }

  @Test
  void aConfiguredKeyStoreIsMadeAbsoluteAndKeepsItsPassword() {
    LauncherSettings s =
        resolve(Map.of("PBX_TLS_KEYSTORE", "conf/pbx.p12", "PBX_TLS_KEYSTORE_PASSWORD", "store-pass"));
    assertEquals(Path.of("conf/pbx.p12").toAbsolutePath().normalize(), s.tls().keystore());
    assertEquals("store-pass", s.tls().keystorePassword());
    assertFalse(s.tls().toString().contains("store-pass"), "the password is never printed");
  }

  @Test
  void badTlsSettingsStopTheStartNamingTheSetting() {
    assertMessage("PBX_TLS must be 'on' or 'off', got 'maybe'", Map.of("PBX_TLS", "maybe"));
    assertMessage(
        "PBX_TLS_KEYSTORE_PASSWORD is required with PBX_TLS_KEYSTORE", Map.of("PBX_TLS_KEYSTORE", "/x.p12"));
    assertMessage(
        "PBX_TLS_KEYSTORE_PASSWORD is set but PBX_TLS_KEYSTORE is not", Map.of("PBX_TLS_KEYSTORE_PASSWORD", "p"));
    assertMessage(
        "PBX_SIP_TLS_PORT must be a port number (1-65535, or 0 for off), got '70000'",
        Map.of("PBX_SIP_TLS_PORT", "70000"));
    assertMessage(
        "PBX_HTTPS_PORT must be a port number (1-65535, or 0 for off), got 'https'",
        Map.of("PBX_HTTPS_PORT", "https"));
    assertMessage("PBX_SIP_PORT must be a port number (1-65535), got '0'", Map.of("PBX_SIP_PORT", "0"));
  }

  private static void assertMessage(String expected, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    LaunchException e = assertThrows(LaunchException.class, () -> resolve(all));
    assertEquals(expected, e.getMessage());
  }
}
