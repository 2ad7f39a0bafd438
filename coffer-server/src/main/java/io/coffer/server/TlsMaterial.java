package io.coffer.server;

import io.coffer.common.Ids;
import io.coffer.common.crypto.Certificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The server's TLS key store. Either the PEM certificate and key named in the configuration, or
 * a CA and server certificate generated on first start under {@code DIR/tls} ({@code ca.pem} is
 * what clients trust).
 */
public final class TlsMaterial {
  public final KeyStore keyStore;
  public final char[] password;

  private TlsMaterial(KeyStore keyStore, char[] password) {
    this.keyStore = keyStore;
    this.password = password;
  }

  public static TlsMaterial load(Path tlsDir, String certificatePem, String privateKeyPem, String vaultDomain)
      throws IOException, GeneralSecurityException {
    if (!certificatePem.isBlank()) return fromPem(Path.of(certificatePem), Path.of(privateKeyPem));
    Files.createDirectories(tlsDir);
    Path store = tlsDir.resolve("server.p12");
    Path passwordFile = tlsDir.resolve("server.password");
    if (!Files.exists(store) || !Files.exists(passwordFile)) generate(tlsDir, vaultDomain);
    char[] password = Files.readString(passwordFile).trim().toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, password);
    }
    return new TlsMaterial(ks, password);
  }

  private static void generate(Path dir, String vaultDomain) throws IOException, GeneralSecurityException {
    KeyPair caPair = Certificates.rsa(3072);
    X509Certificate ca = Certificates.authority(caPair, "CN=Coffer local CA " + Ids.hex(4), Duration.ofDays(3650));
    KeyPair serverPair = Certificates.rsa(2048);
    List<String> dns = new ArrayList<>(List.of("localhost", "*.localhost", "*." + vaultDomain));
    try {
      String host = InetAddress.getLocalHost().getHostName();
      if (!dns.contains(host)) dns.add(host);
    } catch (IOException ignored) {
      // no resolvable host name: loopback names are enough
    }
    X509Certificate server = Certificates.server(serverPair, ca, caPair.getPrivate(), dns,
        List.of("127.0.0.1", "::1"), Duration.ofDays(825));
    char[] password = Ids.hex(16).toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, password);
    ks.setKeyEntry("server", serverPair.getPrivate(), password, new Certificate[] {server, ca});
    writePrivate(dir.resolve("server.password"), new String(password).getBytes());
    try (OutputStream out = Files.newOutputStream(dir.resolve("server.p12"))) {
      ks.store(out, password);
    }
    Files.setPosixFilePermissions(dir.resolve("server.p12"), PosixFilePermissions.fromString("rw-------"));
    writePrivate(dir.resolve("ca-key.pem"), Certificates.pem(caPair.getPrivate()).getBytes());
    Files.writeString(dir.resolve("ca.pem"), Certificates.pem(ca));
  }

  private static void writePrivate(Path file, byte[] content) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(file, content);
  }

  private static TlsMaterial fromPem(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
    List<Certificate> chain = new ArrayList<>();
    try (InputStream in = Files.newInputStream(certFile)) {
      chain.addAll(CertificateFactory.getInstance("X.509").generateCertificates(in));
    }
    if (chain.isEmpty()) throw new IOException("no certificate in " + certFile);
    PrivateKey key;
    try (Reader r = Files.newBufferedReader(keyFile); PEMParser parser = new PEMParser(r)) {
      Object o = parser.readObject();
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair kp) key = conv.getKeyPair(kp).getPrivate();
      else if (o instanceof PrivateKeyInfo info) key = conv.getPrivateKey(info);
      else throw new IOException("no unencrypted private key in " + keyFile);
    }
    char[] password = Ids.hex(16).toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, password);
    ks.setKeyEntry("server", key, password, chain.toArray(new Certificate[0]));
    return new TlsMaterial(ks, password);
  }
}
