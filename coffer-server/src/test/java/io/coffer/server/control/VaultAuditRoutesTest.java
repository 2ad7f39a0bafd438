package io.coffer.server.control;

import static io.coffer.server.control.Arm.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.server.TestServer;
import io.coffer.storage.db.Database;
import io.coffer.storage.db.Sql;
import io.coffer.vault.audit.AuditEvent;
import io.coffer.vault.audit.SqlAuditLog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code auditEvents} and {@code verifyAudit} show what the vault audit log holds. */
class VaultAuditRoutesTest {
  @TempDir static Path dir;
  static Database db;
  static SqlAuditLog audit;
  static TestServer server;
  static String vault;

  @BeforeAll
  static void start() throws Exception {
    // The same metadata file the server opens: the log the control plane reads is the one written here.
    db = Database.open(dir, null);
    audit = new SqlAuditLog(db);
    server = TestServer.start(dir);
    String sub = "/subscriptions/" + server.subscription;
    server.management("PUT", sub + "/resourcegroups/audit", Map.of("location", "westeurope"));
    vault = sub + "/resourceGroups/audit/providers/Microsoft.KeyVault/vaults/audited";
    server.management("PUT", vault, Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
    db.close();
  }

  @Test
  void auditEvents_listTheVaultsEntries_andVerifyChecksTheChain() throws Exception {
    Instant t = Instant.parse("2030-01-02T03:04:05Z");
    audit.record(new AuditEvent(t, "oid-1", "127.0.0.1", "audited", "cmk", "0123456789abcdef0123456789abcdef",
        "wrapKey", "200"));
    audit.record(new AuditEvent(t.plusSeconds(1), "oid-2", "10.0.0.9", "otherVault", "k", null, "get", "200"));
    audit.record(new AuditEvent(t.plusSeconds(2), "oid-1", "127.0.0.1", "AUDITED", "cmk", null, "unwrapKey",
        "403 Forbidden"));

    JsonNode all = server.management("GET", vault + "/auditEvents", null).path("value");
    assertThat(all).hasSize(2);
    JsonNode first = all.get(0);
    assertThat(first.path("time").asText()).isEqualTo("2030-01-02T03:04:05Z");
    assertThat(first.path("callerObjectId").asText()).isEqualTo("oid-1");
    assertThat(first.path("clientIp").asText()).isEqualTo("127.0.0.1");
    assertThat(first.path("keyName").asText()).isEqualTo("cmk");
    assertThat(first.path("keyVersion").asText()).isEqualTo("0123456789abcdef0123456789abcdef");
    assertThat(first.path("operation").asText()).isEqualTo("wrapKey");
    assertThat(first.path("result").asText()).isEqualTo("200");
    assertThat(first.path("hash").asText()).isNotBlank();
    assertThat(all.get(1).path("operation").asText()).isEqualTo("unwrapKey");
    assertThat(all.get(1).path("sequence").asLong()).isGreaterThan(first.path("sequence").asLong());

    JsonNode newest = server.management("GET", vault + "/auditEvents?$top=1", null).path("value");
    assertThat(newest).hasSize(1);
    assertThat(newest.get(0).path("operation").asText()).isEqualTo("unwrapKey");
    assertError(server.managementRaw("GET", vault + "/auditEvents?$top=0", null), 400, "InvalidQueryParameterValue");
    assertError(server.managementRaw("GET", vault.replace("audited", "nothere") + "/auditEvents", null), 404,
        "ResourceNotFound");

    JsonNode ok = server.management("POST", vault + "/verifyAudit", null);
    assertThat(ok.path("intact").asBoolean()).isTrue();
    assertThat(ok.path("entriesChecked").asLong()).isEqualTo(3);
    assertThat(ok.path("firstBrokenSequence").isNull()).isTrue();

    long tampered = first.path("sequence").asLong();
    db.inTransaction(c -> Sql.update(c, "UPDATE vault_audit SET result = '403 Forbidden' WHERE sequence = ?",
        tampered));
    JsonNode broken = server.management("POST", vault + "/verifyAudit", null);
    assertThat(broken.path("intact").asBoolean()).isFalse();
    assertThat(broken.path("firstBrokenSequence").asLong()).isEqualTo(tampered);
    assertThat(broken.path("message").asText()).isNotBlank();
  }
}
