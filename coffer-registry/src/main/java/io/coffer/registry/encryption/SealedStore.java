package io.coffer.registry.encryption;

import io.coffer.registry.domain.Digest;
import io.coffer.registry.domain.ErrorKind;
import io.coffer.registry.domain.RegistryException;
import io.coffer.storage.blob.BlobNotFoundException;
import io.coffer.storage.blob.BlobPath;
import io.coffer.storage.blob.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Where sealed content lives in the {@link BlobStore}, and the associated data that binds each
 * object to its place. Layout:
 *
 * <pre>
 * registries/
 *   {registryId}/
 *     blobs/{algorithm}/{first two hex}/{hex}      blobs and manifests, sealed with AD "blob|{registryId}|{digest}"
 *     uploads/{uploadId}/{chunkIndex}              upload chunks, sealed with AD "upload|{registryId}|{uploadId}|{index}"
 * .staging/                                        writes in progress (never visible under a path)
 * </pre>
 */
public final class SealedStore {
  private final BlobStore store;
  private final DataKeys keys;

  public SealedStore(BlobStore store, DataKeys keys) {
    this.store = store;
    this.keys = keys;
  }

  public BlobStore raw() {
    return store;
  }

  public static BlobPath blobPath(String registryId, Digest d) {
    return BlobPath.of("registries", registryId, "blobs", d.algorithm(), d.hex().substring(0, 2), d.hex());
  }

  public static BlobPath uploadFolder(String registryId, String uploadId) {
    return BlobPath.of("registries", registryId, "uploads", uploadId);
  }

  public static BlobPath chunkPath(String registryId, String uploadId, int index) {
    return uploadFolder(registryId, uploadId).resolve(Integer.toString(index));
  }

  public static BlobPath registryFolder(String registryId) {
    return BlobPath.of("registries", registryId);
  }

  static byte[] blobAd(String registryId, Digest d) {
    return ("blob|" + registryId + "|" + d).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] chunkAd(String registryId, String uploadId, int index) {
    return ("upload|" + registryId + "|" + uploadId + "|" + index).getBytes(StandardCharsets.UTF_8);
  }

  /** A sealed write in progress; plaintext goes to {@link #plaintext()}. */
  public final class SealingWrite implements AutoCloseable {
    private final BlobStore.PendingWrite pending;
    private final OutputStream plaintext;

    private SealingWrite(BlobStore.PendingWrite pending, OutputStream plaintext) {
      this.pending = pending;
      this.plaintext = plaintext;
    }

    public OutputStream plaintext() {
      return plaintext;
    }

    /** Finishes the ciphertext and makes it visible under the path. */
    public void commit(BlobPath path) throws IOException {
      plaintext.close();
      pending.commit(path);
    }

    @Override
    public void close() {
      pending.abort();
    }
  }

  /** Starts sealing a blob or manifest whose digest the caller expects. */
  public SealingWrite sealBlob(String registryId, Digest expected) throws IOException {
    return seal(registryId, blobAd(registryId, expected));
  }

  public SealingWrite sealChunk(String registryId, String uploadId, int index) throws IOException {
    return seal(registryId, chunkAd(registryId, uploadId, index));
  }

  private SealingWrite seal(String registryId, byte[] ad) throws IOException {
    ContentCipher cipher = keys.cipher(registryId);
    BlobStore.PendingWrite pending = store.create();
    try {
      return new SealingWrite(pending, cipher.sealing(pending.stream(), ad));
    } catch (IOException | RuntimeException e) {
      pending.abort();
      throw e;
    }
  }

  public InputStream openBlob(String registryId, Digest d) throws IOException {
    return open(registryId, blobPath(registryId, d), blobAd(registryId, d), d);
  }

  public InputStream openChunk(String registryId, String uploadId, int index) throws IOException {
    return open(registryId, chunkPath(registryId, uploadId, index), chunkAd(registryId, uploadId, index), null);
  }

  /** Plaintext from {@code offset}: only the segments that hold the range are decrypted. */
  public SeekableByteChannel openBlobAt(String registryId, Digest d, long offset) throws IOException {
    ContentCipher cipher = keys.cipher(registryId);
    SeekableByteChannel sealed = openRaw(blobPath(registryId, d), d);
    try {
      SeekableByteChannel plain = cipher.openingSeekable(sealed, blobAd(registryId, d));
      plain.position(offset);
      return plain;
    } catch (IOException | RuntimeException e) {
      sealed.close();
      throw e;
    }
  }

  private InputStream open(String registryId, BlobPath path, byte[] ad, Digest d) throws IOException {
    ContentCipher cipher = keys.cipher(registryId);
    SeekableByteChannel sealed = openRaw(path, d);
    try {
      return cipher.opening(Channels.newInputStream(sealed), ad);
    } catch (IOException | RuntimeException e) {
      sealed.close();
      throw e;
    }
  }

  private SeekableByteChannel openRaw(BlobPath path, Digest d) throws IOException {
    try {
      return store.open(path);
    } catch (BlobNotFoundException e) {
      throw new RegistryException(ErrorKind.BLOB_UNKNOWN, "blob unknown to registry", d == null ? null : d.toString());
    }
  }
}
