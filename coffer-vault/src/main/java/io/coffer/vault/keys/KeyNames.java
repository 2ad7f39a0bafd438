package io.coffer.vault.keys;

import java.util.Locale;
import java.util.regex.Pattern;

/** Key names (1–127 letters, digits, dashes; case-insensitive) and version ids (32 hex digits). */
public final class KeyNames {
  private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-]{1,127}");
  private static final Pattern VERSION = Pattern.compile("[0-9a-fA-F]{32}");

  private KeyNames() {}

  /** Checks a name; returns it unchanged. */
  public static String name(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw KeyException.badParameter("The key name '" + name + "' is invalid: use 1 to 127 letters, digits and dashes.");
    }
    return name;
  }

  /** The form names are compared and stored under. */
  public static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  public static boolean isVersion(String version) {
    return version != null && VERSION.matcher(version).matches();
  }
}
