package io.coffer.registry.infrastructure.http;

import io.coffer.registry.domain.Registry;
import io.coffer.registry.domain.RepositoryName;
import io.javalin.http.Context;

/**
 * One authorised registry request: the registry, the repository, the resource parameter, and
 * whether the caller may also pull another repository (the source of a mount).
 */
record OciRequest(Context ctx, Registry registry, RepositoryName name, String param,
    java.util.function.Predicate<String> mayPull) {
  String base() {
    return "/v2/" + name.full();
  }
}
