package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.cli.CliException;
import io.coffer.cli.CommandGroup;
import io.coffer.cli.CofferCommand;
import io.coffer.cli.http.RegistryClient;
import io.coffer.cli.http.UrlPaths;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coffer acr repository}: the content of a registry, as {@code az acr repository}. These
 * commands talk to the registry itself ({@code /v2/} and {@code /acr/v1/} under the server URL,
 * registry name as first path component), signed in with the session's access token.
 */
@Command(name = "repository",
    description = "Manage the repositories (image names) of a registry.",
    subcommands = {AcrRepositoryCommands.ListRepositories.class, AcrRepositoryCommands.ShowTags.class,
        AcrRepositoryCommands.Show.class, AcrRepositoryCommands.Update.class, AcrRepositoryCommands.Delete.class})
public final class AcrRepositoryCommands extends CommandGroup {

  /** Tag order for show-tags; the names are az's. */
  public enum OrderBy {
    time_asc("timeasc"), time_desc("timedesc");

    final String apiValue;

    OrderBy(String apiValue) {
      this.apiValue = apiValue;
    }
  }

  /** Whether an image may be pulled: a manifest pushed under a quarantine policy starts Quarantined. */
  public enum QuarantineState { Passed, Quarantined }

  abstract static class RepositoryCommand extends CofferCommand {
    @Option(names = {"--name", "-n"}, required = true, paramLabel = "<registry>", description = "Name of the registry.")
    String name;

    String registryPath() {
      return Registries.dataPath(name);
    }
  }

  /** Exactly one of --repository and --image. */
  static final class Target {
    @Option(names = "--repository", paramLabel = "<repository>", description = "Name of the repository, e.g. team/app.")
    String repository;

    @Option(names = "--image", paramLabel = "<image>",
        description = "An image: REPOSITORY:TAG or REPOSITORY@sha256:DIGEST (the tag defaults to latest).")
    String image;

    /** {@code /acr/v1/{registry}/{repository}[/_manifests/{ref}]}. */
    String path(String registryPath) {
      if (repository != null) return "/acr/v1/" + registryPath + "/" + UrlPaths.repository(repository);
      ImageReference ref = ImageReference.parse(image);
      return "/acr/v1/" + registryPath + "/" + UrlPaths.repository(ref.repository())
          + "/_manifests/" + UrlPaths.segment(ref.reference());
    }
  }

  static Integer checkTop(Integer top) {
    if (top != null && top < 0) throw new CliException("argument --top: must be zero or more", CliException.USAGE);
    return top;
  }

  @Command(name = "list", description = "List the repositories of a registry.")
  public static final class ListRepositories extends RepositoryCommand {
    @Option(names = "--top", paramLabel = "<n>", description = "Return at most this many repositories.")
    Integer top;

    @Override
    protected JsonNode execute() {
      Integer limit = checkTop(top);
      ArrayNode names = JsonNodeFactory.instance.arrayNode();
      RegistryClient registry = registry();
      registry.pages("/v2/" + registryPath() + "/_catalog?n=100", page -> {
        page.path("repositories").forEach(names::add);
        return limit == null || names.size() < limit;
      });
      return truncate(names, limit);
    }
  }

  @Command(name = "show-tags", description = "List the tags of a repository.")
  public static final class ShowTags extends RepositoryCommand {
    @Option(names = "--repository", required = true, paramLabel = "<repository>", description = "Name of the repository.")
    String repository;

    @Option(names = "--top", paramLabel = "<n>", description = "Return at most this many tags.")
    Integer top;

    @Option(names = "--orderby", paramLabel = "<order>",
        description = "Order by last update time: ${COMPLETION-CANDIDATES}. Default: by name.")
    OrderBy orderBy;

    @Override
    protected JsonNode execute() {
      Integer limit = checkTop(top);
      ArrayNode tags = JsonNodeFactory.instance.arrayNode();
      RegistryClient registry = registry();
      String repo = UrlPaths.repository(repository);
      if (orderBy == null) {
        registry.pages("/v2/" + registryPath() + "/" + repo + "/tags/list?n=100", page -> {
          page.path("tags").forEach(tags::add);
          return limit == null || tags.size() < limit;
        });
      } else {
        // OCI tags/list has no times; ACR's metadata API orders tags by last update.
        registry.pages("/acr/v1/" + registryPath() + "/" + repo + "/_tags?orderby=" + orderBy.apiValue + "&n=100",
            page -> {
              page.path("tags").forEach(t -> tags.add(t.isTextual() ? t : t.path("name")));
              return limit == null || tags.size() < limit;
            });
      }
      return truncate(tags, limit);
    }
  }

  @Command(name = "show", description = "Get the attributes of a repository or of an image.",
      footerHeading = "%nExamples%n",
      footer = {"  coffer acr repository show -n myregistry --repository team/app",
          "  coffer acr repository show -n myregistry --image team/app:v1"})
  public static final class Show extends RepositoryCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Override
    protected JsonNode execute() {
      return registry().get(target.path(registryPath()));
    }
  }

  @Command(name = "update",
      description = {"Release an image from quarantine, or quarantine it again.",
          "While the registry's quarantine policy is on, a pushed image is Quarantined and cannot be pulled until "
              + "its state is Passed."},
      footerHeading = "%nExamples%n",
      footer = {"  coffer acr repository update -n myregistry --image team/app@sha256:<digest> \\",
          "      --quarantine-state Passed"})
  public static final class Update extends RepositoryCommand {
    @Option(names = "--image", required = true, paramLabel = "<image>",
        description = "The image, by digest: REPOSITORY@sha256:DIGEST.")
    String image;

    @Option(names = "--quarantine-state", required = true, paramLabel = "<state>",
        description = "New quarantine state: ${COMPLETION-CANDIDATES}.")
    QuarantineState quarantineState;

    @Override
    protected JsonNode execute() {
      ImageReference ref = ImageReference.parse(image);
      if (!ref.isDigest()) {
        throw new CliException("argument --image: the quarantine state belongs to a manifest: use "
            + "REPOSITORY@sha256:DIGEST.", CliException.USAGE);
      }
      ObjectNode body = JsonNodeFactory.instance.objectNode().put("quarantineState", quarantineState.name());
      return registry().patch("/acr/v1/" + registryPath() + "/" + UrlPaths.repository(ref.repository())
          + "/_manifests/" + UrlPaths.segment(ref.reference()), body);
    }
  }

  @Command(name = "delete",
      description = {"Delete a repository with all its images, or one image (manifest) with all its tags.",
          "Prints the manifests and tags deleted."},
      footerHeading = "%nExamples%n",
      footer = {"  coffer acr repository delete -n myregistry --repository team/app --yes",
          "  coffer acr repository delete -n myregistry --image team/app@sha256:<digest>"})
  public static final class Delete extends RepositoryCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = {"--yes", "-y"}, description = "Do not prompt for confirmation.")
    boolean yes;

    @Override
    protected JsonNode execute() {
      String path = target.path(registryPath());
      RegistryClient registry = registry();
      confirm(yes, target.repository != null
          ? "This operation will delete the repository '" + target.repository + "' and all the images in it."
          : "This operation will delete the image '" + target.image + "' (its manifest and every tag on it).");
      return registry.delete(path);
    }
  }

  private static ArrayNode truncate(ArrayNode items, Integer limit) {
    if (limit == null || items.size() <= limit) return items;
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < limit; i++) out.add(items.get(i));
    return out;
  }
}
