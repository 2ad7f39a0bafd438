package io.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.http.ArmClient;
import io.coffer.cli.http.GraphClient;
import io.coffer.cli.http.VaultAudience;
import io.coffer.cli.http.VaultClient;
import io.coffer.cli.http.RegistryClient;
import io.coffer.cli.output.OutputFormat;
import io.coffer.cli.output.OutputPipeline;
import io.coffer.cli.output.TableTransformer;
import io.coffer.cli.session.SessionManager;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A leaf command. Subclasses do their work in {@link #execute()} and return the result as JSON;
 * this class runs az's output pipeline on it (transform, --query, format) and prints it.
 */
public abstract class CofferCommand implements Callable<Integer> {
  @Spec
  protected CommandSpec spec;

  @Mixin
  protected GlobalOptions global;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  private SessionManager sessions;

  /** Does the work; returns what to print, or null to print nothing. */
  protected abstract JsonNode execute();

  /** The exit code once the result is printed: 0, or non-zero when the result itself is a failure. */
  protected int exitCode(JsonNode result) {
    return 0;
  }

  /** The command's own {@code -o table} layout, or null for automatic columns. */
  protected TableTransformer tableTransformer() {
    return null;
  }

  @Override
  public final Integer call() {
    CliContext ctx = ctx();
    if (global.onlyShowErrors() && (global.verbose() || global.debug())) {
      // az refuses the mix before doing anything, as a plain error (exit 1), not a usage error.
      throw new CliException("--only-show-errors can't be used together with --debug or --verbose");
    }
    ctx.log().configure(global.onlyShowErrors(), global.verbose(), global.debug());
    // Resolve the format first so a bad COFFER_CORE_OUTPUT fails before anything changes.
    OutputFormat format = global.output(ctx);
    JsonNode result = execute();
    String text = OutputPipeline.render(result, format, global.query(), tableTransformer(), ctx.color());
    ctx.out().print(text);
    ctx.out().flush();
    return exitCode(result);
  }

  protected CliContext ctx() {
    Object root = spec.root().userObject();
    return root instanceof CofferCli cli ? cli.context() : CliContext.system();
  }

  protected SessionManager sessions() {
    if (sessions == null) sessions = new SessionManager(ctx());
    return sessions;
  }

  /** The control-plane client for the logged-in session. */
  protected ArmClient arm() {
    SessionManager s = sessions();
    return new ArmClient(s.http(), s, s.require().subscriptionId(), ctx().clock(),
        d -> Thread.sleep(d.toMillis()));
  }

  /** The tenant directory ({@code /v1.0/users}) of the logged-in session's server. */
  protected GraphClient graph() {
    SessionManager s = sessions();
    return new GraphClient(s.http(), s);
  }

  /**
   * The data plane of the vault at {@code vaultUri}, with a token for the vault audience: the
   * vault host less its first label ({@code https://vault.localhost} for
   * {@code https://v1.vault.localhost:5080/}), fetched once, on the first call.
   */
  protected VaultClient vault(String vaultUri) {
    SessionManager s = sessions();
    String resource = VaultAudience.of(vaultUri);
    String[] token = new String[1];
    return new VaultClient(s.httpFor(vaultUri), () -> {
      if (token[0] == null) token[0] = s.resourceToken(resource, null).accessToken();
      return token[0];
    });
  }

  /** The registry data-plane client for the logged-in session. */
  protected RegistryClient registry() {
    SessionManager s = sessions();
    return new RegistryClient(s.http(), s);
  }

  /**
   * az's confirmation: asks on the terminal unless {@code --yes}; anything but yes (including no
   * input at all) cancels with "Operation cancelled." and exit code 1.
   */
  protected void confirm(boolean yes, String warning) {
    if (yes) return;
    CliContext ctx = ctx();
    if (warning != null) ctx.err().print(warning + "\n");
    while (true) {
      // The prompt goes to stderr so that stdout carries only the command's result.
      ctx.err().print("Are you sure you want to perform this operation? (y/n): ");
      ctx.err().flush();
      String answer;
      try {
        answer = ctx.in().readLine();
      } catch (IOException e) {
        answer = null;
      }
      if (answer == null) {
        ctx.err().print("\n");
        break;
      }
      String a = answer.trim().toLowerCase(Locale.ROOT);
      if (a.equals("y") || a.equals("yes")) return;
      if (a.equals("n") || a.equals("no")) break;
    }
    throw new CliException("Operation cancelled.");
  }
}
