package io.coffer.cli;

import io.coffer.cli.commands.AccountCommands;
import io.coffer.cli.commands.AcrCommands;
import io.coffer.cli.commands.AdCommands;
import io.coffer.cli.commands.DeploymentCommands;
import io.coffer.cli.commands.IdentityCommands;
import io.coffer.cli.commands.KeyVaultCommands;
import io.coffer.cli.commands.RoleCommands;
import io.coffer.cli.commands.ConfigCommands;
import io.coffer.cli.commands.GroupCommands;
import io.coffer.cli.commands.LoginCommand;
import io.coffer.cli.commands.LogoutCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code coffer} command line: the az commands of the registry and key-vault flows with
 * {@code az} replaced by {@code coffer}. Exit codes follow az: 0 success, 1 error, 2 usage error,
 * 3 resource not found.
 *
 * <p>Other modules add commands with {@link #addSubcommand}, e.g. the server's {@code serve}:
 * {@code CofferCli.run(CofferCli.addSubcommand(CofferCli.build(), "serve", new ServeCommand()), args)}.
 */
@Command(name = "coffer",
    mixinStandardHelpOptions = true,
    versionProvider = CofferCli.Version.class,
    description = {
        "Coffer: a self-hosted container registry whose content is encrypted under keys you hold.",
        "Its commands mirror the Azure CLI: type 'coffer' where you would type 'az'."},
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExamples%n",
    footer = {
        "  coffer login --server https://coffer.example.com:8443 -u admin -p '<password>'",
        "  coffer group create -n myrg -l westeurope",
        "  coffer acr create -g myrg -n myregistry --sku Premium",
        "  coffer acr repository list -n myregistry -o table",
        "  coffer keyvault create -n myvault -g myrg --enable-purge-protection",
        "",
        "Use 'coffer <command> --help' for more information about a command."},
    subcommands = {
        LoginCommand.class,
        LogoutCommand.class,
        AccountCommands.class,
        GroupCommands.class,
        AcrCommands.class,
        IdentityCommands.class,
        KeyVaultCommands.class,
        DeploymentCommands.class,
        RoleCommands.class,
        AdCommands.class,
        ConfigCommands.class,
        CommandLine.HelpCommand.class})
public final class CofferCli implements Runnable {
  private final CliContext context;

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  public CofferCli(CliContext context) {
    this.context = context;
  }

  public CliContext context() {
    return context;
  }

  /** {@code coffer} alone prints the overview, as {@code az} does. */
  @Override
  public void run() {
    spec.commandLine().usage(context.out());
    context.out().flush();
  }

  /** The command line on the real process streams and environment. */
  public static CommandLine build() {
    return build(CliContext.system());
  }

  /** The command line on the given streams and environment (tests pass string streams). */
  public static CommandLine build(CliContext context) {
    CommandLine cl = new CommandLine(new CofferCli(context));
    configure(cl, context);
    return cl;
  }

  /**
   * Adds a command that this module does not know (the server module's {@code serve}) and gives it
   * the same streams and error handling as the built-in ones. Returns {@code root}.
   */
  public static CommandLine addSubcommand(CommandLine root, String name, Object command) {
    root.addSubcommand(name, command);
    CliContext context = root.getCommand() instanceof CofferCli cli ? cli.context() : CliContext.system();
    configure(root, context);
    return root;
  }

  /** Runs {@code coffer args...} on the real process and returns the exit code. */
  public static int run(String... args) {
    return run(build(), args);
  }

  /** Runs a command line built by {@link #build} and returns the exit code. */
  public static int run(CommandLine commandLine, String... args) {
    try {
      return commandLine.execute(Arguments.normalize(args));
    } finally {
      commandLine.getOut().flush();
      commandLine.getErr().flush();
    }
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  private static void configure(CommandLine cl, CliContext context) {
    headings(cl);
    cl.setOut(context.out());
    cl.setErr(context.err());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // az reads "@file" as the file's content for the one value that asks for it (rotation-policy
    // --value); picocli's own @file would splice the file in as more arguments.
    cl.setExpandAtFiles(false);
    cl.setParameterExceptionHandler(parameterErrors(context));
    cl.setExecutionExceptionHandler(executionErrors(context));
  }

  /** az-like help layout: a blank line before the description, "Arguments", "Commands". */
  private static void headings(CommandLine cl) {
    CommandLine.Model.UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
    if (usage.descriptionHeading().isEmpty()) usage.descriptionHeading("%n");
    if (usage.optionListHeading().isEmpty()) usage.optionListHeading("%nArguments%n");
    if (usage.commandListHeading().equals("Commands:%n")) usage.commandListHeading("%nCommands:%n");
    if (usage.parameterListHeading().isEmpty()) usage.parameterListHeading("%n");
    cl.getSubcommands().values().forEach(CofferCli::headings);
  }

  /** Usage errors: az's argparse prints the problem and exits with 2. */
  private static IParameterExceptionHandler parameterErrors(CliContext context) {
    return (ParameterException ex, String[] args) -> {
      PrintWriter err = context.err();
      context.log().error(ex.getMessage());
      // Recommendations follow the error, one per line, never coloured.
      StringWriter suggestions = new StringWriter();
      UnmatchedArgumentException.printSuggestions(ex, new PrintWriter(suggestions));
      err.print(suggestions);
      err.print("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.\n");
      err.flush();
      return CliException.USAGE;
    };
  }

  /** Failures while running: {@code ERROR: <message>} (red on a terminal), stack trace only with --debug. */
  private static IExecutionExceptionHandler executionErrors(CliContext context) {
    return (Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) -> {
      PrintWriter err = context.err();
      if (ex instanceof CliException c) {
        context.log().error(c.getMessage());
        if (context.log().isDebug() && c.getCause() != null) c.getCause().printStackTrace(err);
        err.flush();
        return c.exitCode();
      }
      context.log().error("The command failed with an unexpected error: " + ex);
      if (context.log().isDebug()) ex.printStackTrace(err);
      else err.print("Use --debug to see the stack trace.\n");
      err.flush();
      return CliException.FAILURE;
    };
  }

  /** {@code coffer --version}. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = CofferCli.class.getPackage().getImplementationVersion();
      return new String[] {"coffer " + (v != null ? v : "0.1.0-SNAPSHOT")};
    }
  }
}
