package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options a new key version is born with, shared by {@code key create} and {@code key import}
 * (a picocli mixin): permitted operations, enabled state, validity window and tags.
 */
public final class KeyAttributeOptions {
  @Option(names = "--ops", arity = "1..*", paramLabel = "<op>",
      description = "Space-separated permitted operations: encrypt, decrypt, sign, verify, wrapKey, unwrapKey, import.")
  List<String> ops;

  @Option(names = "--disabled", arity = "0..1", fallbackValue = "true", paramLabel = "<true|false>",
      description = "Create the key disabled.")
  Boolean disabled;

  @Option(names = "--expires", paramLabel = "<date-time>", description = "Expiry, ISO-8601 (UTC when no offset).")
  String expires;

  @Option(names = "--not-before", paramLabel = "<date-time>",
      description = "Not usable before this time, ISO-8601 (UTC when no offset).")
  String notBefore;

  @Option(names = "--tags", arity = "0..*", paramLabel = "<key[=value]>",
      description = "Space-separated tags: key[=value] [key[=value] ...].")
  List<String> tags;

  /** {@code key_ops} as the data plane takes it, or null when --ops was not given. */
  ArrayNode keyOps() {
    return ops == null ? null : KeyArguments.ops(ops);
  }

  /** Sets {@code attributes} (always, with {@code enabled}) and {@code tags} (when given) on {@code body}. */
  void addTo(ObjectNode body) {
    ObjectNode attributes = body.putObject("attributes");
    attributes.put("enabled", !Boolean.TRUE.equals(disabled));
    if (expires != null) attributes.put("exp", KeyArguments.epoch("--expires", expires));
    if (notBefore != null) attributes.put("nbf", KeyArguments.epoch("--not-before", notBefore));
    if (tags != null) body.set("tags", Tags.parse(tags));
  }
}
