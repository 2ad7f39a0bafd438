package io.coffer.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;

/**
 * The typed configuration tree. Every field has a default; {@link ConfigLoader} overlays a YAML
 * file and then {@code COFFER_*} environment variables, then {@link #validate()} fails fast.
 * docs/configuration.md lists every key.
 */
public final class CofferConfig {
  @JsonPropertyDescription("Folder for metadata, content, keys and TLS material.")
  public String dataDir = "./coffer-data";

  public Server server = new Server();
  public Storage storage = new Storage();
  public Encryption encryption = new Encryption();
  public Registry registry = new Registry();
  public Gc gc = new Gc();
  public Auth auth = new Auth();
  public Vault vault = new Vault();

  public static final class Server {
    @JsonPropertyDescription("Address and port to listen on.")
    public String listen = "0.0.0.0:5080";
    @JsonPropertyDescription("Serve HTTPS with a certificate generated on first start (or the files below).")
    public boolean tls = false;
    @JsonPropertyDescription("PEM certificate chain to serve instead of the generated one.")
    public String tlsCertificate = "";
    @JsonPropertyDescription("PEM private key (PKCS#8) that goes with tlsCertificate.")
    public String tlsPrivateKey = "";
    @JsonPropertyDescription("URL clients use to reach this server; derived from listen when empty.")
    public String publicUrl = "";
  }

  public static final class Storage {
    @JsonPropertyDescription("JDBC URL of the metadata store; empty means SQLite in dataDir.")
    public String jdbcUrl = "";
    @JsonPropertyDescription("Where content goes: 'filesystem' (under dataDir/content).")
    public String blobs = "filesystem";
  }

  public static final class Encryption {
    @JsonPropertyDescription("How long an unwrapped data key stays in memory before the key is asked again.")
    @JsonDeserialize(using = DurationText.Reader.class)
    @JsonSerialize(using = DurationText.Writer.class)
    public Duration keyCacheTtl = Duration.ofSeconds(60);
    @JsonPropertyDescription("Bytes per encrypted segment (Range reads decrypt whole segments).")
    public int segmentSize = 64 * 1024;
    @JsonPropertyDescription("Exercise the cipher at start so the first large blobs run at full speed.")
    public boolean warmUp = true;
    @JsonPropertyDescription("How often registries with a versionless customer key id look for a newer key version.")
    @JsonDeserialize(using = DurationText.Reader.class)
    @JsonSerialize(using = DurationText.Writer.class)
    public Duration rotationPollInterval = Duration.ofHours(1);
  }

  public static final class Registry {
    @JsonPropertyDescription("Upload sessions idle for longer than this are removed.")
    @JsonDeserialize(using = DurationText.Reader.class)
    @JsonSerialize(using = DurationText.Writer.class)
    public Duration uploadExpiry = Duration.ofHours(24);
    @JsonPropertyDescription("Open upload sessions allowed per registry before TOOMANYREQUESTS.")
    public int maxOpenUploads = 1000;
    @JsonPropertyDescription("Largest number of entries one tag or catalog page returns.")
    public int maxPageSize = 1000;
  }

  public static final class Gc {
    @JsonPropertyDescription("How often garbage collection runs; 0s turns the schedule off.")
    @JsonDeserialize(using = DurationText.Reader.class)
    @JsonSerialize(using = DurationText.Writer.class)
    public Duration interval = Duration.ofHours(1);
    @JsonPropertyDescription("Unreferenced blobs stored, pushed again or mounted within this time are kept, "
        + "so pushes in flight are safe.")
    @JsonDeserialize(using = DurationText.Reader.class)
    @JsonSerialize(using = DurationText.Writer.class)
    public Duration gracePeriod = Duration.ofHours(1);
  }

  public static final class Auth {
    @JsonPropertyDescription("Lifetime of registry bearer tokens.")
    @JsonDeserialize(using = DurationText.Reader.class)
    @JsonSerialize(using = DurationText.Writer.class)
    public Duration registryTokenTtl = Duration.ofMinutes(5);
    @JsonPropertyDescription("Lifetime of control-plane access tokens.")
    @JsonDeserialize(using = DurationText.Reader.class)
    @JsonSerialize(using = DurationText.Writer.class)
    public Duration accessTokenTtl = Duration.ofHours(1);
    @JsonPropertyDescription("Lifetime of the refresh token kept by 'coffer login'.")
    @JsonDeserialize(using = DurationText.Reader.class)
    @JsonSerialize(using = DurationText.Writer.class)
    public Duration refreshTokenTtl = Duration.ofDays(30);
    @JsonPropertyDescription("Age at which the token signing key is replaced; the previous key keeps verifying.")
    @JsonDeserialize(using = DurationText.Reader.class)
    @JsonSerialize(using = DurationText.Writer.class)
    public Duration signingKeyRotation = Duration.ofDays(30);
  }

  public static final class Vault {
    @JsonPropertyDescription("Vaults are served as hosts {vault}.{domain} on the server's port.")
    public String domain = "vault.localhost";
    @JsonPropertyDescription("How often key rotation policies and scheduled purges are checked.")
    @JsonDeserialize(using = DurationText.Reader.class)
    @JsonSerialize(using = DurationText.Writer.class)
    public Duration scheduleInterval = Duration.ofMinutes(1);
    @JsonPropertyDescription("PKCS#11 library for RSA-HSM keys; empty means SoftHSM2 when installed.")
    public String pkcs11Library = "";
    @JsonPropertyDescription("Label of the PKCS#11 token that holds RSA-HSM keys (created when SoftHSM2 is used).")
    public String pkcs11TokenLabel = "coffer";
    @JsonPropertyDescription("User PIN of that token; empty means one generated and kept in dataDir/keys (SoftHSM2 only).")
    public String pkcs11Pin = "";
    @JsonPropertyDescription("Whether keys encrypt, decrypt, wrap and unwrap with RSA1_5 (PKCS#1 v1.5, not recommended); "
        + "false leaves RSA-OAEP and RSA-OAEP-256.")
    public boolean allowRsa15 = true;
  }

  /** Fails fast with every problem found, one per line. */
  public void validate() {
    StringBuilder errors = new StringBuilder();
    if (dataDir == null || dataDir.isBlank()) errors.append("dataDir: must not be empty\n");
    try {
      HostPort.parse(server.listen);
    } catch (IllegalArgumentException e) {
      errors.append("server.listen: ").append(e.getMessage()).append('\n');
    }
    if (server.tlsCertificate.isBlank() != server.tlsPrivateKey.isBlank()) {
      errors.append("server.tlsCertificate and server.tlsPrivateKey: give both or neither\n");
    }
    if (!storage.blobs.equals("filesystem")) {
      errors.append("storage.blobs: unknown store '").append(storage.blobs).append("' (known: filesystem)\n");
    }
    if (!storage.jdbcUrl.isBlank() && !storage.jdbcUrl.startsWith("jdbc:sqlite:")) {
      errors.append("storage.jdbcUrl: only jdbc:sqlite: URLs are supported in this version\n");
    }
    if (encryption.keyCacheTtl.isNegative() || encryption.keyCacheTtl.isZero()) {
      errors.append("encryption.keyCacheTtl: must be positive\n");
    }
    if (encryption.rotationPollInterval.isNegative() || encryption.rotationPollInterval.isZero()) {
      errors.append("encryption.rotationPollInterval: must be positive\n");
    }
    if (encryption.segmentSize < 4096 || encryption.segmentSize > (16 << 20)) {
      errors.append("encryption.segmentSize: must be between 4096 and 16777216\n");
    }
    if (registry.maxOpenUploads < 1) errors.append("registry.maxOpenUploads: must be at least 1\n");
    if (registry.maxPageSize < 1) errors.append("registry.maxPageSize: must be at least 1\n");
    if (registry.uploadExpiry.isNegative() || registry.uploadExpiry.isZero()) {
      errors.append("registry.uploadExpiry: must be positive\n");
    }
    if (gc.interval.isNegative()) errors.append("gc.interval: must not be negative\n");
    if (gc.gracePeriod.isNegative()) errors.append("gc.gracePeriod: must not be negative\n");
    for (var d : new Duration[] {auth.registryTokenTtl, auth.accessTokenTtl, auth.refreshTokenTtl}) {
      if (d.isNegative() || d.isZero()) {
        errors.append("auth: token lifetimes must be positive\n");
        break;
      }
    }
    if (auth.signingKeyRotation.compareTo(auth.refreshTokenTtl) < 0
        || auth.signingKeyRotation.compareTo(auth.accessTokenTtl) < 0) {
      errors.append("auth.signingKeyRotation: must be at least the longest token lifetime (refreshTokenTtl)\n");
    }
    if (vault.domain == null || !vault.domain.matches("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
      errors.append("vault.domain: must be a DNS name such as vault.localhost\n");
    }
    if (vault.scheduleInterval.isNegative() || vault.scheduleInterval.isZero()) {
      errors.append("vault.scheduleInterval: must be positive\n");
    }
    if (errors.length() > 0) {
      throw new ConfigException(errors.toString().strip());
    }
  }
}
