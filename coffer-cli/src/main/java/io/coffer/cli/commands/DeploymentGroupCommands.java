package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.cli.CliException;
import io.coffer.cli.CommandGroup;
import io.coffer.cli.CofferCommand;
import io.coffer.cli.http.ArmClient;
import io.coffer.cli.http.ErrorMapper;
import io.coffer.cli.http.UrlPaths;
import io.coffer.common.Json;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coffer deployment group}: deployments to a resource group, as {@code az deployment group}.
 * Prints the deployment as ARM returns it; a deployment that fails prints its error, each failed
 * resource's own error under it, and exits 1.
 */
@Command(name = "group", description = "Deploy templates to a resource group.",
    subcommands = {DeploymentGroupCommands.Create.class, DeploymentGroupCommands.Show.class,
        DeploymentGroupCommands.ListDeployments.class, DeploymentGroupCommands.Delete.class})
public final class DeploymentGroupCommands extends CommandGroup {
  static final String API = "2022-09-01";

  static String listPath(ArmClient arm, String group) {
    return GroupCommands.path(arm, group) + "/providers/Microsoft.Resources/deployments";
  }

  static String path(ArmClient arm, String group, String name) {
    return listPath(arm, group) + "/" + UrlPaths.segment(name);
  }

  abstract static class InGroup extends CofferCommand {
    @Option(names = {"--resource-group", "-g"}, required = true, paramLabel = "<group>",
        description = "Name of the resource group.")
    String group;
  }

  abstract static class Named extends InGroup {
    @Option(names = {"--name", "-n"}, required = true, paramLabel = "<deployment>",
        description = "Name of the deployment.")
    String name;
  }

  @Command(name = "create", description = "Start a deployment at resource group and wait for it to finish.",
      footerHeading = "%nExamples%n", footer = {
          "  coffer deployment group create --resource-group myrg --template-file CMKtemplate.json \\",
          "    --parameters registry_name=myregistry identity_name=myidentity vault_name=myvault kek_id=<key id>",
          "  coffer deployment group create -g myrg -f azuredeploy.json --parameters @params.json"})
  public static final class Create extends InGroup {
    @Option(names = {"--template-file", "-f"}, required = true, paramLabel = "<file>",
        description = "The path to the template file (JSON).")
    Path templateFile;

    @Option(names = {"--name", "-n"}, paramLabel = "<deployment>",
        description = "The deployment name. Default: the template file's name without its extension.")
    String name;

    @Option(names = {"--parameters", "-p"}, arity = "1..*", paramLabel = "<parameters>",
        description = "Parameters: name=value pairs, @file.json (a parameters file), or JSON. May be repeated; "
            + "a later value wins.")
    List<String> parameters;

    @Option(names = "--mode", paramLabel = "<mode>", defaultValue = "Incremental",
        description = "The deployment mode. Only Incremental is supported.")
    String mode;

    @Override
    protected JsonNode execute() {
      if (!mode.equalsIgnoreCase("Incremental")) {
        throw new CliException("Only the Incremental mode is supported; got '" + mode + "'.", CliException.USAGE);
      }
      JsonNode template;
      try {
        template = Json.parse(DeploymentParameters.read(templateFile.toString()));
      } catch (IllegalArgumentException e) {
        throw new CliException("Failed to parse the template file '" + templateFile + "': " + e.getMessage());
      }
      ObjectNode properties = JsonNodeFactory.instance.objectNode();
      properties.put("mode", "Incremental");
      properties.set("template", template);
      properties.set("parameters", DeploymentParameters.parse(parameters, template));
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.set("properties", properties);
      ArmClient arm = arm();
      JsonNode deployment = arm.put(path(arm, group, name != null ? name : defaultName(templateFile)), API, body);
      failIfFailed(deployment);
      return deployment;
    }

    /** az names a deployment after its template file. */
    static String defaultName(Path file) {
      String base = file.getFileName().toString();
      int dot = base.lastIndexOf('.');
      return dot > 0 ? base.substring(0, dot) : base;
    }

    private static void failIfFailed(JsonNode deployment) {
      JsonNode p = deployment == null ? null : deployment.path("properties");
      if (p == null || !p.path("provisioningState").asText().equalsIgnoreCase("Failed")) return;
      JsonNode error = p.path("error");
      StringBuilder message = new StringBuilder(ErrorMapper.armMessage(error.path("code").asText("DeploymentFailed"),
          error.path("message").asText("The deployment failed.")));
      message.append("\nTarget: ").append(deployment.path("id").asText());
      if (!error.path("details").isEmpty()) message.append("\nException Details:");
      for (JsonNode d : error.path("details")) {
        message.append("\t(").append(d.path("code").asText()).append(") ").append(d.path("message").asText())
            .append("\n\tCode: ").append(d.path("code").asText())
            .append("\n\tMessage: ").append(d.path("message").asText())
            .append("\n\tTarget: ").append(d.path("target").asText()).append('\n');
      }
      throw new CliException(message.toString().stripTrailing());
    }
  }

  @Command(name = "show", description = "Show a deployment at resource group.")
  public static final class Show extends Named {
    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      return arm.get(path(arm, group, name), API);
    }
  }

  @Command(name = "list", description = "List the deployments at resource group.")
  public static final class ListDeployments extends InGroup {
    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      arm.list(listPath(arm, group), API).forEach(out::add);
      return out;
    }
  }

  @Command(name = "delete", description = "Delete a deployment at resource group (its record; the resources stay).")
  public static final class Delete extends Named {
    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      arm.delete(path(arm, group, name), API, true);
      return null;
    }
  }
}
