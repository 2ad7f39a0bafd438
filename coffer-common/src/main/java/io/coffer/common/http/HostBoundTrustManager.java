package io.coffer.common.http;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's trust decision, then one more condition: the server certificate must name
 * {@code host}. Needed for {@link LoopbackRoute}: the JDK checks the SNI name but, when it does
 * not match, falls back to the address connected to (127.0.0.1), which a server certificate also
 * covers. This class can only refuse more than the JDK does, never accept more.
 */
public final class HostBoundTrustManager extends ServerTrustManager {
  private static final int DNS_NAME = 2;

  private final X509ExtendedTrustManager delegate;
  private final String host;

  public HostBoundTrustManager(X509ExtendedTrustManager delegate, String host) {
    this.delegate = delegate;
    this.host = normalize(host);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate.checkServerTrusted(chain, authType, engine);
    requireName(chain[0]);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate.checkServerTrusted(chain, authType, socket);
    requireName(chain[0]);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    delegate.checkServerTrusted(chain, authType);
    requireName(chain[0]);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }

  private void requireName(X509Certificate leaf) throws CertificateException {
    for (String name : dnsNames(leaf)) {
      if (matches(name, host)) return;
    }
    throw new CertificateException("No subject alternative DNS name matching " + host + " found.");
  }

  private static List<String> dnsNames(X509Certificate cert) throws CertificateParsingException {
    Collection<List<?>> sans = cert.getSubjectAlternativeNames();
    if (sans == null) return List.of();
    return sans.stream()
        .filter(san -> san.size() == 2 && san.get(0) instanceof Integer type && type == DNS_NAME)
        .map(san -> String.valueOf(san.get(1)))
        .toList();
  }

  /**
   * RFC 6125 §6.4: an exact match, or a wildcard that is the whole left-most label and stands for
   * exactly one label, never directly under a top-level name ({@code *.localhost} is refused).
   */
  public static boolean matches(String pattern, String host) {
    String p = normalize(pattern);
    String h = normalize(host);
    if (!p.startsWith("*.")) return !p.contains("*") && p.equals(h);
    String suffix = p.substring(1);
    if (suffix.contains("*") || suffix.indexOf('.', 1) < 0) return false;
    int dot = h.indexOf('.');
    return dot > 0 && h.substring(dot).equals(suffix);
  }

  private static String normalize(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
