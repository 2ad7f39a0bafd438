package io.coffer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VaultOptionsTest {
  @Test
  void readsEveryOption() {
    VaultOptions o = VaultOptions.parse(List.of("--url", "http://127.0.0.1:5080", "--username", "admin",
        "--password", "pw", "--sizes", "2048, 4096", "--clients", "4", "--seconds", "2.5", "--vault-domain", "v.test"));
    assertThat(o.sizes).containsExactly(2048, 4096);
    assertThat(o.clients).isEqualTo(4);
    assertThat(o.seconds).isEqualTo(2.5);
    assertThat(o.vaultDomain).isEqualTo("v.test");
    assertThat(o.password.revealString()).isEqualTo("pw");
  }

  @Test
  void refusesWhatItCannotUse() {
    assertThatThrownBy(() -> VaultOptions.parse(List.of("--username", "admin", "--password", "x")))
        .hasMessageContaining("--url");
    assertThatThrownBy(() -> VaultOptions.parse(List.of("--url", "http://h", "--username", "a", "--password", "x",
        "--sizes", "big"))).hasMessageContaining("not a number: big");
    assertThatThrownBy(() -> VaultOptions.parse(List.of("--url", "http://h", "--username", "a", "--password", "x",
        "--clients", "0"))).hasMessageContaining("positive");
  }

  @Test
  void helpOfTheVaultModeIsItsOwn() {
    var out = new java.io.ByteArrayOutputStream();
    int code = Bench.run(List.of("vault", "--help"), new java.io.PrintStream(out), System.err);
    assertThat(code).isZero();
    assertThat(out.toString()).contains("--sizes LIST");
  }
}
