package io.coffer.vault.hsm;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import javax.crypto.Cipher;
import org.bouncycastle.crypto.AsymmetricBlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.InvalidCipherTextException;

/**
 * The token's raw RSA private-key operation (PKCS#11 {@code CKM_RSA_X_509}) as a BouncyCastle
 * block cipher, so BouncyCastle's OAEP and PSS encodings can run over a key that never leaves the
 * token. Used where the token or SunPKCS11 offers no mechanism for the padding (OAEP with SHA-256,
 * PSS over a digest computed by the caller).
 *
 * <p>Block sizes and output forms follow BouncyCastle's own RSA engine, which those encodings
 * expect.
 */
final class TokenRsa implements AsymmetricBlockCipher {
  private final Provider provider;
  private final PrivateKey key;
  private final int modulusBits;
  private boolean forEncryption;

  TokenRsa(Provider provider, PrivateKey key, int modulusBits) {
    this.provider = provider;
    this.key = key;
    this.modulusBits = modulusBits;
  }

  @Override
  public void init(boolean forEncryption, CipherParameters params) {
    // The key is the token's; params only carry the public modulus for the encodings.
    this.forEncryption = forEncryption;
  }

  private int modulusBytes() {
    return (modulusBits + 7) / 8;
  }

  @Override
  public int getInputBlockSize() {
    return forEncryption ? (modulusBits - 1) / 8 : modulusBytes();
  }

  @Override
  public int getOutputBlockSize() {
    return forEncryption ? modulusBytes() : (modulusBits - 1) / 8;
  }

  @Override
  public byte[] processBlock(byte[] in, int inOff, int len) throws InvalidCipherTextException {
    int k = modulusBytes();
    if (len > k) throw new InvalidCipherTextException("input too large for RSA cipher");
    byte[] block = new byte[k];
    System.arraycopy(in, inOff, block, k - len, len);
    byte[] out;
    try {
      Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding", provider);
      raw.init(Cipher.DECRYPT_MODE, key);
      out = raw.doFinal(block);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new InvalidCipherTextException("the token refused the RSA operation", e);
    }
    if (forEncryption) {
      if (out.length == k) return out;
      byte[] padded = new byte[k];
      System.arraycopy(out, 0, padded, k - out.length, out.length);
      return padded;
    }
    // Decryption output is the encoded message without its leading zero byte, right-aligned by the
    // encodings; a nonzero first byte is left in so the encoding rejects the block.
    if (out.length == k && out[0] == 0) {
      byte[] em = new byte[k - 1];
      System.arraycopy(out, 1, em, 0, em.length);
      return em;
    }
    return out;
  }
}
