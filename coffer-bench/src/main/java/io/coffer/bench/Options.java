package io.coffer.bench;

import io.coffer.common.Secret;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The command line of a benchmark run. Usage errors raise {@link IllegalArgumentException}. */
final class Options {
  static final String USAGE = """
      usage: java -jar coffer-bench.jar --url URL --repository NAME [options]
             java -jar coffer-bench.jar compare BASE.json[,BASE.json...] CANDIDATE.json[,CANDIDATE.json...]
                 (the ratio table; with several rounds: medians, and the median of the rounds' ratios)
             java -jar coffer-bench.jar vault --help   (wrapKey/unwrapKey rate of a Coffer vault)

        --url URL                   registry base URL, e.g. http://127.0.0.1:5000
        --repository NAME           repository to push to, e.g. myregistry/bench
        --username U                credentials for Basic or token auth (none: anonymous)
        --password P                the password (or set BENCH_PASSWORD, which stays out of `ps`)
        --ca-file PEM               trust this CA (PEM) for https URLs
        --label L                   name of this run in the report (default: the URL)
        --big-mib N                 size of the single large blob (default 256)
        --small-count N             number of small blobs (default 200)
        --small-mib N               size of each small blob, may be fractional (default 1)
        --concurrency N             concurrent clients for small blobs (default 8)
        --warmup-mib N              unmeasured push/pull before the blob scenarios (default 16, 0: none)
        --manifest-connections N    concurrent keep-alive clients for manifest GET (default 16)
        --manifest-seconds S        measured duration of the manifest loop (default 10)
        --manifest-warmup-seconds S unmeasured warm-up before it (default 2)
        --memory-check-gib N        only push and pull one blob of N GiB (to prove a small heap copes)
        --seed N                    content seed (default: random, printed)
        --json                      print one JSON object instead of the table
        --json-out FILE             also write that JSON object to FILE
      """;

  String url;
  String repository;
  String username;
  Secret password;
  Path caFile;
  String label;
  double bigMib = 256;
  int smallCount = 200;
  double smallMib = 1;
  int concurrency = 8;
  double warmupMib = 16;
  int manifestConnections = 16;
  double manifestSeconds = 10;
  double manifestWarmupSeconds = 2;
  int memoryCheckGib;
  long seed = new SecureRandom().nextLong();
  boolean json;
  Path jsonOut;

  static Options parse(List<String> arguments) {
    Options o = new Options();
    Deque<String> args = new ArrayDeque<>();
    for (String a : arguments) { // accept --name=value as well as --name value
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        args.add(a.substring(0, eq));
        args.add(a.substring(eq + 1));
      } else {
        args.add(a);
      }
    }
    while (!args.isEmpty()) {
      String flag = args.poll();
      switch (flag) {
        case "--url" -> o.url = value(flag, args);
        case "--repository" -> o.repository = value(flag, args);
        case "--username" -> o.username = value(flag, args);
        case "--password" -> o.password = Secret.of(value(flag, args));
        case "--ca-file" -> o.caFile = Path.of(value(flag, args));
        case "--label" -> o.label = value(flag, args);
        case "--big-mib" -> o.bigMib = positive(flag, args);
        case "--small-count" -> o.smallCount = (int) positive(flag, args);
        case "--small-mib" -> o.smallMib = positive(flag, args);
        case "--concurrency" -> o.concurrency = (int) positive(flag, args);
        case "--warmup-mib" -> o.warmupMib = number(flag, args);
        case "--manifest-connections" -> o.manifestConnections = (int) positive(flag, args);
        case "--manifest-seconds" -> o.manifestSeconds = positive(flag, args);
        case "--manifest-warmup-seconds" -> o.manifestWarmupSeconds = number(flag, args);
        case "--memory-check-gib" -> o.memoryCheckGib = (int) positive(flag, args);
        case "--seed" -> o.seed = Long.parseLong(value(flag, args));
        case "--json" -> o.json = true;
        case "--json-out" -> o.jsonOut = Path.of(value(flag, args));
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    if (o.url == null || o.repository == null) {
      throw new IllegalArgumentException("--url and --repository are required");
    }
    if (!o.url.startsWith("http://") && !o.url.startsWith("https://")) {
      throw new IllegalArgumentException("--url must start with http:// or https://");
    }
    if (o.password == null && System.getenv("BENCH_PASSWORD") != null) {
      o.password = Secret.of(System.getenv("BENCH_PASSWORD"));
    }
    if (o.password != null && o.username == null) {
      throw new IllegalArgumentException("a password needs --username");
    }
    if (o.label == null) {
      o.label = o.url;
    }
    return o;
  }

  long bytes(double mib) {
    return Math.round(mib * (1 << 20));
  }

  static String value(String flag, Deque<String> args) {
    String v = args.poll();
    if (v == null) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return v;
  }

  /** A finite number, zero or more. */
  static double number(String flag, Deque<String> args) {
    String v = value(flag, args);
    try {
      double d = Double.parseDouble(v);
      if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + ": not a number >= 0: " + v);
    }
  }

  static double positive(String flag, Deque<String> args) {
    double d = number(flag, args);
    if (d <= 0) {
      throw new IllegalArgumentException(flag + " must be a positive number");
    }
    return d;
  }
}
