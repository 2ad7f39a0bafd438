package io.coffer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Entry point: measures blob push/pull throughput and manifest GET rate of any OCI Distribution
 * registry, or compares two JSON reports. Progress goes to stderr, results to stdout.
 */
public final class Bench {
  /** Unmeasured pulls of the big blob, then measured ones whose median is reported. */
  static final int BIG_PULL_WARM_UPS = 3;
  static final int BIG_PULLS = 5;
  /** Measured rounds of pulling all the small blobs; the median is reported. */
  static final int SMALL_PULL_ROUNDS = 3;

  private Bench() {}

  public static void main(String[] argv) {
    System.exit(run(Arrays.asList(argv), System.out, System.err));
  }

  static int run(List<String> argv, PrintStream out, PrintStream err) {
    try {
      if (argv.contains("--help") || argv.contains("-h")) {
        out.print(!argv.isEmpty() && argv.get(0).equals("vault") ? VaultOptions.USAGE : Options.USAGE);
        return 0;
      }
      if (!argv.isEmpty() && argv.get(0).equals("compare")) {
        return compare(argv.subList(1, argv.size()), out);
      }
      if (!argv.isEmpty() && argv.get(0).equals("vault")) {
        return vault(argv.subList(1, argv.size()), out, err);
      }
      Options options = Options.parse(argv);
      Report report = measure(options, message -> err.println("[" + options.label + "] " + message));
      String json = Json.string(report.json());
      if (options.jsonOut != null) {
        Files.writeString(options.jsonOut, json + "\n");
      }
      out.print(options.json ? json + "\n" : report.text());
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("bench: " + e.getMessage());
      err.print(Options.USAGE);
      return 2;
    } catch (BenchException e) {
      err.println("bench: FAILED: " + e.getMessage());
      return 1;
    } catch (IOException | RuntimeException e) {
      err.println("bench: FAILED: " + e);
      return 1;
    }
  }

  static Report measure(Options o, Consumer<String> log) {
    Http.configureKeepAlive(Math.max(o.concurrency, o.manifestConnections) + 4);
    Http http = new Http(o.caFile == null ? null : Http.trusting(o.caFile));
    Auth auth = new Auth(http, o.repository, o.username, o.password);
    RegistryClient registry = new RegistryClient(http, auth, o.url, o.repository);
    Report report = new Report(o.label, o.url, o.repository).parameter("seed", o.seed);
    log.accept("seed " + o.seed);

    if (o.memoryCheckGib > 0) {
      report.parameter("memoryCheckGib", o.memoryCheckGib);
      long bytes = (long) o.memoryCheckGib << 30;
      BigBlobScenario.run(registry, bytes, BlobSource.derive(o.seed, 4, 0),
          "memory check " + o.memoryCheckGib + " GiB", 0, 1, log).forEach(report::add);
      return report;
    }
    report.parameter("bigMib", o.bigMib).parameter("smallCount", o.smallCount)
        .parameter("smallMib", o.smallMib).parameter("concurrency", o.concurrency)
        .parameter("warmupMib", o.warmupMib)
        .parameter("manifestConnections", o.manifestConnections)
        .parameter("manifestSeconds", o.manifestSeconds)
        .parameter("manifestWarmupSeconds", o.manifestWarmupSeconds);
    if (o.warmupMib > 0) {
      SmallBlobsScenario.warmUp(registry, o.bytes(o.warmupMib), o.concurrency, o.seed, log);
    }
    BigBlobScenario.run(registry, o.bytes(o.bigMib), BlobSource.derive(o.seed, 1, 0), "big", BIG_PULL_WARM_UPS, BIG_PULLS, log)
        .forEach(report::add);
    SmallBlobsScenario.run(registry, o.smallCount, o.bytes(o.smallMib), o.concurrency, SMALL_PULL_ROUNDS,
        o.seed, log)
        .forEach(report::add);
    ManifestScenario.run(registry, o.manifestConnections, o.manifestSeconds, o.manifestWarmupSeconds,
        o.seed, log).forEach(report::add);
    return report;
  }

  private static int vault(List<String> argv, PrintStream out, PrintStream err) throws IOException {
    VaultOptions o;
    try {
      o = VaultOptions.parse(argv);
    } catch (IllegalArgumentException e) {
      err.println("bench: " + e.getMessage());
      err.print(VaultOptions.USAGE);
      return 2;
    }
    Http.configureKeepAlive(o.clients + 4);
    VaultScenario.allowHostHeader();
    Report report = new Report("coffer-vault", o.url, "-").parameter("clients", o.clients)
        .parameter("seconds", o.seconds).parameter("sizes", o.sizes);
    new VaultScenario(new Http(null), o.url, o.username, o.password.revealString(),
        message -> err.println("[vault] " + message))
        .run(report, o.vaultDomain, o.sizes, o.clients, o.seconds, o.warmupSeconds, o.serverWarmupSeconds);
    String json = Json.string(report.json());
    if (o.jsonOut != null) Files.writeString(o.jsonOut, json + "\n");
    out.print(o.json ? json + "\n" : report.text());
    return 0;
  }

  /** {@code compare BASE.json[,BASE.json…] CANDIDATE.json[,CANDIDATE.json…]}: several rounds per side. */
  private static int compare(List<String> files, PrintStream out) throws IOException {
    if (files.size() != 2) {
      throw new IllegalArgumentException("compare needs BASE.json[,BASE.json...] CANDIDATE.json[,CANDIDATE.json...]");
    }
    out.print(Report.compare(reports(files.get(0)), reports(files.get(1))));
    return 0;
  }

  private static List<JsonNode> reports(String commaSeparated) throws IOException {
    List<JsonNode> reports = new ArrayList<>();
    for (String file : commaSeparated.split(",")) {
      reports.add(Json.parse(Files.readAllBytes(Path.of(file))));
    }
    return reports;
  }
}
