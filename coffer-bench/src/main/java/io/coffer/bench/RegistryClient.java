package io.coffer.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * The few OCI Distribution calls the benchmark makes, on one repository. Every call checks its
 * status and aborts with a {@link BenchException} naming the request; a 401 is answered once by
 * {@link Auth} and the request replayed.
 */
final class RegistryClient {
  /** Bodies up to this size are buffered by the JDK, which lets a 401 be read normally. */
  private static final int BUFFERED_BODY_LIMIT = 64 * 1024;

  private final Http http;
  private final Auth auth;
  private final String base; // e.g. http://127.0.0.1:5000/v2/<repository>

  RegistryClient(Http http, Auth auth, String url, String repository) {
    this.http = http;
    this.auth = auth;
    this.base = url.replaceAll("/+$", "") + "/v2/" + repository;
  }

  /** A request body that can be written again if the request must be replayed. */
  interface Body {
    long length();

    void writeTo(OutputStream out) throws IOException;

    static Body of(byte[] bytes) {
      return new Body() {
        public long length() {
          return bytes.length;
        }

        public void writeTo(OutputStream out) throws IOException {
          out.write(bytes);
        }
      };
    }

    static Body of(BlobSource blob, byte[] buffer) {
      return new Body() {
        public long length() {
          return blob.size();
        }

        public void writeTo(OutputStream out) throws IOException {
          blob.writeTo(out, buffer);
        }
      };
    }
  }

  /** Monolithic upload: {@code POST /blobs/uploads/} then one {@code PUT <location>&digest=}. */
  void pushBlob(String digest, Body body) {
    String location;
    try (Response r = send("POST", base + "/blobs/uploads/", Map.of(), Body.of(new byte[0]), 202)) {
      location = r.location();
    }
    String put = location + (location.contains("?") ? "&" : "?") + "digest="
        + URLEncoder.encode(digest, StandardCharsets.UTF_8);
    send("PUT", put, Map.of("Content-Type", "application/octet-stream"), body, 201).close();
  }

  /** Downloads a blob, hashing it while discarding it; the size and digest must match. */
  void pullBlob(String digest, long size, byte[] buffer) {
    String what = "GET " + base + "/blobs/" + digest;
    MessageDigest sha = Digests.sha256();
    long received = 0;
    try (Response r = send("GET", base + "/blobs/" + digest, Map.of(), null, 200)) {
      InputStream in = r.body();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        sha.update(buffer, 0, n);
        received += n;
      }
    } catch (IOException e) {
      throw new BenchException(what + ": " + e.getMessage(), e);
    }
    String actual = Digests.format(sha);
    if (received != size || !actual.equals(digest)) {
      throw new BenchException(what + " returned " + received + " bytes with digest " + actual
          + ", expected " + size + " bytes with digest " + digest);
    }
  }

  void putManifest(String reference, String mediaType, byte[] manifest) {
    send("PUT", base + "/manifests/" + reference, Map.of("Content-Type", mediaType),
        Body.of(manifest), 201).close();
  }

  byte[] getManifest(String reference, String mediaType) {
    try (Response r = send("GET", base + "/manifests/" + reference, Map.of("Accept", mediaType), null, 200)) {
      return r.body().readAllBytes();
    } catch (IOException e) {
      throw new BenchException("GET " + base + "/manifests/" + reference + ": " + e.getMessage(), e);
    }
  }

  private Response send(String method, String url, Map<String, String> headers, Body body, int expected) {
    String what = method + " " + withoutQuery(url);
    String target = url;
    boolean sendAuth = true;
    // A few tries: under concurrency a freshly fetched token may be replaced (or used up) by
    // another thread before this request gets to use it.
    int authRetries = 0;
    for (int redirects = 0; ; ) {
      String authorization = sendAuth ? auth.header() : null;
      HttpURLConnection c = http.open(method, target, authorization);
      headers.forEach(c::setRequestProperty);
      int status;
      try {
        if (body != null) {
          write(c, body);
        }
        status = c.getResponseCode();
      } catch (HttpRetryException e) {
        status = e.responseCode(); // a 401 to a streamed body: the JDK refuses to read it further
      } catch (javax.net.ssl.SSLException e) {
        c.disconnect();
        throw new BenchException(what + ": TLS: " + e.getMessage()
            + " (for a registry with a private CA, pass --ca-file PEM)", e);
      } catch (IOException e) {
        c.disconnect();
        throw new BenchException(what + ": " + e.getMessage(), e);
      }
      if (status == 401 && sendAuth && authRetries < 3) {
        String challenge = header(c, "WWW-Authenticate");
        Http.discard(c);
        auth.onUnauthorized(challenge, authorization, what);
        authRetries++;
        continue;
      }
      if (body == null && isRedirect(status) && redirects++ < 5 && header(c, "Location") != null) {
        URI next = URI.create(target).resolve(header(c, "Location"));
        Http.discard(c);
        // Credentials stay with the registry: a storage redirect (e.g. a pre-signed URL) gets none.
        sendAuth = sendAuth && sameOrigin(next, URI.create(url));
        target = next.toString();
        continue;
      }
      if (status != expected) {
        String detail = Http.errorText(c);
        throw new BenchException(what + " answered HTTP " + status + " (expected " + expected + ")"
            + (status == 401 ? " even after authenticating: check --username/--password and permissions" : "")
            + (detail.isEmpty() ? "" : ": " + detail));
      }
      return new Response(c, target, what);
    }
  }

  private static void write(HttpURLConnection c, Body body) throws IOException {
    c.setDoOutput(true);
    if (body.length() > BUFFERED_BODY_LIMIT) {
      c.setFixedLengthStreamingMode(body.length()); // streams with Content-Length, no buffering
    }
    try (OutputStream out = c.getOutputStream()) {
      body.writeTo(out);
    }
  }

  private static String header(HttpURLConnection c, String name) {
    try {
      return c.getHeaderField(name);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && a.getPort() == b.getPort();
  }

  private static String withoutQuery(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  /** An accepted response; closing it reads what is left so the connection is reused. */
  private static final class Response implements AutoCloseable {
    private final HttpURLConnection connection;
    private final String url;
    private final String what;

    Response(HttpURLConnection connection, String url, String what) {
      this.connection = connection;
      this.url = url;
      this.what = what;
    }

    InputStream body() throws IOException {
      return connection.getInputStream();
    }

    String location() {
      String location = connection.getHeaderField("Location");
      if (location == null || location.isBlank()) {
        throw new BenchException(what + " answered without a Location header");
      }
      return URI.create(url).resolve(location).toString();
    }

    @Override
    public void close() {
      Http.discard(connection);
    }
  }
}
