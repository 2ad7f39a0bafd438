package io.coffer.server;

import io.javalin.Javalin;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;

/** Prometheus metrics at {@code /metrics}: requests by method and status, and the JVM's own. */
final class Metrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter requests;

  Metrics() {
    JvmMetrics.builder().register(registry);
    requests = Counter.builder().name("coffer_http_requests_total").help("HTTP requests served")
        .labelNames("method", "status").register(registry);
  }

  void register(Javalin app) {
    app.after(ctx -> requests.labelValues(ctx.method().name(), Integer.toString(ctx.statusCode())).inc());
    app.get("/metrics", ctx -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new PrometheusTextFormatWriter(false).write(out, registry.scrape());
      ctx.contentType(PrometheusTextFormatWriter.CONTENT_TYPE).result(out.toByteArray());
    });
  }
}
