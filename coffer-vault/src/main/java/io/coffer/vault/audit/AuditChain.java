package io.coffer.vault.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * How one audit entry is bound to the one before it: SHA-256 over the previous entry's hash and
 * an unambiguous encoding of every field of the entry (each string length-prefixed, null told
 * apart from empty), so no two different entries encode alike.
 *
 * <p>Restriction: a plain hash chain shows changes made by someone who does not recompute the
 * hashes of every later entry; it is not a signature.
 */
final class AuditChain {
  /** The "previous hash" of the first entry. */
  static final String GENESIS = "0".repeat(64);
  private static final byte[] DOMAIN = "coffer.vault.audit.v1".getBytes(StandardCharsets.US_ASCII);

  private AuditChain() {}

  /** Times are kept to the millisecond, as stored; events are hashed in that form. */
  static AuditEvent stored(AuditEvent e) {
    return new AuditEvent(Instant.ofEpochMilli(e.time().toEpochMilli()), e.callerObjectId(), e.clientIp(),
        e.vaultName(), e.keyName(), e.keyVersion(), e.operation(), e.result());
  }

  static String hash(String previousHash, long sequence, AuditEvent e) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      field(out, DOMAIN);
      field(out, HexFormat.of().parseHex(previousHash));
      out.writeLong(sequence);
      out.writeLong(e.time().toEpochMilli());
      text(out, e.callerObjectId());
      text(out, e.clientIp());
      text(out, e.vaultName());
      text(out, e.keyName());
      text(out, e.keyVersion());
      text(out, e.operation());
      text(out, e.result());
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return HexFormat.of().formatHex(sha256().digest(bytes.toByteArray()));
  }

  private static void text(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeByte(0);
    } else {
      out.writeByte(1);
      field(out, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void field(DataOutputStream out, byte[] value) throws IOException {
    out.writeInt(value.length);
    out.write(value);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
