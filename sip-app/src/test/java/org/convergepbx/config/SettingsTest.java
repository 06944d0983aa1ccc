package org.convergepbx.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void environmentWinsOverSystemPropertyWhichWinsOverDefault() {
    Settings s =
        Settings.resolve(
            Map.of("PBX_DOMAIN", "env.example")::get,
            Map.of("PBX_DOMAIN", "prop.example", "PBX_NONCE_TTL", "42")::get);
    assertEquals("env.example", s.domain());
    assertEquals(42, s.intValue(Setting.PBX_NONCE_TTL));
    assertEquals(3600, s.intValue(Setting.PBX_REGISTER_DEFAULT_EXPIRES));
  }

  @Test
  void blankCountsAsUnset() {
    Settings s = Settings.resolve(Map.of("PBX_ADMIN_USER", "  ")::get, Map.<String, String>of()::get);
    assertEquals("admin", s.get(Setting.PBX_ADMIN_USER).orElseThrow());
  }

  @Test
  void defaultDatabaseIsEmbeddedDerbyInTheDataDirectory() {
    Settings s = Settings.resolve(Map.of("PBX_DATA_DIR", "/srv/pbx")::get, Map.<String, String>of()::get);
    assertEquals("jdbc:derby:/srv/pbx/db;create=true", s.databaseUrl());
  }

  @Test
  void notANumberNamesTheSetting() {
    Settings s = Settings.resolve(Map.of("PBX_RING_TIMEOUT", "soon")::get, Map.<String, String>of()::get);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.intValue(Setting.PBX_RING_TIMEOUT));
    assertTrue(e.getMessage().contains("PBX_RING_TIMEOUT"));
  }
}
