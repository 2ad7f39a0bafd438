package io.coffer.bench;

import io.coffer.common.Secret;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.nio.file.Path;

/** The command line of {@code coffer-bench vault}. Usage errors raise {@link IllegalArgumentException}. */
final class VaultOptions {
  static final String USAGE = """
      usage: java -jar coffer-bench.jar vault --url URL --username U [--password P] [options]

        --url URL              Coffer base URL, e.g. http://127.0.0.1:5080 (vault hosts are reached through it)
        --username U           a user allowed to create a resource group and a vault (the admin)
        --password P           its password (or set BENCH_PASSWORD, which stays out of `ps`)
        --vault-domain D       the server's vault.domain (default vault.localhost)
        --sizes LIST           RSA key sizes, comma-separated (default 2048,3072)
        --clients N            concurrent clients and JDK threads (default 8)
        --seconds S            measured duration of each row (default 10)
        --warmup-seconds S     unmeasured time before each row (default 3)
        --server-warmup-seconds S  unmeasured wrap/unwrap calls before the first row (default 60, 0: none)
        --json                 print one JSON object instead of the table
        --json-out FILE        also write that JSON object to FILE
      """;

  String url;
  String username;
  Secret password;
  String vaultDomain = "vault.localhost";
  List<Integer> sizes = List.of(2048, 3072);
  int clients = 8;
  double seconds = 10;
  double warmupSeconds = 3;
  double serverWarmupSeconds = 60;
  boolean json;
  Path jsonOut;

  static VaultOptions parse(List<String> arguments) {
    VaultOptions o = new VaultOptions();
    Deque<String> args = new ArrayDeque<>(arguments);
    while (!args.isEmpty()) {
      String flag = args.poll();
      switch (flag) {
        case "--url" -> o.url = Options.value(flag, args);
        case "--username" -> o.username = Options.value(flag, args);
        case "--password" -> o.password = Secret.of(Options.value(flag, args));
        case "--vault-domain" -> o.vaultDomain = Options.value(flag, args);
        case "--sizes" -> {
          List<Integer> sizes = new ArrayList<>();
          for (String s : Options.value(flag, args).split(",")) {
            try {
              sizes.add(Integer.parseInt(s.trim()));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("--sizes: not a number: " + s);
            }
          }
          o.sizes = List.copyOf(sizes);
        }
        case "--clients" -> o.clients = (int) Options.positive(flag, args);
        case "--seconds" -> o.seconds = Options.positive(flag, args);
        case "--warmup-seconds" -> o.warmupSeconds = Options.positive(flag, args);
        case "--server-warmup-seconds" -> o.serverWarmupSeconds = Options.number(flag, args);
        case "--json" -> o.json = true;
        case "--json-out" -> o.jsonOut = Path.of(Options.value(flag, args));
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    if (o.url == null) throw new IllegalArgumentException("--url is required");
    if (o.username == null) throw new IllegalArgumentException("--username is required");
    if (o.password == null) {
      String env = System.getenv("BENCH_PASSWORD");
      if (env == null) throw new IllegalArgumentException("--password or BENCH_PASSWORD is required");
      o.password = Secret.of(env);
    }
    return o;
  }
}
