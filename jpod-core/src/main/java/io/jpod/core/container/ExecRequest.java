package io.jpod.core.container;

import java.util.List;

/**
 * One {@code exec}: what to run in a running container and how.
 *
 * @param command the command and its arguments (must not be empty)
 * @param env extra KEY=VALUE variables on top of the container's
 * @param workDir the working directory, or null for the container's
 * @param user the user, or null for the container's (with its --group-add groups)
 * @param tty whether the process gets a terminal
 * @param stdin whether its stdin stays open
 * @param detach whether the call returns once the process started
 * @param sessionId the session's id, or null for a new one
 * @param privileged whether the process gets every capability jpod itself holds
 */
public record ExecRequest(List<String> command, List<String> env, String workDir, String user, boolean tty,
    boolean stdin, boolean detach, String sessionId, boolean privileged) {
  public ExecRequest {
    command = List.copyOf(command);
    env = env == null ? List.of() : List.copyOf(env);
  }
}
