package io.coffer.registry.encryption;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingKey;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import com.google.crypto.tink.util.SecretBytes;
import io.coffer.common.Ids;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * Seals and opens content of one registry with Tink's AES-256-GCM-HKDF streaming AEAD: each
 * ciphertext gets a random salt from which HKDF derives its own AES key out of the registry's data
 * key, and is cut in authenticated segments.
 *
 * <p><b>Security guarantees:</b> confidentiality and integrity of every segment; the associated
 * data (registry and digest) binds a ciphertext to what it claims to be, so a swapped, reordered
 * or truncated file fails to open. <b>Restrictions:</b> a ciphertext cannot be appended to; the
 * data key is held by the Tink primitive and never exposed by this class.
 */
public final class ContentCipher {
  private final StreamingAead aead;

  ContentCipher(byte[] dataKey, int segmentSize) {
    try {
      AesGcmHkdfStreamingParameters params = AesGcmHkdfStreamingParameters.builder()
          .setKeySizeBytes(32)
          .setDerivedAesGcmKeySizeBytes(32)
          .setHkdfHashType(AesGcmHkdfStreamingParameters.HashType.SHA256)
          .setCiphertextSegmentSizeBytes(segmentSize)
          .build();
      AesGcmHkdfStreamingKey key = AesGcmHkdfStreamingKey.create(params,
          SecretBytes.copyFrom(dataKey, InsecureSecretKeyAccess.get()));
      this.aead = AesGcmHkdfStreaming.create(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the content cipher", e);
    }
  }

  /** Plaintext written to the returned stream reaches {@code sink} sealed; close it to finish. */
  public OutputStream sealing(OutputStream sink, byte[] associatedData) throws IOException {
    try {
      return aead.newEncryptingStream(sink, associatedData);
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** Reads plaintext out of a sealed stream; a tampered stream raises IOException. */
  public InputStream opening(InputStream sealed, byte[] associatedData) throws IOException {
    try {
      return aead.newDecryptingStream(sealed, associatedData);
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** Seals a small value (a credential) in one piece. */
  public byte[] sealValue(byte[] plaintext, byte[] associatedData) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (OutputStream s = sealing(out, associatedData)) {
      s.write(plaintext);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  public byte[] openValue(byte[] sealed, byte[] associatedData) throws IOException {
    try (InputStream in = opening(new java.io.ByteArrayInputStream(sealed), associatedData)) {
      return in.readAllBytes();
    }
  }

  /** Random access to the plaintext; reading at an offset decrypts only the segments it needs. */
  public SeekableByteChannel openingSeekable(SeekableByteChannel sealed, byte[] associatedData) throws IOException {
    try {
      return aead.newSeekableDecryptingChannel(sealed, associatedData);
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /**
   * Exercises AES-GCM so the JIT compiles it with the CPU's AES and carry-less-multiply
   * intrinsics before the first large blob arrives. The JIT counts calls and a segment is one
   * call, so the first few hundred MiB would otherwise run interpreted GHASH (about 40 MiB/s
   * instead of GB/s). Small segments (8 KiB) bring the call counts up in about a second of one core; a
   * few segments of the configured size, odd lengths and both kinds of buffer make the profile
   * match real requests, because compiled code that meets a branch or buffer type its profile
   * never saw is thrown away and stays slow for a long time.
   */
  public static void warmUp(int segmentSize) {
    byte[] key = Ids.randomBytes(32);
    ContentCipher small = new ContentCipher(key, 8 * 1024);
    ContentCipher large = new ContentCipher(key, segmentSize);
    byte[] plain = new byte[64 * 1024];
    byte[] ad = new byte[0];
    try {
      Path file = Files.createTempFile("coffer-warm-up", ".sealed");
      try {
        for (int round = 0; round < 24; round++) {
          ContentCipher cipher = round % 4 == 0 ? large : small;
          try (OutputStream out = cipher.sealing(Files.newOutputStream(file), ad)) {
            for (int i = 0; i < 128; i++) out.write(plain);
            out.write(plain, 0, 1 + round * 7);
          }
          ByteBuffer buf = round % 2 == 0 ? ByteBuffer.wrap(plain)
              : ByteBuffer.allocateDirect(plain.length);
          try (SeekableByteChannel in = cipher.openingSeekable(FileChannel.open(file), ad)) {
            while (in.read(buf) > 0) buf.clear();
          }
          try (InputStream in = cipher.opening(Files.newInputStream(file), ad)) {
            while (in.read(plain) > 0) {
              // only the work matters
            }
          }
        }
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
