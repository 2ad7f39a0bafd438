package io.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.CliContext;
import io.coffer.cli.CofferCli;
import io.coffer.common.Json;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** One {@code coffer …} command run in process, as a user types it, with its session in {@code configDir}. */
public record CliRun(int exit, String out, String err) {
  public JsonNode json() {
    return Json.parse(out);
  }

  /** The output without its final newline: what {@code $(coffer … -o tsv)} gives a shell variable. */
  public String line() {
    return out.strip();
  }

  public static CliRun run(Path configDir, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true), new StringReader(""),
        Map.of("COFFER_CONFIG_DIR", configDir.toString()), Clock.systemUTC(), false);
    int exit = CofferCli.run(CofferCli.build(ctx), args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  /** Runs the command and fails the test, with its stderr, unless it exits 0. */
  public static CliRun ok(Path configDir, String... args) {
    CliRun r = run(configDir, args);
    assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.err()).isZero();
    return r;
  }
}
