package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.cli.CliException;
import io.coffer.cli.CommandGroup;
import io.coffer.cli.CofferCommand;
import io.coffer.cli.http.ArmClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code coffer acr identity}: the managed identities of a registry, as {@code az acr identity}.
 * The registry reaches a key vault as one of them: a user-assigned identity, or its own
 * system-assigned identity ({@code [system]}), which assigning creates.
 */
@Command(name = "identity",
    description = "Manage the managed identities of a container registry (user-assigned, or its system-assigned one).",
    subcommands = {AcrIdentityCommands.Assign.class, AcrIdentityCommands.Remove.class, AcrIdentityCommands.Show.class})
public final class AcrIdentityCommands extends CommandGroup {

  /** What a registry has: the system-assigned identity or not, and its user-assigned identities. */
  static final class Assigned {
    boolean system;
    /** Resource id as the server spells it, to its properties; insertion order kept for output. */
    final Map<String, JsonNode> users = new LinkedHashMap<>();

    static Assigned of(JsonNode identity) {
      Assigned a = new Assigned();
      a.system = identity.path("type").asText("").toLowerCase(Locale.ROOT).contains("systemassigned");
      identity.path("userAssignedIdentities").properties().forEach(e -> a.users.put(e.getKey(), e.getValue()));
      return a;
    }

    /** The key under which the registry holds {@code id}, matched ignoring case, or null. */
    String find(String id) {
      for (String key : users.keySet()) if (key.equalsIgnoreCase(id)) return key;
      return null;
    }

    /** ARM's identity type for what remains. */
    String type() {
      if (system && !users.isEmpty()) return "SystemAssigned, UserAssigned";
      if (system) return "SystemAssigned";
      return users.isEmpty() ? "None" : "UserAssigned";
    }
  }

  abstract static class Change extends CofferCommand {
    @Mixin ExistingRegistry registry;

    @Option(names = "--identities", required = true, arity = "1..*", paramLabel = "<identity>",
        description = {"Space-separated identities: resource ids, names in the registry's resource group, client or "
            + "principal ids of user-assigned identities. Use '[system]' for the system-assigned identity."})
    List<String> identities;

    /** Edits {@code assigned} and fills {@code users} with the user-identity entries to send. */
    abstract void change(Assigned assigned, IdentityReferences references, RegistryResource current,
        ObjectNode users);

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      RegistryResource current = registry.read(arm);
      Assigned assigned = Assigned.of(current.identity());
      IdentityReferences references = new IdentityReferences(arm, current.group(),
          current.identity().path("userAssignedIdentities"));
      ObjectNode users = JsonNodeFactory.instance.objectNode();
      change(assigned, references, current, users);
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      ObjectNode identity = body.putObject("identity");
      identity.put("type", assigned.type());
      if (!users.isEmpty()) identity.set("userAssignedIdentities", users);
      return ArmOutput.flatten(arm.patch(current.path(), Registries.API, body));
    }

    List<String> userReferences() {
      return identities.stream().filter(i -> !IdentityReferences.isSystem(i)).toList();
    }

    boolean wantsSystem() {
      return identities.stream().anyMatch(IdentityReferences::isSystem);
    }
  }

  @Command(name = "assign", description = {"Assign managed identities to a container registry.",
      "'[system]' turns the registry's system-assigned identity on: the output's principalId is the object id to "
          + "name in a key vault's access policy or role assignment."},
      footerHeading = "%nExamples%n",
      footer = {"  coffer acr identity assign -n myregistry --identities [system]",
          "  coffer acr identity assign -n myregistry --identities myidentity",
          "  coffer acr identity assign -n myregistry --identities <GUID of the error message>"})
  public static final class Assign extends Change {
    @Override
    void change(Assigned assigned, IdentityReferences references, RegistryResource current, ObjectNode users) {
      if (wantsSystem()) assigned.system = true;
      // The identities the registry keeps are sent as well: the update states the whole set.
      assigned.users.keySet().forEach(users::putObject);
      for (String reference : userReferences()) {
        String id = references.resourceId(reference);
        if (assigned.find(id) == null) {
          assigned.users.put(id, JsonNodeFactory.instance.objectNode());
          users.putObject(id);
        }
      }
    }
  }

  @Command(name = "remove", description = {"Remove managed identities from a container registry.",
      "The identity that the registry's customer-managed key is read with cannot be removed: rotate the key to "
          + "another identity first."},
      footerHeading = "%nExamples%n",
      footer = {"  coffer acr identity remove -n myregistry --identities myidentity",
          "  coffer acr identity remove -n myregistry --identities [system]"})
  public static final class Remove extends Change {
    @Override
    void change(Assigned assigned, IdentityReferences references, RegistryResource current, ObjectNode users) {
      if (!assigned.system && assigned.users.isEmpty()) {
        throw new CliException("The registry " + registry.name + " has no system or user assigned identities.");
      }
      if (wantsSystem()) {
        if (!assigned.system) throw new CliException("The registry does not have a system identity assigned.");
        assigned.system = false;
      }
      List<String> removed = new ArrayList<>();
      for (String reference : userReferences()) {
        String key = assigned.find(references.resourceId(reference));
        if (key == null) {
          throw new CliException("The registry does not have specified user identity '" + reference
              + "' assigned, so it cannot be removed.");
        }
        assigned.users.remove(key);
        removed.add(key);
      }
      // ARM's update merges userAssignedIdentities: null is how an entry is taken out.
      assigned.users.keySet().forEach(users::putObject);
      removed.forEach(users::putNull);
    }
  }

  @Command(name = "show", description = {"Show the managed identities of a container registry.",
      "Prints nothing when the registry has none."})
  public static final class Show extends CofferCommand {
    @Mixin ExistingRegistry registry;

    @Override
    protected JsonNode execute() {
      JsonNode identity = registry.read(arm()).identity();
      return identity.isMissingNode() || identity.isNull() ? null : identity;
    }
  }
}
