package io.coffer.cli;

import io.coffer.cli.output.OutputFormat;
import io.coffer.cli.query.JmesQuery;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The arguments every coffer command accepts, as az's "Global Arguments". */
public final class GlobalOptions {
  @ArgGroup(validate = false, heading = "%nGlobal Arguments%n", order = 1000)
  Args args = new Args();

  static final class Args {
    @Option(names = {"--output", "-o"}, paramLabel = "<format>", converter = OutputFormat.Converter.class,
        completionCandidates = OutputFormat.Candidates.class, order = 1,
        description = "Output format: ${COMPLETION-CANDIDATES}. Default: json, or $COFFER_CORE_OUTPUT.")
    OutputFormat output;

    @Option(names = "--query", paramLabel = "<JMESPath>", converter = JmesQuery.Converter.class, order = 2,
        description = "JMESPath query string, applied to the result before it is printed. "
            + "See https://jmespath.org/ for more information and examples.")
    JmesQuery query;

    @Option(names = "--only-show-errors", order = 3, description = "Only show errors, suppressing warnings.")
    boolean onlyShowErrors;

    @Option(names = "--verbose", order = 4, description = "Increase logging verbosity. Use --debug for full debug logs.")
    boolean verbose;

    @Option(names = "--debug", order = 5,
        description = "Increase logging verbosity to show all debug logs (HTTP requests; never secrets).")
    boolean debug;
  }

  /** The chosen format: the flag, else {@code $COFFER_CORE_OUTPUT} (az's core.output), else json. */
  public OutputFormat output(CliContext ctx) {
    if (args.output != null) return args.output;
    String fromEnv = ctx.env("COFFER_CORE_OUTPUT");
    if (fromEnv != null) {
      try {
        return OutputFormat.parse(fromEnv);
      } catch (IllegalArgumentException e) {
        throw new CliException("COFFER_CORE_OUTPUT: " + e.getMessage(), CliException.USAGE);
      }
    }
    return OutputFormat.JSON;
  }

  public JmesQuery query() {
    return args.query;
  }

  public boolean onlyShowErrors() {
    return args.onlyShowErrors;
  }

  public boolean verbose() {
    return args.verbose;
  }

  public boolean debug() {
    return args.debug;
  }
}
