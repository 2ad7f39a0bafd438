package io.coffer.registry.application;

import io.coffer.registry.domain.ErrorKind;
import io.coffer.registry.domain.Registry;
import io.coffer.registry.domain.RegistryException;
import io.coffer.registry.domain.RegistrySettings;
import io.coffer.registry.domain.RegistrySettingsStore;
import io.coffer.storage.db.Database;
import io.coffer.vault.access.IpRange;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry's network rules ({@code networkRuleSet}) applied to each data-plane request: with
 * default action Deny, only clients whose address is in one of the IP rules pass.
 *
 * <p>Every request of a push or pull passes here, blob chunks included, so each registry's rules
 * are kept parsed for a short time instead of read per request; {@link #forget} makes a change
 * take effect at once on this node.
 */
public final class RegistryFirewall {
  private final Database db;
  private final RegistrySettingsStore settings;
  private final Clock clock;
  private final long ttlMillis;
  private final Map<String, Rules> cache = new ConcurrentHashMap<>();

  private record Rules(boolean denyByDefault, List<IpRange> allowed, long expiresAt) {}

  public RegistryFirewall(Database db, RegistrySettingsStore settings, Clock clock, Duration ttl) {
    this.db = db;
    this.settings = settings;
    this.clock = clock;
    this.ttlMillis = ttl.toMillis();
  }

  /** Refuses the request with {@code DENIED} unless the registry's rules let {@code clientIp} in. */
  public void check(Registry registry, String clientIp) {
    Rules rules = rules(registry.id());
    if (!rules.denyByDefault()) return;
    Optional<InetAddress> client = IpRange.clientAddress(clientIp);
    if (client.isPresent()) {
      for (IpRange range : rules.allowed()) {
        if (range.contains(client.get())) return;
      }
    }
    String shown = clientIp == null ? "unknown" : clientIp.replace("[", "").replace("]", "");
    throw new RegistryException(ErrorKind.DENIED, "client with IP '" + shown + "' is not allowed access to registry '"
        + registry.name() + "'. Refer https://aka.ms/acr/firewall to grant access.",
        Map.of("registry", registry.name(), "clientIp", shown));
  }

  /** Drops what is known of the registry's rules; the next request reads them again. */
  public void forget(String registryId) {
    cache.remove(registryId);
  }

  private Rules rules(String registryId) {
    long now = clock.millis();
    Rules cached = cache.get(registryId);
    if (cached != null && cached.expiresAt() > now) return cached;
    RegistrySettings.NetworkRules network = db.read(c -> settings.get(c, registryId)).networkRules();
    List<IpRange> allowed = new ArrayList<>();
    for (String rule : network.ipRules()) {
      try {
        allowed.add(IpRange.parse(rule));
      } catch (IllegalArgumentException e) {
        // The control plane refuses bad rules; a stored one that does not parse never widens access.
      }
    }
    Rules fresh = new Rules(network.denyByDefault(), List.copyOf(allowed), now + ttlMillis);
    if (cache.size() > 10_000) cache.values().removeIf(r -> r.expiresAt() <= now);
    cache.put(registryId, fresh);
    return fresh;
  }
}
