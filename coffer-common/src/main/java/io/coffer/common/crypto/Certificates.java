package io.coffer.common.crypto;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** X.509 certificates Coffer makes for itself: key-store entries, its TLS CA and server certificate. */
public final class Certificates {
  private static final JcaX509ExtensionUtils EXT;

  static {
    try {
      EXT = new JcaX509ExtensionUtils();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Certificates() {}

  public static KeyPair rsa(int bits) throws GeneralSecurityException {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(bits);
    return gen.generateKeyPair();
  }

  /** A self-signed certificate that only carries a public key (PKCS#12 needs one per key entry). */
  public static X509Certificate selfSigned(KeyPair pair, String subject, Duration validity)
      throws GeneralSecurityException {
    X500Name name = new X500Name(subject);
    var builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(Instant.now().minusSeconds(60)),
        Date.from(Instant.now().plus(validity)), name, pair.getPublic());
    return sign(builder, pair.getPrivate());
  }

  /** A certificate authority that signs the server certificate. */
  public static X509Certificate authority(KeyPair pair, String subject, Duration validity)
      throws GeneralSecurityException {
    X500Name name = new X500Name(subject);
    var builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(Instant.now().minusSeconds(60)),
        Date.from(Instant.now().plus(validity)), name, pair.getPublic());
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(Extension.subjectKeyIdentifier, false, EXT.createSubjectKeyIdentifier(pair.getPublic()));
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    return sign(builder, pair.getPrivate());
  }

  /** A TLS server certificate for the given DNS names and IP addresses, signed by the CA. */
  public static X509Certificate server(KeyPair pair, X509Certificate ca, PrivateKey caKey,
      List<String> dnsNames, List<String> ips, Duration validity) throws GeneralSecurityException {
    var builder = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(Instant.now().minusSeconds(60)),
        Date.from(Instant.now().plus(validity)), new X500Name("CN=" + dnsNames.get(0)), pair.getPublic());
    GeneralName[] names = new GeneralName[dnsNames.size() + ips.size()];
    int i = 0;
    for (String d : dnsNames) names[i++] = new GeneralName(GeneralName.dNSName, d);
    for (String ip : ips) names[i++] = new GeneralName(GeneralName.iPAddress, ip);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      builder.addExtension(Extension.authorityKeyIdentifier, false, EXT.createAuthorityKeyIdentifier(ca));
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    return sign(builder, caKey);
  }

  public static String pem(Object certOrKey) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(certOrKey);
    }
    return out.toString();
  }

  private static BigInteger serial() {
    return new BigInteger(64, new java.security.SecureRandom()).abs().add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException {
    try {
      var signer = new JcaContentSignerBuilder("SHA256withRSA").build(key);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }
}
