package io.coffer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChallengeTest {
  @Test
  void parse_bearerWithCommasInScope_keepsEachParameter() {
    Auth.Challenge c = Auth.Challenge.parse(
        "Bearer realm=\"https://auth.example/token\",service=\"registry\",scope=\"repository:a/b:pull,push\"");
    assertThat(c.scheme()).isEqualTo("bearer");
    assertThat(c.param("realm")).isEqualTo("https://auth.example/token");
    assertThat(c.param("service")).isEqualTo("registry");
    assertThat(c.param("scope")).isEqualTo("repository:a/b:pull,push");
  }

  @Test
  void parse_basicWithUnquotedRealm_readsIt() {
    Auth.Challenge c = Auth.Challenge.parse("Basic realm=registry");
    assertThat(c.scheme()).isEqualTo("basic");
    assertThat(c.param("realm")).isEqualTo("registry");
  }
}
