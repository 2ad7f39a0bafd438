package io.coffer.control.deployments.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The types a template parameter may declare; secure ones are never shown back. */
public enum ParameterType {
  STRING("String"), SECURESTRING("SecureString"), INT("Int"), BOOL("Bool"), OBJECT("Object"),
  SECUREOBJECT("SecureObject"), ARRAY("Array");

  private final String shown;

  ParameterType(String shown) {
    this.shown = shown;
  }

  public static ParameterType of(String declared, String parameter) {
    try {
      return valueOf(declared.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new TemplateException("The template parameter '" + parameter + "' has the type '" + declared
          + "'; the types are string, securestring, int, bool, object, secureobject and array.");
    }
  }

  /** As ARM prints it in a deployment's {@code parameters}. */
  public String shown() {
    return shown;
  }

  public boolean secure() {
    return this == SECURESTRING || this == SECUREOBJECT;
  }

  public boolean accepts(JsonNode v) {
    return switch (this) {
      case STRING, SECURESTRING -> v.isTextual();
      case INT -> v.isIntegralNumber();
      case BOOL -> v.isBoolean();
      case OBJECT, SECUREOBJECT -> v.isObject();
      case ARRAY -> v.isArray();
    };
  }
}
