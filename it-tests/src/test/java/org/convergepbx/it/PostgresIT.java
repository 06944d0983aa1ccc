package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL instead of embedded Derby is a matter of settings: the same pbx-server.jar, migrated by the same
 * Flyway scripts. Runs where PBX_IT_POSTGRES_URL names an empty database (.ci/run creates one).
 */
class PostgresIT {
  @TempDir Path data;

  @Test
  void serverRunsOnPostgresqlBySettingsAlone() throws SQLException {
    String url = System.getenv("PBX_IT_POSTGRES_URL");
    assumeTrue(url != null, "PBX_IT_POSTGRES_URL is not set (.ci/run sets it)");
    String user = System.getenv("PBX_IT_POSTGRES_USER");
    String password = System.getenv("PBX_IT_POSTGRES_PASSWORD");
    Map<String, String> db = Map.of("PBX_DB_URL", url, "PBX_DB_USER", user, "PBX_DB_PASSWORD", password);
    int sip = FreePorts.next();
    int http = FreePorts.next();

    try (PbxServerProcess first = new PbxServerProcess(data, sip, http, db).start()) {
      first.api().provision("4601", "postgres-secret");
      try (RawSip raw = new RawSip(sip)) {
        String ok = PbxServerIT.registerWithDigest(raw, "4601", "postgres-secret", "pg-reg-1");
        assertTrue(ok.startsWith("SIP/2.0 200"), ok);
      }
      first.stop();
    }
    try (PbxServerProcess second = new PbxServerProcess(data, sip, http, db).start()) {
      String ext = second.api().get("/api/v1/extensions/4601").body();
      assertTrue(ext.contains("\"contact\":\"sip:4601@127.0.0.1:"), ext);
    }
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM extension WHERE number = '4601'")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getInt(1));
    }
  }
}
