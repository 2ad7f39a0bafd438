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
  void rotateIfOlderThan_rotatesOnlyAnOldKey_andTheKeyTwoRotationsBackStopsVerifying() throws Exception {
    TokenService ts = TokenService.open(dir, "iss");
    assertThat(ts.rotateIfOlderThan(Duration.ofDays(30))).isFalse();
    String first = ts.issue(alice, "a", "u", Duration.ofMinutes(5), List.of());
    ts.verify(first, "a", "u"); // remembered as verified: rotation must not keep it alive
    assertThat(ts.rotateIfOlderThan(Duration.ZERO)).isTrue();
    assertThat(ts.verify(first, "a", "u").subject()).isEqualTo(alice.id());
    assertThat(ts.rotateIfOlderThan(Duration.ZERO)).isTrue();
    assertThatThrownBy(() -> ts.verify(first, "a", "u")).isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("unknown key");
  }

  @Test
  void passwordHasher_verifiesOnlyTheRightPassword() {
    String h = PasswordHasher.hash("s3cret");
    assertThat(h).doesNotContain("s3cret");
    assertThat(PasswordHasher.verify("s3cret", h)).isTrue();
    assertThat(PasswordHasher.verify("s3cres", h)).isFalse();
  }

  @Test
  void accessToken_carriesObjectIdTenantAndIdentityClaims() throws Exception {
    TokenService ts = TokenService.open(dir, "iss");
    ts.useTenant("tenant-1");
    Principal mi = Principal.managedIdentity("principal-1", "encryptor");
    TokenService.AccessToken t = ts.accessToken(mi, "https://vault.localhost", Duration.ofMinutes(5), "client-1",
        "/subscriptions/s/resourcegroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/encryptor");
    TokenClaims c = ts.verify(t.value(), "https://vault.localhost", "access");
    assertThat(c.principal()).isEqualTo(mi);
    assertThat(c.tenantId()).isEqualTo("tenant-1");
    var claims = com.nimbusds.jwt.SignedJWT.parse(t.value()).getJWTClaimsSet();
    assertThat(claims.getStringClaim("oid")).isEqualTo("principal-1");
    assertThat(claims.getStringClaim("appid")).isEqualTo("client-1");
    assertThat(claims.getStringClaim("xms_mirid")).endsWith("/userAssignedIdentities/encryptor");
    assertThat(t.expiresOn()).isEqualTo(claims.getExpirationTime().toInstant());
    assertThatThrownBy(() -> ts.verify(t.value(), TokenService.MANAGEMENT_AUDIENCE, "access"))
        .hasMessageContaining("audience");
  }

  @Test
  void resources_audienceDropsTrailingSlashAndDefaultScope_andRefusesNonUris() {
    assertThat(Resources.audience("https://vault.localhost/")).isEqualTo("https://vault.localhost");
    assertThat(Resources.audience("https://vault.localhost/.default")).isEqualTo("https://vault.localhost");
    assertThatThrownBy(() -> Resources.audience("vault.localhost")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Resources.audience("ftp://x")).isInstanceOf(IllegalArgumentException.class);
  }
}
