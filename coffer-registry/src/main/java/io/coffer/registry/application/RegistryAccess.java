package io.coffer.registry.application;

import io.coffer.identity.Principal;
import io.coffer.registry.domain.Registry;
import java.util.ArrayList;
import java.util.List;

/** Which registry actions a principal may take. Users with roles on registries come with the vault issue. */
public final class RegistryAccess {
  public static final String PULL = "pull";
  public static final String PUSH = "push";
  public static final String DELETE = "delete";

  /** The subset of {@code wanted} actions the principal (null = anonymous) may take on the registry. */
  public List<String> allowed(Principal p, Registry r, List<String> wanted) {
    List<String> out = new ArrayList<>();
    for (String action : wanted) {
      if (may(p, r, action)) out.add(action);
    }
    return out;
  }

  public boolean may(Principal p, Registry r, String action) {
    if (p == null) return action.equals(PULL) && r.anonymousPullEnabled();
    return switch (p.kind()) {
      case ADMIN -> true;
      case REGISTRY_ADMIN -> r.id().equals(p.registryId());
      case USER, MANAGED_IDENTITY, SYSTEM_IDENTITY -> false;
    };
  }
}
