package io.coffer.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenServiceTest {
  @TempDir Path dir;
  private final Principal alice = Principal.user("id-1", "alice", false);

  @Test
  void verify_issuedToken_returnsClaimsAndGrants() throws Exception {
    TokenService ts = TokenService.open(dir, "https://coffer.test");
    var grant = new TokenClaims.Grant("repository", "reg/app", List.of("pull", "push"));
    String t = ts.issue(alice, "svc", "registry", Duration.ofMinutes(5), List.of(grant));
    TokenClaims c = ts.verify(t, "svc", "registry");
    assertThat(c.principal()).isEqualTo(alice);
    assertThat(c.access()).containsExactly(grant);
  }

  @Test
  void verify_wrongAudienceOrUse_isRefused() throws Exception {
    TokenService ts = TokenService.open(dir, "https://coffer.test");
    String t = ts.issue(alice, "svc", "registry", Duration.ofMinutes(5), List.of());
    assertThatThrownBy(() -> ts.verify(t, "other", "registry")).hasMessageContaining("audience");
    assertThatThrownBy(() -> ts.verify(t, "svc", "refresh")).hasMessageContaining("kind");
  }

  @Test
  void verify_expiredOrTampered_isRefused() throws Exception {
    TokenService ts = TokenService.open(dir, "https://coffer.test");
    String expired = ts.issue(alice, "svc", "registry", Duration.ofSeconds(-1), List.of());
    assertThatThrownBy(() -> ts.verify(expired, "svc", "registry")).hasMessageContaining("expired");
    String t = ts.issue(alice, "svc", "registry", Duration.ofMinutes(5), List.of());
    String[] parts = t.split("\\.");
    String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
    assertThatThrownBy(() -> ts.verify(forged, "svc", "registry")).isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> ts.verify("garbage", "svc", "registry")).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void rotateSigningKey_oldTokensStillVerify_andReopenKeepsKeys() throws Exception {
    TokenService ts = TokenService.open(dir, "iss");
    String before = ts.issue(alice, "a", "u", Duration.ofMinutes(5), List.of());
    ts.rotateSigningKey();
    String after = ts.issue(alice, "a", "u", Duration.ofMinutes(5), List.of());
    TokenService reopened = TokenService.open(dir, "iss");
    assertThat(reopened.verify(before, "a", "u").subject()).isEqualTo("id-1");
    assertThat(reopened.verify(after, "a", "u").subject()).isEqualTo("id-1");
    assertThat(reopened.jwks().toString()).doesNotContain("\"d\"");
  }

  @Test
  void passwordHasher_verifiesOnlyTheRightPassword() {
    String h = PasswordHasher.hash("s3cret");
    assertThat(h).doesNotContain("s3cret");
    assertThat(PasswordHasher.verify("s3cret", h)).isTrue();
    assertThat(PasswordHasher.verify("s3cres", h)).isFalse();
  }
}
