package io.coffer.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code coffer serve} in its own JVM, so a test can kill it with SIGKILL. */
final class ServerProcess implements AutoCloseable {
  final Process process;
  final String url;

  private ServerProcess(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static ServerProcess start(Path dataDir, int port, Map<String, String> env, String... extraArgs) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve",
        "--data-dir", dataDir.toString(), "--listen", "127.0.0.1:" + port));
    cmd.addAll(List.of(extraArgs));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + "-server.log").toFile());
    pb.environment().put("COFFER_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
    pb.environment().put("COFFER_ENCRYPTION_WARM_UP", "false");
    pb.environment().putAll(env);
    Process p = pb.start();
    boolean tls = List.of(extraArgs).contains("--tls");
    String url = (tls ? "https" : "http") + "://127.0.0.1:" + port;
    HttpClient http = tls ? null : HttpClient.newHttpClient();
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      if (!p.isAlive()) throw new IllegalStateException("server exited with " + p.exitValue());
      try {
        if (http == null) {
          try (var socket = new java.net.Socket("127.0.0.1", port)) {
            return new ServerProcess(p, url);
          }
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/healthz")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) return new ServerProcess(p, url);
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("server did not start within 60 s");
  }

  /** SIGKILL: no shutdown hook runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) kill();
    }
  }
}
