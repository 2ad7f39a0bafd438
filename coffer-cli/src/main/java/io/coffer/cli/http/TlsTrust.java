package io.coffer.cli.http;

import io.coffer.common.http.HostBoundTrustManager;
import io.coffer.common.http.LoopbackRoute;
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
import javax.net.ssl.X509ExtendedTrustManager;

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
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {trustManager(pemFiles)}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new CliException("Cannot set up TLS trust: " + e.getMessage());
    }
  }

  /**
   * The same trust, and the server certificate must also name {@code host}: for connections made
   * to the loopback address on behalf of a {@code *.localhost} name (see {@link LoopbackRoute}).
   */
  static SSLContext hostBoundContext(List<Path> pemFiles, String host) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new HostBoundTrustManager(trustManager(pemFiles), host)}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new CliException("Cannot set up TLS trust: " + e.getMessage());
    }
  }

  /** The JDK's CAs plus those of the PEM files. */
  private static X509ExtendedTrustManager trustManager(List<Path> pemFiles) throws GeneralSecurityException {
    if (pemFiles.isEmpty()) return jdkTrustManager();
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (X509Certificate ca : jdkTrustManager().getAcceptedIssuers()) {
        store.setCertificateEntry("jdk-" + n++, ca);
      }
      for (Path pem : pemFiles) {
        for (Certificate cert : readPem(pem)) store.setCertificateEntry("coffer-" + n++, cert);
      }
      return fromFactory(store);
    } catch (IOException e) {
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

  private static X509ExtendedTrustManager jdkTrustManager() throws GeneralSecurityException {
    return fromFactory(null);
  }

  private static X509ExtendedTrustManager fromFactory(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager x) return x;
    }
    throw new GeneralSecurityException("the JDK has no X.509 trust manager");
  }
}
