package io.coffer.control.deployments.application;

/**
 * The ARM edge refused a call made for the caller (not authenticated, not allowed, no such group
 * or resource): the edge passes the response on as it is, so the caller sees the ARM edge's own error.
 */
public final class ArmRefusal extends RuntimeException {
  private final transient ArmResponse response;

  public ArmRefusal(ArmResponse response) {
    super(response.errorCode() + ": " + response.errorMessage());
    this.response = response;
  }

  public ArmResponse response() {
    return response;
  }
}
