package io.coffer.registry.application;

import io.coffer.registry.domain.RegistrySettings;
import io.coffer.registry.domain.RegistrySettingsStore;
import io.coffer.registry.infrastructure.sql.SqlManifests;
import io.coffer.registry.infrastructure.sql.SqlRetention;
import io.coffer.registry.infrastructure.sql.SqlRetention.Edge;
import io.coffer.registry.infrastructure.sql.SqlRetention.Node;
import io.coffer.storage.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention policy: in registries where it is on, manifests without a tag and older than
 * {@code retentionDays} are deleted. Their blobs are left to garbage collection.
 *
 * <p>A manifest is kept, whatever its age, when something kept needs it: a tagged manifest keeps
 * the children it lists (an index's platform images), its subject, and its referrers (signatures,
 * SBOMs), and so on from each of those. A manifest younger than the cutoff is kept the same way,
 * so a push in progress never loses a child it has just linked.
 */
public final class RetentionJob {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
  private final Database db;
  private final RegistrySettingsStore settings;
  private final SqlRetention retention;
  private final SqlManifests manifests;
  private final Clock clock;

  public RetentionJob(Database db, RegistrySettingsStore settings, SqlRetention retention, SqlManifests manifests,
      Clock clock) {
    this.db = db;
    this.settings = settings;
    this.retention = retention;
    this.manifests = manifests;
    this.clock = clock;
  }

  /** Applies every registry's retention policy; what the schedule runs. Returns how many manifests went. */
  public int run() {
    List<String> registryIds;
    try {
      registryIds = db.read(retention::registries);
    } catch (RuntimeException e) {
      // Never thrown to the scheduler, which would stop running the job.
      LOG.warn("retention policies not applied: {}", e.toString());
      return 0;
    }
    int deleted = 0;
    for (String registryId : registryIds) {
      try {
        List<String> gone = apply(registryId);
        if (!gone.isEmpty()) {
          LOG.info("retention policy of registry {}: {} untagged manifests deleted", registryId, gone.size());
        }
        deleted += gone.size();
      } catch (RuntimeException e) {
        // One registry's failure must not stop the others; the next round tries again.
        LOG.warn("retention policy of registry {} failed: {}", registryId, e.toString());
      }
    }
    return deleted;
  }

  /** Applies one registry's policy; returns the deleted manifests as {@code repositoryId@digest}. */
  public List<String> apply(String registryId) {
    RegistrySettings.Policies policies = db.read(c -> settings.get(c, registryId)).policies();
    if (!policies.retentionEnabled()) return List.of();
    long cutoff = clock.millis() - Duration.ofDays(policies.retentionDays()).toMillis();
    List<String> deleted = new ArrayList<>();
    for (String repositoryId : db.read(c -> retention.repositories(c, registryId))) {
      // One transaction per repository: what it reads to decide is what it deletes from.
      deleted.addAll(db.inTransaction(c -> expire(c, repositoryId, cutoff)));
    }
    return deleted;
  }

  private List<String> expire(Connection c, String repositoryId, long cutoff) throws SQLException {
    retention.lock(c, repositoryId);
    List<Node> nodes = retention.manifests(c, repositoryId);
    if (nodes.stream().allMatch(n -> n.createdAt() >= cutoff)) return List.of();
    Map<String, List<String>> needs = new HashMap<>();
    for (Node n : nodes) {
      if (n.subject() != null) {
        needs.computeIfAbsent(n.digest(), k -> new ArrayList<>()).add(n.subject());
        // A kept subject keeps its referrers: deleting them would break the image's signatures and SBOMs.
        needs.computeIfAbsent(n.subject(), k -> new ArrayList<>()).add(n.digest());
      }
    }
    for (Edge e : retention.manifestLinks(c, repositoryId)) {
      needs.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
    }
    Set<String> kept = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(retention.taggedDigests(c, repositoryId));
    for (Node n : nodes) {
      if (n.createdAt() >= cutoff) todo.add(n.digest());
    }
    while (!todo.isEmpty()) {
      String d = todo.pop();
      if (kept.add(d)) todo.addAll(needs.getOrDefault(d, List.of()));
    }
    List<String> deleted = new ArrayList<>();
    for (Node n : nodes) {
      if (!kept.contains(n.digest()) && manifests.delete(c, repositoryId, n.digest())) {
        deleted.add(repositoryId + "@" + n.digest());
      }
    }
    return deleted;
  }
}
