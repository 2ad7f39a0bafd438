package io.coffer.cli;

/**
 * Mends option names that a word processor turned typographic: {@code –-name} or {@code —name}
 * (en or em dash) as pasted from a web page is read as {@code --name}. Only tokens that look like
 * an option name are touched; values are passed on as typed.
 */
final class Arguments {
  private static final String DASHED_OPTION = "^[\u2013\u2014]-?([a-zA-Z][a-zA-Z0-9-]*)$";

  private Arguments() {}

  static String[] normalize(String[] args) {
    String[] out = args.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] != null && out[i].matches(DASHED_OPTION)) out[i] = out[i].replaceFirst(DASHED_OPTION, "--$1");
    }
    return out;
  }
}
