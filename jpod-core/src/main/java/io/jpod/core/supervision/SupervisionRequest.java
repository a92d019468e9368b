package io.jpod.core.supervision;

/**
 * What the user asked for about watching the container after it starts: the restart policy
 * ({@code --restart}) and the healthcheck ({@code --health-*}, {@code --no-healthcheck}), as typed.
 */
public record SupervisionRequest() {

  public static SupervisionRequest none() {
    return new SupervisionRequest();
  }
}
