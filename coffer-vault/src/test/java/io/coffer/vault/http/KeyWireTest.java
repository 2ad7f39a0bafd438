package io.coffer.vault.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.vault.vaults.NetworkRuleSet;
import io.coffer.vault.vaults.Vault;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyWireTest {
  @ParameterizedTest
  @CsvSource({"90,false,Recoverable+Purgeable", "90,true,Recoverable", "7,false,CustomizedRecoverable+Purgeable",
      "89,true,CustomizedRecoverable"})
  void recoveryLevel_followsRetentionAndPurgeProtection(int retentionDays, boolean purgeProtection, String level) {
    Vault vault = new Vault("id", "v", "s", "g", "westeurope", "t", Vault.Sku.STANDARD, false, purgeProtection,
        retentionDays, List.of(), NetworkRuleSet.OPEN, Map.of(), 0L, "admin", null);
    assertThat(KeyWire.recoveryLevel(vault)).isEqualTo(level);
  }
}
