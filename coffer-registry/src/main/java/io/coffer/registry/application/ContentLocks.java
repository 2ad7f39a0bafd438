package io.coffer.registry.application;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks over (registry, digest): an upload commit and a garbage-collection sweep of the
 * same content never interleave, so a blob is never deleted under a push that just stored it.
 */
public final class ContentLocks {
  private final ReentrantLock[] stripes = new ReentrantLock[256];

  public ContentLocks() {
    for (int i = 0; i < stripes.length; i++) stripes[i] = new ReentrantLock();
  }

  public ReentrantLock lockFor(String registryId, String digest) {
    int h = (registryId.hashCode() * 31 + digest.hashCode()) & 0x7fffffff;
    return stripes[h % stripes.length];
  }
}
