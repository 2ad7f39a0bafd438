package io.coffer.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Opens HTTP(S) connections. {@link HttpURLConnection} is used because it is blocking (one thread
 * per in-flight request, cheap on the 2-core machines we compare on), streams fixed-length bodies,
 * and keeps connections alive when a response is read to the end.
 */
final class Http {
  private static final String USER_AGENT = "coffer-bench/0.1";

  private final SSLSocketFactory tls;

  Http(SSLSocketFactory tls) {
    this.tls = tls;
  }

  /**
   * Must run before the first connection: the JDK keeps at most {@code http.maxConnections} idle
   * connections per server (default 5), fewer than our concurrent clients, and would otherwise
   * close the surplus after each request, measuring TCP set-up instead of the registry.
   */
  static void configureKeepAlive(int connections) {
    System.setProperty("http.keepAlive", "true");
    System.setProperty("http.maxConnections", Integer.toString(Math.max(connections, 5)));
  }

  HttpURLConnection open(String method, String url, String authorization) {
    try {
      HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
      if (tls != null && c instanceof HttpsURLConnection https) {
        https.setSSLSocketFactory(tls); // the same instance every time, so pooled connections are reused
      }
      c.setRequestMethod(method);
      c.setInstanceFollowRedirects(false); // redirects are followed by the caller, who decides about credentials
      c.setUseCaches(false);
      c.setConnectTimeout(10_000);
      c.setReadTimeout(300_000);
      c.setRequestProperty("User-Agent", USER_AGENT);
      if (authorization != null) {
        c.setRequestProperty("Authorization", authorization);
      }
      return c;
    } catch (IOException e) {
      throw new BenchException(method + " " + url + ": cannot open connection: " + e.getMessage(), e);
    }
  }

  /** Reads the rest of a response and closes it, which returns the connection to the keep-alive pool. */
  static void discard(HttpURLConnection c) {
    try (InputStream in = bodyOf(c)) {
      if (in != null) {
        in.transferTo(OutputSink.INSTANCE);
      }
    } catch (IOException e) {
      c.disconnect(); // a broken connection cannot be reused anyway
    }
  }

  /** The start of an error response body, for the abort message; the rest is discarded. */
  static String errorText(HttpURLConnection c) {
    try (InputStream in = bodyOf(c)) {
      if (in == null) {
        return "";
      }
      byte[] head = in.readNBytes(600);
      in.transferTo(OutputSink.INSTANCE);
      return new String(head, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
    } catch (IOException e) {
      c.disconnect();
      return "";
    }
  }

  private static InputStream bodyOf(HttpURLConnection c) throws IOException {
    InputStream error = c.getErrorStream();
    if (error != null) {
      return error;
    }
    try {
      return c.getInputStream();
    } catch (IOException e) {
      return null; // an error status without a body
    }
  }

  /** A socket factory trusting exactly the certificates in a PEM file (a private CA). */
  static SSLSocketFactory trusting(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new BenchException("--ca-file " + pem + " holds no certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read --ca-file " + pem, e);
    } catch (GeneralSecurityException e) {
      throw new BenchException("--ca-file " + pem + " is not a PEM certificate: " + e.getMessage(), e);
    }
  }

  /** Discards bytes without allocating. */
  static final class OutputSink extends java.io.OutputStream {
    static final OutputSink INSTANCE = new OutputSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
