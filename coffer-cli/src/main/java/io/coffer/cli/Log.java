package io.coffer.cli;

import java.io.PrintWriter;

/**
 * Diagnostics on stderr, with az's verbosity switches. Plain text reads {@code LEVEL: message};
 * on a colour terminal az drops the level name and colours the whole message instead.
 */
public final class Log {
  private static final String RED = "\u001b[91m";
  private static final String YELLOW = "\u001b[33m";
  private static final String GREEN = "\u001b[32m";
  private static final String CYAN = "\u001b[36m";
  private static final String RESET = "\u001b[0m";

  private final PrintWriter err;
  private final boolean color;
  private boolean onlyErrors;
  private boolean verbose;
  private boolean debug;

  Log(PrintWriter err, boolean color) {
    this.err = err;
    this.color = color;
  }

  void configure(boolean onlyShowErrors, boolean verbose, boolean debug) {
    this.onlyErrors = onlyShowErrors;
    this.verbose = verbose || debug;
    this.debug = debug;
  }

  public boolean isDebug() {
    return debug;
  }

  public void warn(String message) {
    if (!onlyErrors) line("WARNING", YELLOW, message);
  }

  public void info(String message) {
    if (verbose) line("INFO", GREEN, message);
  }

  public void debug(String message) {
    if (debug) line("DEBUG", CYAN, message);
  }

  public void error(String message) {
    line("ERROR", RED, message);
  }

  private void line(String level, String colour, String message) {
    err.print((color ? colour + message + RESET : level + ": " + message) + "\n");
    err.flush();
  }
}
