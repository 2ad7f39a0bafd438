package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.cli.CliException;
import io.coffer.cli.CommandGroup;
import io.coffer.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keyvault key rotation-policy}: when the vault rotates a key by itself. */
@Command(name = "rotation-policy",
    description = "Manage the rotation policy of a key (the vault creates new versions on schedule).",
    subcommands = {KeyRotationPolicyCommands.Show.class, KeyRotationPolicyCommands.Update.class})
public final class KeyRotationPolicyCommands extends CommandGroup {

  static String path(String name) {
    return KeyCommands.keyPath(name, null) + "rotationpolicy";
  }

  @Command(name = "show", description = "Show the rotation policy of a key.")
  public static final class Show extends KeyCommands.NamedKeyCommand {
    @Override
    protected JsonNode execute() {
      return KeyOutput.rotationPolicy(client().get(path(name)));
    }
  }

  @Command(name = "update", description = "Set the rotation policy of a key.",
      footerHeading = "%nExamples%n",
      footer = {"  coffer keyvault key rotation-policy update --vault-name myvault -n mykey --value @policy.json",
          "  where policy.json is {\"lifetimeActions\":[{\"trigger\":{\"timeAfterCreate\":\"P90D\"},"
              + "\"action\":{\"type\":\"Rotate\"}}],\"attributes\":{\"expiryTime\":\"P2Y\"}}"})
  public static final class Update extends KeyCommands.NamedKeyCommand {
    @Option(names = "--value", required = true, paramLabel = "<json|@file>",
        description = "The policy as JSON, or @ and the name of a file holding it.")
    String value;

    @Override
    protected JsonNode execute() {
      JsonNode policy = wire(read(value));
      return KeyOutput.rotationPolicy(client().put(path(name), policy));
    }
  }

  private static JsonNode read(String value) {
    String text = value;
    if (value.startsWith("@")) {
      try {
        text = Files.readString(Path.of(value.substring(1)));
      } catch (IOException e) {
        throw new CliException("Cannot read the policy file '" + value.substring(1) + "': " + e.getMessage(),
            CliException.USAGE);
      }
    }
    try {
      JsonNode node = Json.parse(text);
      if (!node.isObject()) throw new IllegalArgumentException("not a JSON object");
      return node;
    } catch (IllegalArgumentException e) {
      throw new CliException("argument --value: the policy is not a JSON object: " + e.getMessage(),
          CliException.USAGE);
    }
  }

  /**
   * The policy as the data plane takes it. Also accepts what {@code rotation-policy show} prints
   * ({@code "action":"Rotate"} flat, {@code expiresIn}), so a shown policy can be edited and sent back.
   */
  static JsonNode wire(JsonNode policy) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode actions = out.putArray("lifetimeActions");
    for (JsonNode a : policy.path("lifetimeActions")) {
      if (a.path("action").isTextual()) {
        ObjectNode action = actions.addObject();
        ObjectNode trigger = action.putObject("trigger");
        if (a.path("timeAfterCreate").isTextual()) trigger.set("timeAfterCreate", a.get("timeAfterCreate"));
        if (a.path("timeBeforeExpiry").isTextual()) trigger.set("timeBeforeExpiry", a.get("timeBeforeExpiry"));
        action.putObject("action").set("type", a.get("action"));
      } else {
        actions.add(a);
      }
    }
    ObjectNode attributes = out.putObject("attributes");
    if (policy.path("attributes").isObject()) {
      policy.get("attributes").properties().forEach(p -> {
        if (p.getKey().equals("expiryTime")) attributes.set(p.getKey(), p.getValue());
      });
    }
    if (policy.path("expiresIn").isTextual()) attributes.set("expiryTime", policy.get("expiresIn"));
    return out;
  }
}
