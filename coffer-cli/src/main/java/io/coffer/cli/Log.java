package io.coffer.cli;

import java.io.PrintWriter;

/** Diagnostics on stderr, with az's prefixes and its verbosity switches. */
public final class Log {
  private final PrintWriter err;
  private boolean onlyErrors;
  private boolean verbose;
  private boolean debug;

  Log(PrintWriter err) {
    this.err = err;
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
    if (!onlyErrors) line("WARNING: " + message);
  }

  public void info(String message) {
    if (verbose) line("INFO: " + message);
  }

  public void debug(String message) {
    if (debug) line("DEBUG: " + message);
  }

  public void error(String message) {
    line("ERROR: " + message);
  }

  private void line(String text) {
    err.print(text + "\n");
    err.flush();
  }
}
