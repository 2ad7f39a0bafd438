package io.coffer.storage.db;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Rows read on every request and written rarely, kept in memory between writes of this process.
 * Writers call {@link #invalidate()} once their change is committed (see
 * {@link Database#afterTransaction}); a value loaded while a write was committing is not kept,
 * because the write's generation check discards it, so a reader never sees a change undone.
 */
public final class ReadCache<K, V> {
  private final int maxEntries;
  private final Map<K, V> entries = new ConcurrentHashMap<>();
  private long generation;

  public ReadCache(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /** The cached value, or what {@code load} returns (kept when it is not null). */
  public V get(K key, Supplier<V> load) {
    V cached = entries.get(key);
    if (cached != null) return cached;
    long before;
    synchronized (this) {
      before = generation;
    }
    V loaded = load.get();
    if (loaded != null) {
      synchronized (this) {
        if (generation == before && entries.size() < maxEntries) entries.put(key, loaded);
      }
    }
    return loaded;
  }

  public synchronized void invalidate() {
    generation++;
    entries.clear();
  }
}
