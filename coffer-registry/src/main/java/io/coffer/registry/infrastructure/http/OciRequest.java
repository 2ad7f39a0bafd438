package io.coffer.registry.infrastructure.http;

import io.coffer.registry.domain.Registry;
import io.coffer.registry.domain.RepositoryName;
import io.javalin.http.Context;

/** One authorised registry request: the registry, the repository and the resource parameter. */
record OciRequest(Context ctx, Registry registry, RepositoryName name, String param) {
  String base() {
    return "/v2/" + name.full();
  }
}
