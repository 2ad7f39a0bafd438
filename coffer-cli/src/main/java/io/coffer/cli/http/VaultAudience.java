package io.coffer.cli.http;

import io.coffer.cli.CliException;
import java.net.URI;
import java.util.Locale;

/** The token audience of a vault: {@code https://} and the vault's host less its first label. */
public final class VaultAudience {
  private VaultAudience() {}

  public static String of(String vaultUri) {
    String host;
    try {
      host = URI.create(vaultUri.trim()).getHost();
    } catch (IllegalArgumentException e) {
      host = null;
    }
    int dot = host == null ? -1 : host.indexOf('.');
    if (dot <= 0 || dot == host.length() - 1) {
      throw new CliException("The vault URI '" + vaultUri + "' does not have the form https://{vault}.{domain}/.");
    }
    return "https://" + host.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
