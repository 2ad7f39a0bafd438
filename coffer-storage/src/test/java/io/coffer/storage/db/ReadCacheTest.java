package io.coffer.storage.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadCacheTest {
  private final ReadCache<String, String> cache = new ReadCache<>(2);
  private final AtomicInteger loads = new AtomicInteger();

  private String load(String value) {
    loads.incrementAndGet();
    return value;
  }

  @Test
  void get_loadsOnceUntilInvalidated() {
    assertThat(cache.get("k", () -> load("v1"))).isEqualTo("v1");
    assertThat(cache.get("k", () -> load("v2"))).isEqualTo("v1");
    cache.invalidate();
    assertThat(cache.get("k", () -> load("v2"))).isEqualTo("v2");
    assertThat(loads).hasValue(2);
  }

  @Test
  void get_valueLoadedWhileAWriteEnded_isReturnedButNotKept() {
    assertThat(cache.get("k", () -> {
      cache.invalidate(); // a write committed while this reader was reading the old rows
      return load("old");
    })).isEqualTo("old");
    assertThat(cache.get("k", () -> load("new"))).isEqualTo("new");
  }

  @Test
  void get_nullOrBeyondCapacity_isNotKept() {
    assertThat(cache.get("missing", () -> null)).isNull();
    cache.get("a", () -> load("a"));
    cache.get("b", () -> load("b"));
    cache.get("c", () -> load("c"));
    cache.get("c", () -> load("c"));
    assertThat(loads).hasValue(4);
  }
}
