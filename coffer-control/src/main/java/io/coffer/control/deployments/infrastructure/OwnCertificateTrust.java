package io.coffer.control.deployments.infrastructure;

import io.coffer.common.http.ServerTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;

/**
 * Trusts exactly one server certificate: this server's own, for its calls to itself over
 * loopback. The address is 127.0.0.1, which a configured certificate need not name, so the check
 * is the certificate itself rather than a CA and a name; nothing else can present it.
 */
final class OwnCertificateTrust extends ServerTrustManager {
  private final X509Certificate own;

  OwnCertificateTrust(X509Certificate own) {
    this.own = own;
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0 || !chain[0].equals(own)) {
      throw new CertificateException("The loopback peer does not present this server's own certificate.");
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[] {own};
  }
}
