package io.coffer.server;

import io.coffer.cli.CofferCli;
import io.coffer.common.http.LoopbackRoute;
import picocli.CommandLine;

/** The {@code coffer} launcher: the CLI's commands plus {@code serve}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // First: the JDK reads it once, when java.net.http loads; the registry's vault client and the
    // CLI reach *.localhost vault hosts on 127.0.0.1 with their name in the Host header.
    LoopbackRoute.allowHostHeader();
    CommandLine cli = CofferCli.addSubcommand(CofferCli.build(), "serve", new ServeCommand());
    System.exit(CofferCli.run(cli, args));
  }
}
