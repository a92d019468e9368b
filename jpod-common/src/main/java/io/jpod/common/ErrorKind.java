package io.jpod.common;

/**
 * What went wrong, independent of who reports it. The CLI turns a kind into an exit code and the REST
 * API into an HTTP status, both from this one table, so no caller ever matches on message text.
 */
public enum ErrorKind {
  /** No such container, image, pod, volume or network. */
  NOT_FOUND(125, 404),
  /** A name in use, an object in use, removal of a running container without force. */
  CONFLICT(125, 409),
  /** The object is already in the requested state (start of a running container). */
  NOT_MODIFIED(0, 304),
  /** A bad flag value, reference or request body. */
  INVALID_ARGUMENT(125, 400),
  /** The operation is not valid in the object's current state (exec into a stopped container). */
  WRONG_STATE(125, 409),
  /** A registry refused credentials. */
  UNAUTHORIZED(125, 401),
  /** A registry or remote failure. */
  REGISTRY(125, 500),
  /** The container's command exists but cannot be executed. */
  RUNTIME_CANNOT_INVOKE(126, 500),
  /** The container's command does not exist. */
  RUNTIME_NOT_FOUND(127, 500),
  /** A system call or a helper program (conmon, the OCI runtime) failed. */
  SYSTEM(125, 500),
  /** A bug in jpod. */
  INTERNAL(125, 500);

  private final int exitCode;
  private final int httpStatus;

  ErrorKind(int exitCode, int httpStatus) {
    this.exitCode = exitCode;
    this.httpStatus = httpStatus;
  }

  /** The exit code podman uses for this kind of failure. */
  public int exitCode() {
    return exitCode;
  }

  /** The HTTP status the Docker-compatible API uses for this kind of failure. */
  public int httpStatus() {
    return httpStatus;
  }
}
