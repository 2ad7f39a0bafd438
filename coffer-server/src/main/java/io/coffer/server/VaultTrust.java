package io.coffer.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * What the server trusts when it calls its own vaults over https (registries reaching customer
 * keys): the JDK's CAs, plus the CA the server generated for itself ({@code DIR/tls/ca.pem}) when
 * there is one. Never "trust all".
 */
final class VaultTrust {
  private VaultTrust() {}

  static X509ExtendedTrustManager trustManager(Path tlsDir) throws IOException, GeneralSecurityException {
    X509ExtendedTrustManager jdk = fromStore(null);
    Path ca = tlsDir.resolve("ca.pem");
    if (!Files.exists(ca)) return jdk;
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int n = 0;
    for (X509Certificate c : jdk.getAcceptedIssuers()) store.setCertificateEntry("jdk-" + n++, c);
    try (InputStream in = Files.newInputStream(ca)) {
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("coffer-" + n++, c);
      }
    }
    return fromStore(store);
  }

  private static X509ExtendedTrustManager fromStore(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager x) return x;
    }
    throw new GeneralSecurityException("the JDK has no X.509 trust manager");
  }
}
