package io.coffer.registry.domain;

import java.util.regex.Pattern;

/** A tag name, as the distribution spec allows it. */
public final class Tag {
  private static final Pattern FORM = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

  private Tag() {}

  public static boolean isValid(String tag) {
    return tag != null && FORM.matcher(tag).matches();
  }

  public static String validate(String tag) {
    if (!isValid(tag)) {
      throw new RegistryException(ErrorKind.MANIFEST_INVALID, "invalid tag '" + tag + "'");
    }
    return tag;
  }
}
