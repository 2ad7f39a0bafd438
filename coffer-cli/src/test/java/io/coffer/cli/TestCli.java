package io.coffer.cli;

import io.coffer.cli.session.Session;
import io.coffer.cli.session.SessionStore;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Runs coffer in-process on string streams, a temporary config folder and a fixed clock. */
public final class TestCli {
  public static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
  public static final String TOKEN = "token-1";
  public static final String SUBSCRIPTION = "sub-1";

  private final Path configDir;
  private final Map<String, String> env = new HashMap<>();
  private String stdin = "";
  private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private boolean terminal;

  /** What one invocation printed and returned. */
  public record Result(int exitCode, String out, String err) {}

  public TestCli(Path configDir) {
    this.configDir = configDir;
    env.put("COFFER_CONFIG_DIR", configDir.toString());
  }

  public TestCli stdin(String text) {
    this.stdin = text;
    return this;
  }

  public TestCli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public TestCli clock(Clock c) {
    this.clock = c;
    return this;
  }

  /** Runs as if stdout and stderr were a terminal (colour unless NO_COLOR is set). */
  public TestCli terminal(boolean t) {
    this.terminal = t;
    return this;
  }

  public Path configDir() {
    return configDir;
  }

  public SessionStore store() {
    return new SessionStore(configDir);
  }

  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true),
        new StringReader(stdin), env, clock, terminal);
    int code = CofferCli.run(CofferCli.build(ctx), args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Saves a session on {@code server} whose token is valid for another hour. */
  public TestCli loggedInTo(String server) {
    return loggedInTo(server, NOW.getEpochSecond() + 3600);
  }

  public TestCli loggedInTo(String server, long expiresOn) {
    store().save(new Session(server, "alice", TOKEN, "refresh-1", expiresOn, SUBSCRIPTION, "Default",
        "Enabled", "tenant-1", null));
    return this;
  }
}
