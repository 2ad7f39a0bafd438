package io.coffer.vault.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {
  @ParameterizedTest
  @CsvSource({
      "1.2.3.4, 1.2.3.4, true",
      "1.2.3.4, 1.2.3.5, false",
      "1.2.3.4/32, 1.2.3.4, true",
      "10.0.0.0/8, 10.255.1.2, true",
      "10.0.0.0/8, 11.0.0.1, false",
      "192.168.1.0/23, 192.168.0.200, true",
      "192.168.1.0/23, 192.168.2.1, false",
      "0.0.0.0/0, 203.0.113.9, true",
      "2001:db8::/32, 2001:db8:ffff::1, true",
      "2001:db8::/32, 2001:db9::1, false",
      "2001:DB8::1, 2001:db8:0:0:0:0:0:1, true",
      "::1, ::1, true",
      "1.2.3.4, ::ffff:1.2.3.4, true",
      "10.0.0.0/8, ::ffff:10.9.8.7, true",
      "::ffff:1.2.3.0/120, 1.2.3.77, true",
      "1.2.3.4, 2001:db8::1, false",
      "2001:db8::/32, 1.2.3.4, false"})
  void contains_clientAddress_matchesRange(String rule, String client, boolean expected) {
    InetAddress address = IpRange.clientAddress(client).orElseThrow();
    assertThat(IpRange.parse(rule).contains(address)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4/33", "1.2.3.4/-1", "1.2.3.4/",
      "1.2.3.4/8/8", "01.2.3.4", "2001:db8::/129", "2001:db8:::1", "localhost", "example.com", "fe80::1%eth0",
      "1.2.3.4/a", "::ffff:1.2.3.4/64"})
  void parse_badRule_throwsNamingIt(String rule) {
    assertThatThrownBy(() -> IpRange.validate(rule)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(rule.isBlank() ? "empty" : rule);
  }

  @Test
  void parse_hostBitsSet_keepsTheNetwork() {
    assertThat(IpRange.parse("10.1.2.3/8")).hasToString("10.0.0.0/8");
    assertThat(IpRange.parse("1.2.3.4")).hasToString("1.2.3.4/32");
  }

  @Test
  void clientAddress_bracketedOrNameOrNull_parsesOnlyLiterals() {
    assertThat(IpRange.clientAddress("[::1]")).isPresent();
    assertThat(IpRange.clientAddress("localhost")).isEmpty();
    assertThat(IpRange.clientAddress(null)).isEmpty();
  }
}
