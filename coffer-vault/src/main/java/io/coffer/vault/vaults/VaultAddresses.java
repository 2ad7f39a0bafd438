package io.coffer.vault.vaults;

import java.util.Locale;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Where vaults are reached: each vault is its own host, {@code {vault}.{domain}}, on the server's
 * port. Every vault URI and key id is built here, from configuration, never from a raw Host header.
 */
public final class VaultAddresses {
  private final String domain;
  private final String scheme;
  private final IntSupplier port;

  public VaultAddresses(String domain, String scheme, int port) {
    this(domain, scheme, () -> port);
  }

  /** With the port known only once the server listens (a listen port of 0). */
  public VaultAddresses(String domain, String scheme, IntSupplier port) {
    this.domain = domain.toLowerCase(Locale.ROOT);
    this.scheme = scheme;
    this.port = port;
  }

  public String domain() {
    return domain;
  }

  /** {@code https://{vault}.{domain}:{port}/}, the vault's canonical URI, with its trailing slash. */
  public String vaultUri(String vaultName) {
    return scheme + "://" + vaultName.toLowerCase(Locale.ROOT) + "." + domain + portSuffix() + "/";
  }

  /** The resource named in tokens for the vault data plane and in the 401 challenge: {@code https://{domain}}. */
  public String resource() {
    return "https://" + domain;
  }

  /** The vault name a request's Host header points at, if it is a vault host. */
  public Optional<String> vaultNameOf(String hostHeader) {
    if (hostHeader == null) return Optional.empty();
    String host = hostHeader.toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) return Optional.empty();
    int colon = host.lastIndexOf(':');
    if (colon >= 0) host = host.substring(0, colon);
    if (host.endsWith(".")) host = host.substring(0, host.length() - 1);
    String suffix = "." + domain;
    if (!host.endsWith(suffix)) return Optional.empty();
    String name = host.substring(0, host.length() - suffix.length());
    return name.isEmpty() || name.contains(".") ? Optional.empty() : Optional.of(name);
  }

  private String portSuffix() {
    int p = port.getAsInt();
    boolean defaultPort = (scheme.equals("https") && p == 443) || (scheme.equals("http") && p == 80);
    return defaultPort ? "" : ":" + p;
  }
}
