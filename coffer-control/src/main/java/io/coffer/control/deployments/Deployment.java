package io.coffer.control.deployments;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A template deployment ({@code Microsoft.Resources/deployments}): the record of one run in a
 * resource group. The resources it applied are ordinary resources, not tied to it; deleting the
 * record leaves them.
 *
 * @param resourceGroup the group's name as it was created
 * @param duration how long the run took (so far, while running)
 * @param parameters {@code {"name":{"type","value"}}}, secure values left out
 * @param outputs {@code {"name":{"type","value"}}}, empty unless it succeeded
 * @param outputResources the ids of the resources applied, in the order they were
 * @param error null unless it failed
 */
public record Deployment(String subscriptionId, String resourceGroup, String name, State state, Instant timestamp,
    Duration duration, String correlationId, String templateHash, JsonNode parameters, JsonNode outputs,
    List<String> outputResources, Failure error) {
  public static final String TYPE = "Microsoft.Resources/deployments";
  private static final Pattern NAME = Pattern.compile("[-\\w.()]{1,64}");

  public enum State { Running, Succeeded, Failed }

  /** Why a deployment failed; {@code details} holds each failing resource's own error. */
  public record Failure(String code, String message, List<Detail> details) {}

  /** One resource's error: its code and message, and its id as {@code target}. */
  public record Detail(String code, String message, String target) {}

  public static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  public String id() {
    return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup + "/providers/" + TYPE + "/" + name;
  }
}
