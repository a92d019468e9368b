package io.jpod.common;

/**
 * The one exception type jpod's library throws for expected failures. Its {@link ErrorKind} decides the
 * exit code and HTTP status; its message is the single line a user sees after {@code Error: }.
 */
public class JpodException extends RuntimeException {
  private final ErrorKind kind;

  public JpodException(ErrorKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public JpodException(ErrorKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public ErrorKind kind() {
    return kind;
  }

  public static JpodException notFound(String message) {
    return new JpodException(ErrorKind.NOT_FOUND, message);
  }

  public static JpodException conflict(String message) {
    return new JpodException(ErrorKind.CONFLICT, message);
  }

  public static JpodException invalid(String message) {
    return new JpodException(ErrorKind.INVALID_ARGUMENT, message);
  }

  public static JpodException wrongState(String message) {
    return new JpodException(ErrorKind.WRONG_STATE, message);
  }

  public static JpodException system(String message) {
    return new JpodException(ErrorKind.SYSTEM, message);
  }

  public static JpodException system(String message, Throwable cause) {
    return new JpodException(ErrorKind.SYSTEM, message, cause);
  }
}
