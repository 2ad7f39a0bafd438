package io.coffer.control.domain;

import java.util.Map;

public record ResourceGroup(String subscriptionId, String name, String location, Map<String, String> tags) {
  public String id() {
    return "/subscriptions/" + subscriptionId + "/resourceGroups/" + name;
  }
}
