package io.coffer.server;

import io.coffer.cli.CofferCli;
import picocli.CommandLine;

/** The {@code coffer} launcher: the CLI's commands plus {@code serve}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    CommandLine cli = CofferCli.addSubcommand(CofferCli.build(), "serve", new ServeCommand());
    System.exit(CofferCli.run(cli, args));
  }
}
