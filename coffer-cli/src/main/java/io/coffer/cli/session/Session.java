package io.coffer.cli.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Who is logged in to which server, stored in {@code session.json}. {@code expiresOn} is the
 * access token's expiry in epoch seconds. toString leaves the tokens out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"server", "username", "accessToken", "refreshToken", "expiresOn", "subscriptionId",
    "subscriptionName", "subscriptionState", "tenantId", "caFile"})
public record Session(
    String server,
    String username,
    String accessToken,
    String refreshToken,
    long expiresOn,
    String subscriptionId,
    String subscriptionName,
    String subscriptionState,
    String tenantId,
    String caFile) {

  public Session withTokens(String accessToken, String refreshToken, long expiresOn) {
    return new Session(server, username, accessToken, refreshToken, expiresOn, subscriptionId,
        subscriptionName, subscriptionState, tenantId, caFile);
  }

  @Override
  public String toString() {
    return "Session[server=" + server + ", username=" + username + ", subscriptionId=" + subscriptionId
        + ", expiresOn=" + expiresOn + ", tokens hidden]";
  }
}
