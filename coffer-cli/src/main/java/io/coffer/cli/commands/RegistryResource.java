package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.http.ArmClient;

/**
 * A registry as read from the control plane, with the path it was read from: the commands that
 * edit one part of it (identity, encryption, rules, policies) read it, change that part, PATCH it.
 */
record RegistryResource(String path, JsonNode body) {
  static RegistryResource read(ArmClient arm, String group, String name) {
    String path = Registries.resolve(arm, group, name);
    return new RegistryResource(path, arm.get(path, Registries.API));
  }

  /** The registry's resource group: part of its path. */
  String group() {
    return Registries.groupOf(path);
  }

  String name() {
    return body.path("name").asText("");
  }

  JsonNode properties() {
    return body.path("properties");
  }

  /** The registry's {@code identity}, or a missing/null node when it has none. */
  JsonNode identity() {
    return body.path("identity");
  }
}
