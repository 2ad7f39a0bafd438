package io.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.common.crypto.Certificates;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With server.tlsCertificate and server.tlsPrivateKey, HTTPS uses the operator's certificate. */
class TlsConfiguredCertificateTest {
  @TempDir Path dir;

  @Test
  void tlsWithPemFiles_clientTrustingTheirCa_connects() throws Exception {
    KeyPair caKeys = Certificates.rsa(2048);
    X509Certificate ca = Certificates.authority(caKeys, "CN=Operator CA", Duration.ofDays(1));
    KeyPair serverKeys = Certificates.rsa(2048);
    X509Certificate cert = Certificates.server(serverKeys, ca, caKeys.getPrivate(), List.of("localhost"),
        List.of("127.0.0.1"), Duration.ofDays(1));
    Path certFile = dir.resolve("server.pem");
    Path keyFile = dir.resolve("server.key");
    Path caFile = dir.resolve("ca.pem");
    Files.writeString(certFile, Certificates.pem(cert) + Certificates.pem(ca));
    Files.writeString(keyFile, Certificates.pem(serverKeys.getPrivate()));
    Files.writeString(caFile, Certificates.pem(ca));
    int port = ServerProcess.freePort();
    Path data = Files.createDirectories(dir.resolve("data"));
    try (ServerProcess p = ServerProcess.start(data, port, Map.of("COFFER_SERVER_TLS_CERTIFICATE", certFile.toString(),
        "COFFER_SERVER_TLS_PRIVATE_KEY", keyFile.toString()), "--tls")) {
      HttpClient https = HttpClient.newBuilder().sslContext(TestServer.trusting(caFile)).build();
      HttpResponse<String> r = https.send(HttpRequest.newBuilder(java.net.URI.create(p.url + "/healthz")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(data.resolve("tls").resolve("ca.pem")).doesNotExist();
    }
  }
}
