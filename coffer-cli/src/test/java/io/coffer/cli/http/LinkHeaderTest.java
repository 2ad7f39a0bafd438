package io.coffer.cli.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkHeaderTest {
  @Test
  void next_ociLink_returnsUrl() {
    assertThat(LinkHeader.next("</v2/r/_catalog?last=a&n=100>; rel=\"next\"")).contains("/v2/r/_catalog?last=a&n=100");
  }

  @Test
  void next_severalLinks_picksNext() {
    assertThat(LinkHeader.next("</a>; rel=\"prev\", </b>; rel=next")).contains("/b");
  }

  @Test
  void next_noNext_empty() {
    assertThat(LinkHeader.next("</a>; rel=\"prev\"")).isEmpty();
    assertThat(LinkHeader.next(null)).isEmpty();
  }
}
