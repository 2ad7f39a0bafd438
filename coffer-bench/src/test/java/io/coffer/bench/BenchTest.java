package io.coffer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int bench(String url, String... extra) {
    List<String> args = new ArrayList<>(List.of("--url", url, "--repository", "reg/bench",
        "--big-mib", "1", "--small-count", "6", "--small-mib", "0.25", "--concurrency", "3",
        "--manifest-connections", "2", "--manifest-seconds", "0.3", "--manifest-warmup-seconds", "0.1",
        "--warmup-mib", "0.5"));
    args.addAll(List.of(extra));
    return Bench.run(args, new PrintStream(out, true), new PrintStream(err, true));
  }

  private JsonNode json() {
    return Json.parse(out.toByteArray());
  }

  @Test
  void run_tokenAuth_reportsEveryRow() throws Exception {
    try (FakeRegistry registry = new FakeRegistry(FakeRegistry.Mode.TOKEN, "admin", "s3cret", 0)) {
      int code = bench(registry.url(), "--username", "admin", "--password", "s3cret", "--json");
      assertThat(code).as(err.toString()).isZero();
      assertThat(json().path("rows").findValuesAsText("name")).containsExactly("big push", "big pull",
          "small push", "small pull", "manifest GET", "manifest GET p50", "manifest GET p99");
      assertThat(registry.tokensIssued.get()).isEqualTo(1);
      assertThat(err.toString()).as("the big blob is pulled three times unmeasured, then measured five times")
          .contains("big: pull (unmeasured) 3/3", "big: pull 1/5", "big: pull 5/5")
          .doesNotContain("big: pull 6/")
          .as("the small blobs are pulled in three measured rounds")
          .contains("small blobs: pull 1/3", "small blobs: pull 3/3");
    }
  }

  @Test
  void run_tokenExpiresMidRun_fetchesANewOneAndSucceeds() throws Exception {
    try (FakeRegistry registry = new FakeRegistry(FakeRegistry.Mode.TOKEN, "admin", "s3cret", 5)) {
      int code = bench(registry.url(), "--username", "admin", "--password", "s3cret", "--json");
      assertThat(code).as(err.toString()).isZero();
      assertThat(registry.tokensIssued.get()).isGreaterThan(2);
    }
  }

  @Test
  void run_basicAuth_succeeds() throws Exception {
    try (FakeRegistry registry = new FakeRegistry(FakeRegistry.Mode.BASIC, "u", "p", 0)) {
      assertThat(bench(registry.url(), "--username", "u", "--password", "p")).as(err.toString()).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("big push", "manifest GET p99", "MiB/s", "req/s");
    }
  }

  @Test
  void run_wrongPassword_failsNamingTheTokenRequest() throws Exception {
    try (FakeRegistry registry = new FakeRegistry(FakeRegistry.Mode.TOKEN, "admin", "s3cret", 0)) {
      assertThat(bench(registry.url(), "--username", "admin", "--password", "wrong")).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("FAILED", "/token", "HTTP 401")
          .doesNotContain("wrong");
    }
  }

  @Test
  void run_noCredentialsAgainstBasic_failsAskingForThem() throws Exception {
    try (FakeRegistry registry = new FakeRegistry(FakeRegistry.Mode.BASIC, "u", "p", 0)) {
      assertThat(bench(registry.url())).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("POST ", "--username");
    }
  }

  @Test
  void run_putRefused_failsNamingTheRequestAndStatus() throws Exception {
    try (FakeRegistry registry = new FakeRegistry(FakeRegistry.Mode.ANONYMOUS, "u", "p", 0)) {
      registry.failPutStatus = 500;
      assertThat(bench(registry.url())).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("PUT " + registry.url() + "/v2/reg/bench/blobs/uploads/", "HTTP 500", "BLOB_UPLOAD_INVALID");
    }
  }

  @Test
  void compare_twoReports_printsRatiosWithDirection(@TempDir Path dir) throws Exception {
    Path base = dir.resolve("base.json");
    Path candidate = dir.resolve("candidate.json");
    Files.writeString(base, report("dist", 200, 10));
    Files.writeString(candidate, report("coffer", 100, 20));
    assertThat(Bench.run(List.of("compare", base.toString(), candidate.toString()),
        new PrintStream(out, true), new PrintStream(err, true))).isZero();
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("coffer/dist");
    assertThat(text.lines().filter(l -> l.startsWith("big push")).findFirst().orElseThrow())
        .contains("0.50", "higher is better", "dist ahead");
    assertThat(text.lines().filter(l -> l.startsWith("manifest GET p99")).findFirst().orElseThrow())
        .contains("2.00", "lower is better", "dist ahead");
  }

  @Test
  void compare_severalRounds_comparesTheMediansOfEachSide(@TempDir Path dir) throws Exception {
    Path b1 = dir.resolve("b1.json");
    Path b2 = dir.resolve("b2.json");
    Path b3 = dir.resolve("b3.json");
    Path c1 = dir.resolve("c1.json");
    Path c2 = dir.resolve("c2.json");
    Files.writeString(b1, report("dist", 100, 10));
    Files.writeString(b2, report("dist", 300, 50)); // an outlier round does not move the median
    Files.writeString(b3, report("dist", 120, 12));
    Files.writeString(c1, report("coffer", 150, 5));
    Files.writeString(c2, report("coffer", 210, 7));
    assertThat(Bench.run(List.of("compare", b1 + "," + b2 + "," + b3, c1 + "," + c2),
        new PrintStream(out, true), new PrintStream(err, true))).isZero();
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text.lines().filter(l -> l.startsWith("big push")).findFirst().orElseThrow())
        .contains("120 MiB/s", "180 MiB/s", "1.50", "coffer ahead");
    assertThat(text.lines().filter(l -> l.startsWith("manifest GET p99")).findFirst().orElseThrow())
        .contains("12.0 ms", "6.000 ms", "0.50", "coffer ahead");
    assertThat(text).contains("median of dist: 3 rounds, coffer: 2 rounds");
  }

  @Test
  void compare_roundsInTurns_ratioIsTheMedianOfTheRoundsRatios(@TempDir Path dir) throws Exception {
    double[] base = {100, 300, 120};
    double[] candidate = {110, 240, 200}; // round ratios 1.10, 0.80, 1.67; medians 120 and 200
    StringBuilder bases = new StringBuilder();
    StringBuilder candidates = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      Path b = dir.resolve("b" + i + ".json");
      Path c = dir.resolve("c" + i + ".json");
      Files.writeString(b, report("dist", base[i], 10));
      Files.writeString(c, report("coffer", candidate[i], 10));
      bases.append(i == 0 ? "" : ",").append(b);
      candidates.append(i == 0 ? "" : ",").append(c);
    }
    assertThat(Bench.run(List.of("compare", bases.toString(), candidates.toString()),
        new PrintStream(out, true), new PrintStream(err, true))).isZero();
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text.lines().filter(l -> l.startsWith("big push")).findFirst().orElseThrow())
        .contains("120 MiB/s", "200 MiB/s", "1.10", "coffer ahead");
    assertThat(text).contains("ratio: the median of the rounds' own ratios");
  }

  private static String report(String label, double push, double p99) {
    Report r = new Report(label, "http://x", "r");
    r.add(new Report.Row("big push", push, Report.MIB_S, true));
    r.add(new Report.Row("manifest GET p99", p99, Report.MS, false));
    return Json.string(r.json());
  }
}
