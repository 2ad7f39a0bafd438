package io.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class CofferCliTest {
  @TempDir Path dir;

  private TestCli cli() {
    return new TestCli(dir);
  }

  @Test
  void run_noArguments_printsOverviewAndExitsZero() {
    TestCli.Result r = cli().run();
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("Usage: coffer").contains("acr", "group", "login");
  }

  @Test
  void run_groupWithoutCommand_printsGroupHelp() {
    TestCli.Result r = cli().run("acr");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: coffer acr").contains("create", "repository", "credential");
  }

  @Test
  void run_leafHelp_describesArgumentsAndGlobalArguments() {
    TestCli.Result r = cli().run("acr", "create", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("--sku", "Basic, Standard, Premium", "Global Arguments", "--query", "--output");
  }

  @Test
  void run_unknownCommand_exitsTwoWithSuggestion() {
    TestCli.Result r = cli().run("acrr");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("ERROR: ").contains("coffer acr");
  }

  @Test
  void run_missingRequiredOption_exitsTwo() {
    TestCli.Result r = cli().run("group", "create", "-n", "rg");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("ERROR: ").contains("--location");
  }

  @Test
  void run_badQuerySyntax_exitsTwoBeforeAnyCall() {
    TestCli.Result r = cli().run("group", "list", "--query", "[?name==");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("ERROR: ").contains("--query");
  }

  @Test
  void run_unknownOutputFormat_exitsTwo() {
    TestCli.Result r = cli().run("group", "list", "-o", "xml");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("invalid choice: 'xml'");
  }

  @Test
  void run_invalidSku_exitsTwo() {
    TestCli.Result r = cli().run("acr", "create", "-g", "rg", "-n", "reg", "--sku", "Gold");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--sku");
  }

  @Test
  void run_noSession_asksToLogIn() {
    TestCli.Result r = cli().run("group", "list");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("ERROR: Please run 'coffer login' to setup account.\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void run_globalFlags_acceptedOnLeafCommands() {
    TestCli.Result quiet = cli().run("group", "list", "--only-show-errors", "-o", "TSV");
    assertThat(quiet.exitCode()).isEqualTo(1);
    assertThat(quiet.err()).isEqualTo("ERROR: Please run 'coffer login' to setup account.\n");
    TestCli.Result loud = cli().run("group", "list", "--verbose", "--debug");
    assertThat(loud.exitCode()).isEqualTo(1);
    assertThat(loud.err()).contains("ERROR: Please run 'coffer login'");
  }

  @Test
  void run_onlyShowErrorsWithVerboseOrDebug_refusedWithExitOne() {
    for (String loud : new String[] {"--verbose", "--debug"}) {
      TestCli.Result r = cli().run("group", "list", "--only-show-errors", loud);
      assertThat(r.exitCode()).as(loud).isEqualTo(1);
      assertThat(r.err()).as(loud)
          .isEqualTo("ERROR: --only-show-errors can't be used together with --debug or --verbose\n");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void run_unknownOption_exitsTwo() {
    TestCli.Result r = cli().run("group", "list", "--bogus");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("ERROR: ").contains("--bogus");
  }

  @Test
  void run_usageError_errorLineThenPlainRecommendation() {
    TestCli.Result r = cli().run("group", "create", "-n", "rg");
    assertThat(r.err().lines().toList()).hasSize(2)
        .satisfies(lines -> assertThat(lines.get(0)).startsWith("ERROR: ").contains("--location"))
        .satisfies(lines -> assertThat(lines.get(1))
            .isEqualTo("Try 'coffer group create --help' for more information."));
  }

  @Test
  void run_usageErrorOnColourTerminal_messageAloneInRedThenPlainRecommendation() {
    TestCli.Result r = cli().terminal(true).run("group", "create", "-n", "rg");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("\u001b[91m").doesNotContain("ERROR")
        .contains("--location")
        .endsWith("\u001b[0m\nTry 'coffer group create --help' for more information.\n");
  }

  @Test
  void run_commandErrorOnColourTerminal_messageAloneInRed() {
    TestCli.Result r = cli().terminal(true).run("group", "list");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("\u001b[91mPlease run 'coffer login' to setup account.\u001b[0m\n");
  }

  @Test
  void run_errorOnTerminalWithNoColor_plainErrorPrefix() {
    TestCli.Result r = cli().terminal(true).env("NO_COLOR", "1").run("group", "list");
    assertThat(r.err()).isEqualTo("ERROR: Please run 'coffer login' to setup account.\n");
  }

  @Test
  void run_unknownJmesPathFunction_refusedWhileParsing() {
    // az would only notice on evaluation (exit 1, after the call); refusing it up front means a
    // create or delete never runs with a query that cannot print its result.
    TestCli.Result r = cli().run("group", "list", "--query", "foo(name)");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("ERROR: ").contains("--query").contains("unknown function");
  }

  @Command(name = "serve", description = "Start the server.")
  static final class Serve implements Callable<Integer> {
    @CommandLine.Option(names = "--fail") boolean fail;

    @Override
    public Integer call() {
      if (fail) throw new IllegalStateException("port in use");
      return 0;
    }
  }

  @Test
  void addSubcommand_serve_runsWithSameErrorHandling() {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    CliContext ctx = new CliContext(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
        new java.io.StringReader(""), java.util.Map.of("COFFER_CONFIG_DIR", dir.toString()),
        java.time.Clock.systemUTC(), false);
    CommandLine cl = CofferCli.addSubcommand(CofferCli.build(ctx), "serve", new Serve());
    assertThat(CofferCli.run(cl, "serve")).isZero();
    assertThat(CofferCli.run(cl, "serve", "--fail")).isEqualTo(1);
    assertThat(err.toString()).contains("ERROR: ").contains("port in use");
    assertThat(CofferCli.run(cl, "serve", "--nope")).isEqualTo(2);
  }

  @Test
  void build_plainAddSubcommand_doesNotFail() {
    CommandLine cl = CofferCli.build();
    cl.addSubcommand("serve", new Serve());
    assertThat(cl.getSubcommands()).containsKey("serve");
  }
}
