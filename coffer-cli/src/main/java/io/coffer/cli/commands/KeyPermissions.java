package io.coffer.cli.commands;

import io.coffer.cli.CliException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The Key Vault key permissions of an access policy, as az checks them before sending. */
final class KeyPermissions {
  static final List<String> ALL = List.of("get", "list", "create", "update", "import", "delete", "recover",
      "backup", "restore", "purge", "decrypt", "encrypt", "unwrapKey", "wrapKey", "verify", "sign", "rotate",
      "getrotationpolicy", "setrotationpolicy");

  private KeyPermissions() {}

  /** The wire names, in the order given, case-insensitive; {@code all} stands for every permission. */
  static List<String> parse(List<String> values) {
    Set<String> out = new LinkedHashSet<>();
    for (String value : values) {
      for (String v : value.split(",")) {
        String p = v.trim();
        if (p.isEmpty()) continue;
        if (p.equalsIgnoreCase("all")) {
          out.addAll(ALL);
          continue;
        }
        String wire = ALL.stream().filter(a -> a.equalsIgnoreCase(p)).findFirst().orElseThrow(() ->
            new CliException("argument --key-permissions: invalid choice: '" + p + "' (choose from 'all', '"
                + String.join("', '", ALL) + "')", CliException.USAGE));
        out.add(wire);
      }
    }
    if (out.isEmpty()) {
      throw new CliException("argument --key-permissions: expected at least one permission.", CliException.USAGE);
    }
    return new ArrayList<>(out);
  }
}
