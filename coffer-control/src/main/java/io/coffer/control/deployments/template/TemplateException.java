package io.coffer.control.deployments.template;

/** A template, its parameters or one of its expressions is invalid; ARM's {@code InvalidTemplate}. */
public final class TemplateException extends RuntimeException {
  public TemplateException(String message) {
    super(message);
  }
}
