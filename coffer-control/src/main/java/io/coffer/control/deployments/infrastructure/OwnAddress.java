package io.coffer.control.deployments.infrastructure;

import io.javalin.Javalin;
import java.net.URI;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.function.Supplier;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;

/**
 * Where this server listens, as its own client reaches it over loopback: {@code base} is
 * {@code http(s)://127.0.0.1:port} (or the address it is bound to), and {@code certificate} is the
 * certificate it serves with TLS (null without), the only one its loopback client trusts.
 */
public record OwnAddress(URI base, X509Certificate certificate) {
  /** Read from the app's first connector (the one {@code coffer serve} adds), once it listens. */
  public static Supplier<OwnAddress> of(Javalin app) {
    return () -> {
      ServerConnector connector = (ServerConnector) app.jettyServer().server().getConnectors()[0];
      int port = connector.getLocalPort();
      if (port <= 0) throw new IllegalStateException("The server is not listening yet.");
      String host = connector.getHost();
      if (host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) host = "127.0.0.1";
      if (host.contains(":")) host = "[" + host + "]";
      SslConnectionFactory tls = connector.getConnectionFactory(SslConnectionFactory.class);
      if (tls == null) return new OwnAddress(URI.create("http://" + host + ":" + port), null);
      return new OwnAddress(URI.create("https://" + host + ":" + port),
          served(tls.getSslContextFactory().getKeyStore()));
    };
  }

  private static X509Certificate served(KeyStore keys) {
    try {
      for (String alias : Collections.list(keys.aliases())) {
        if (!keys.isKeyEntry(alias)) continue;
        Certificate[] chain = keys.getCertificateChain(alias);
        if (chain != null && chain.length > 0 && chain[0] instanceof X509Certificate leaf) return leaf;
      }
    } catch (KeyStoreException e) {
      throw new IllegalStateException("The server's key store cannot be read: " + e.getMessage(), e);
    }
    throw new IllegalStateException("The server's key store holds no certificate.");
  }
}
