package io.coffer.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * az's global result transform (azure-cli {@code commands/transform.py}): every object with an
 * {@code id} of a resource inside a group, and no resource-group key of any case, gains
 * {@code resourceGroup}. It runs before {@code --query}, so queries can use the field.
 */
public final class ResourceGroupTransform {
  private ResourceGroupTransform() {}

  public static void apply(JsonNode node) {
    if (node == null) return;
    if (node.isArray()) {
      node.forEach(ResourceGroupTransform::apply);
    } else if (node.isObject()) {
      ObjectNode obj = (ObjectNode) node;
      String group = groupOf(obj);
      if (group != null) obj.put("resourceGroup", group);
      List<String> keys = new ArrayList<>();
      obj.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        // az leaves a disk's sourceVault reference alone; keep the same exception.
        if (!key.equals("sourceVault")) apply(obj.get(key));
      }
    }
  }

  /**
   * Same rule as az's {@code _parse_id}: the fourth segment is "resourceGroups" (any case) and the
   * id is long enough to name a resource in it, so a group's own id gains nothing.
   */
  static String groupOf(ObjectNode obj) {
    var names = obj.fieldNames();
    while (names.hasNext()) {
      if (names.next().toLowerCase(Locale.ROOT).equals("resourcegroup")) return null;
    }
    JsonNode id = obj.get("id");
    if (id == null || !id.isTextual() || id.textValue().isEmpty()) return null;
    String[] parts = id.textValue().split("/", -1);
    if (parts.length < 9 || !parts[3].equalsIgnoreCase("resourceGroups")) return null;
    return parts[4];
  }
}
