package io.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LogTest {
  private final StringWriter text = new StringWriter();

  private Log log(boolean color) {
    return new Log(new PrintWriter(text, true), color);
  }

  private static void everyLevel(Log log) {
    log.error("e");
    log.warn("w");
    log.info("i");
    log.debug("d");
  }

  @Test
  void defaultLevel_errorsAndWarningsOnly() {
    everyLevel(log(false));
    assertThat(text.toString()).isEqualTo("ERROR: e\nWARNING: w\n");
  }

  @Test
  void onlyShowErrors_suppressesWarnings() {
    Log log = log(false);
    log.configure(true, false, false);
    everyLevel(log);
    assertThat(text.toString()).isEqualTo("ERROR: e\n");
  }

  @Test
  void verbose_addsInfo() {
    Log log = log(false);
    log.configure(false, true, false);
    everyLevel(log);
    assertThat(text.toString()).isEqualTo("ERROR: e\nWARNING: w\nINFO: i\n");
    assertThat(log.isDebug()).isFalse();
  }

  @Test
  void debug_addsInfoAndDebug() {
    Log log = log(false);
    log.configure(false, false, true);
    everyLevel(log);
    assertThat(text.toString()).isEqualTo("ERROR: e\nWARNING: w\nINFO: i\nDEBUG: d\n");
    assertThat(log.isDebug()).isTrue();
  }

  @Test
  void color_dropsLevelNameAndColoursTheWholeMessage() {
    Log log = log(true);
    log.configure(false, false, true);
    log.error("(NotFound) gone\nCode: NotFound");
    log.warn("w");
    log.info("i");
    log.debug("d");
    assertThat(text.toString()).isEqualTo("\u001b[91m(NotFound) gone\nCode: NotFound\u001b[0m\n"
        + "\u001b[33mw\u001b[0m\n\u001b[32mi\u001b[0m\n\u001b[36md\u001b[0m\n");
  }
}
