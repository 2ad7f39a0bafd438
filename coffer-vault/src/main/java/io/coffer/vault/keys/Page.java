package io.coffer.vault.keys;

import java.util.List;

/** One page of a listing; {@code next} is the opaque position to continue from, null on the last page. */
public record Page<T>(List<T> items, String next) {
  public Page {
    items = List.copyOf(items);
  }
}
