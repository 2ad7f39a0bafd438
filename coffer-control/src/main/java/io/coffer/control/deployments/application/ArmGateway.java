package io.coffer.control.deployments.application;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The control plane's ARM edge as a client sees it. A deployment applies each resource through
 * here, with the caller's own credentials, so every rule, permission and error of each resource
 * type applies unchanged, and resource types added later deploy without changes to deployments.
 */
public interface ArmGateway {
  /** Who calls: the {@code Authorization} header to pass on, and the {@code Host} the caller used (or null). */
  record Caller(String authorization, String host) {}

  /** {@code path} is a resource id (not encoded); {@code body} is null for no body. */
  ArmResponse send(Caller caller, String method, String path, String apiVersion, JsonNode body);
}
