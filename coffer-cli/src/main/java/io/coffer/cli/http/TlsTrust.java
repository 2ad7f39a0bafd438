package io.coffer.cli.http;

import io.coffer.cli.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS trust for a self-hosted server: the JDK's CAs plus the PEM CAs the user named (a private
 * company CA or the one {@code coffer serve} generated). Never "trust all".
 */
public final class TlsTrust {
  private TlsTrust() {}

  /** The JDK default context when no extra CA is given. */
  public static SSLContext context(List<Path> pemFiles) {
    try {
      if (pemFiles.isEmpty()) return SSLContext.getDefault();
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (X509Certificate ca : jdkTrustManager().getAcceptedIssuers()) {
        store.setCertificateEntry("jdk-" + n++, ca);
      }
      for (Path pem : pemFiles) {
        for (Certificate cert : readPem(pem)) store.setCertificateEntry("coffer-" + n++, cert);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new CliException("Cannot set up TLS trust: " + e.getMessage());
    }
  }

  /** Reads every certificate of a PEM bundle; an unreadable or empty file is the user's error. */
  public static Collection<? extends Certificate> readPem(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) throw new CliException("No certificate found in CA file '" + pem + "'.");
      return certs;
    } catch (IOException e) {
      throw new CliException("Cannot read CA file '" + pem + "': " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new CliException("CA file '" + pem + "' is not a PEM certificate bundle: " + e.getMessage());
    }
  }

  private static X509TrustManager jdkTrustManager() throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) return x;
    }
    throw new GeneralSecurityException("the JDK has no X.509 trust manager");
  }
}
