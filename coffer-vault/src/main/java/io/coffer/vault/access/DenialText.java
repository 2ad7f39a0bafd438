package io.coffer.vault.access;

import io.coffer.vault.vaults.Vault;

/** The pieces Key Vault's refusal messages repeat: who called and which vault. */
final class DenialText {
  private DenialText() {}

  /**
   * Key Vault writes {@code appid=…;oid=…}; Coffer's caller carries no application id, so the
   * principal's name stands first when known.
   */
  static String caller(Caller caller) {
    String name = caller.name() == null || caller.name().isBlank() ? "" : "name=" + caller.name() + ";";
    return name + "oid=" + caller.objectId();
  }

  static String vault(Vault vault) {
    return vault.name() + ";location=" + vault.location();
  }
}
