package io.coffer.config;

/** A {@code HOST:PORT} listen address. */
public record HostPort(String host, int port) {
  public static HostPort parse(String text) {
    if (text == null) throw new IllegalArgumentException("missing address");
    int colon = text.lastIndexOf(':');
    if (colon < 0) throw new IllegalArgumentException("'" + text + "' is not HOST:PORT");
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' has no numeric port");
    }
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range in '" + text + "'");
    return new HostPort(host.isEmpty() ? "0.0.0.0" : host, port);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
