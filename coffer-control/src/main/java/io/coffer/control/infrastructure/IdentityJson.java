package io.coffer.control.infrastructure;

import io.coffer.identity.managed.ManagedIdentity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** ARM JSON of {@code Microsoft.ManagedIdentity/userAssignedIdentities}, as in the seed's {@code identity create}. */
final class IdentityJson {
  private IdentityJson() {}

  /** @param base the server's public base URL, which the {@code clientSecretUrl} is built on */
  static Map<String, Object> identity(ManagedIdentity m, String base) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("clientId", m.clientId());
    props.put("clientSecretUrl", base + m.resourceId()
        + "/credentials?tid=" + q(m.tenantId()) + "&oid=" + q(m.principalId()) + "&aid=" + q(m.clientId()));
    props.put("principalId", m.principalId());
    props.put("tenantId", m.tenantId());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", m.resourceId());
    out.put("location", m.location());
    out.put("name", m.name());
    out.put("properties", props);
    out.put("tags", m.tags());
    out.put("type", ManagedIdentity.TYPE);
    return out;
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
