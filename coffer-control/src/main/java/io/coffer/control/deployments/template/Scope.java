package io.coffer.control.deployments.template;

import com.fasterxml.jackson.databind.JsonNode;

/** What the template functions read from the deployment around them. */
public interface Scope {
  /** The value of a template parameter; unknown names throw {@link TemplateException}. */
  JsonNode parameter(String name);

  /** The value of a template variable; unknown names throw {@link TemplateException}. */
  JsonNode variable(String name);

  /** {@code resourceGroup()}: {@code id, name, type, location, tags, properties}. */
  JsonNode resourceGroup();

  /** {@code subscription()}: {@code id, subscriptionId, tenantId, displayName}. */
  JsonNode subscription();

  /** {@code deployment()}: {@code name, properties}. */
  JsonNode deployment();

  /**
   * {@code reference(resource, apiVersion, 'Full')}: the resource's {@code properties}, or the
   * whole resource when {@code full}. {@code resource} is an ARM id or the name of a resource of
   * this template; {@code apiVersion} may be null for one of this template.
   */
  JsonNode reference(String resource, String apiVersion, boolean full);
}
