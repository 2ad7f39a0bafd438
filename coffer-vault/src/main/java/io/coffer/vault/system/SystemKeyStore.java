package io.coffer.vault.system;

import io.coffer.common.Ids;
import io.coffer.vault.kek.KeyAccessException;
import io.coffer.vault.kek.KeyEncryptionKey;
import io.coffer.vault.kek.KeyEncryptionKeyResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * The built-in system key store: RSA-3072 service-managed keys kept in a PKCS#12 file under
 * {@code DIR/keys}, protected by a random store password in a 0600 file beside it. Every
 * registry without a customer key has its data key wrapped by the current service-managed key.
 *
 * <p>Key ids read {@code coffer:system/keys/service-managed/<32 hex version>}.
 */
public final class SystemKeyStore implements KeyEncryptionKeyResolver {
  public static final String KEY_ID_PREFIX = "coffer:system/keys/service-managed/";
  private static final OAEPParameterSpec OAEP_256 = new OAEPParameterSpec(
      "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

  private final Path storeFile;
  private final char[] password;
  private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();
  private volatile String currentVersion;

  private SystemKeyStore(Path storeFile, char[] password) {
    this.storeFile = storeFile;
    this.password = password;
  }

  /** Opens the store in {@code keysDir}, creating it and its first key on first start. */
  public static SystemKeyStore open(Path keysDir) throws IOException {
    Files.createDirectories(keysDir);
    Path passwordFile = keysDir.resolve("system-store.password");
    if (!Files.exists(passwordFile)) {
      writePrivate(passwordFile, Ids.hex(32).getBytes(StandardCharsets.US_ASCII));
    }
    char[] password = Files.readString(passwordFile).trim().toCharArray();
    SystemKeyStore store = new SystemKeyStore(keysDir.resolve("system-keys.p12"), password);
    store.load();
    if (store.currentVersion == null) store.rotate();
    return store;
  }

  private static void writePrivate(Path file, byte[] content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
      out.write(content);
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private synchronized void load() throws IOException {
    if (!Files.exists(storeFile)) return;
    try (InputStream in = Files.newInputStream(storeFile)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      String newest = null;
      long newestTime = Long.MIN_VALUE;
      for (String alias : java.util.Collections.list(ks.aliases())) {
        PrivateKey priv = (PrivateKey) ks.getKey(alias, password);
        Certificate cert = ks.getCertificate(alias);
        keys.put(alias, new KeyPair(cert.getPublicKey(), priv));
        long t = ks.getCreationDate(alias).getTime();
        if (t > newestTime || (t == newestTime && alias.compareTo(newest) > 0)) {
          newest = alias;
          newestTime = t;
        }
      }
      currentVersion = newest;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the system key store " + storeFile + ": " + e.getMessage(), e);
    }
  }

  /** Adds a new key version and makes it current; older versions stay for unwrapping. */
  public synchronized String rotate() throws IOException {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(3072);
      KeyPair pair = gen.generateKeyPair();
      String version = Ids.hex(16);
      KeyStore ks = KeyStore.getInstance("PKCS12");
      if (Files.exists(storeFile)) {
        try (InputStream in = Files.newInputStream(storeFile)) {
          ks.load(in, password);
        }
      } else {
        ks.load(null, password);
      }
      Certificate cert = io.coffer.common.crypto.Certificates.selfSigned(
          pair, "CN=coffer-system-key-" + version, java.time.Duration.ofDays(36500));
      ks.setKeyEntry(version, pair.getPrivate(), password, new Certificate[] {cert});
      java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
      ks.store(buf, password);
      writePrivate(storeFile, buf.toByteArray());
      keys.put(version, pair);
      currentVersion = version;
      return KEY_ID_PREFIX + version;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot add a system key: " + e.getMessage(), e);
    }
  }

  /** The current service-managed key, used to wrap new data keys. */
  public KeyEncryptionKey current() {
    return new SystemKey(currentVersion);
  }

  @Override
  public KeyEncryptionKey resolve(String keyId) throws KeyAccessException {
    if (keyId == null || !keyId.startsWith(KEY_ID_PREFIX)) {
      throw new KeyAccessException(KeyAccessException.Cause.KEY_NOT_FOUND, "not a system key id: " + keyId);
    }
    String version = keyId.substring(KEY_ID_PREFIX.length());
    if (!keys.containsKey(version)) {
      throw new KeyAccessException(KeyAccessException.Cause.KEY_NOT_FOUND,
          "the service-managed key " + keyId + " is not in the system key store");
    }
    return new SystemKey(version);
  }

  private final class SystemKey implements KeyEncryptionKey {
    private final String version;

    SystemKey(String version) {
      this.version = version;
    }

    @Override
    public String keyId() {
      return KEY_ID_PREFIX + version;
    }

    @Override
    public byte[] wrap(byte[] dataKey) throws KeyAccessException {
      return crypt(Cipher.ENCRYPT_MODE, keys.get(version).getPublic(), dataKey);
    }

    @Override
    public byte[] unwrap(byte[] wrapped) throws KeyAccessException {
      return crypt(Cipher.DECRYPT_MODE, keys.get(version).getPrivate(), wrapped);
    }

    private byte[] crypt(int mode, java.security.Key key, byte[] input) throws KeyAccessException {
      try {
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
        c.init(mode, key, OAEP_256);
        return c.doFinal(input);
      } catch (GeneralSecurityException e) {
        throw new KeyAccessException(KeyAccessException.Cause.INVALID_WRAPPED_KEY,
            "the wrapped key does not open with " + keyId(), e);
      }
    }

    @Override
    public String toString() {
      return "SystemKey[" + keyId() + "]";
    }
  }
}
