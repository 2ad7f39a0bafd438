package io.coffer.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a command may touch outside itself: streams, environment, clock. Tests build one with
 * string streams and a temporary config folder; {@link #system()} is the real process.
 */
public final class CliContext {
  private final PrintWriter out;
  private final PrintWriter err;
  private final BufferedReader in;
  private final Map<String, String> env;
  private final Clock clock;
  private final boolean terminal;
  private final Log log;

  public CliContext(PrintWriter out, PrintWriter err, Reader in, Map<String, String> env, Clock clock,
      boolean terminal) {
    this.out = out;
    this.err = err;
    this.in = in instanceof BufferedReader b ? b : new BufferedReader(in);
    this.env = Map.copyOf(env);
    this.clock = clock;
    this.terminal = terminal;
    this.log = new Log(err, color());
  }

  /** The real process: UTF-8 on stdout/stderr whatever the locale, as az writes UTF-8 JSON. */
  public static CliContext system() {
    return new CliContext(
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
        new InputStreamReader(System.in, StandardCharsets.UTF_8),
        System.getenv(), Clock.systemDefaultZone(), System.console() != null);
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public BufferedReader in() {
    return in;
  }

  public Map<String, String> env() {
    return env;
  }

  public String env(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v;
  }

  public Clock clock() {
    return clock;
  }

  public Log log() {
    return log;
  }

  /** Colour only on a terminal and when NO_COLOR is unset (knack's rule, less its config key). */
  public boolean color() {
    return terminal && env("NO_COLOR") == null;
  }

  /** {@code $COFFER_CONFIG_DIR}, else {@code ~/.coffer}. */
  public Path configDir() {
    String dir = env("COFFER_CONFIG_DIR");
    return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".coffer");
  }
}
