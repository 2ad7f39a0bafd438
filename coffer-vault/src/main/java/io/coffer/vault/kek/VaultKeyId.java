package io.coffer.vault.kek;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A key identifier of one of this Coffer's vaults, {@code https://{vault}.{domain}[:port]/keys/{name}[/{version}]}:
 * versioned (that version only) or versionless (the vault's latest version). Only the vault, key and
 * version are kept: requests always go to the vault's own address, never to the host a caller wrote.
 */
public record VaultKeyId(String vaultName, String keyName, String version) {
  private static final Pattern KEY_NAME = Pattern.compile("[0-9a-zA-Z-]{1,127}");
  private static final Pattern VERSION = Pattern.compile("[0-9a-zA-Z]{1,64}");
  private static final Pattern VAULT_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]");

  /** Parses {@code keyId}; empty when it is no key id of a vault under {@code domain}. */
  public static Optional<VaultKeyId> parse(String keyId, String domain) {
    if (keyId == null || keyId.isBlank()) return Optional.empty();
    URI uri;
    try {
      uri = new URI(keyId.trim());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.getRawQuery() != null
        || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      return Optional.empty();
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    String suffix = "." + domain.toLowerCase(Locale.ROOT);
    if (!host.endsWith(suffix)) return Optional.empty();
    String vault = host.substring(0, host.length() - suffix.length());
    if (!VAULT_NAME.matcher(vault).matches()) return Optional.empty();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
    String[] s = path.split("/", -1);
    if (s.length < 3 || s.length > 4 || !s[0].isEmpty() || !s[1].equalsIgnoreCase("keys")
        || !KEY_NAME.matcher(s[2]).matches()) {
      return Optional.empty();
    }
    String version = s.length == 4 ? s[3] : null;
    if (version != null && !VERSION.matcher(version).matches()) return Optional.empty();
    return Optional.of(new VaultKeyId(vault, s[2], version));
  }

  public boolean versioned() {
    return version != null;
  }

  public VaultKeyId withVersion(String newVersion) {
    return new VaultKeyId(vaultName, keyName, newVersion);
  }

  public VaultKeyId versionless() {
    return new VaultKeyId(vaultName, keyName, null);
  }

  /** The path below the vault's URI: {@code keys/{name}} or {@code keys/{name}/{version}}. */
  public String path() {
    return "keys/" + keyName + (version == null ? "" : "/" + version);
  }

  /** The same key, named as a vault name and key path, for messages. */
  @Override
  public String toString() {
    return vaultName + "/" + path();
  }
}
