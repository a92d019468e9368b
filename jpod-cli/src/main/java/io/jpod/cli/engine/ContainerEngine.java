package io.jpod.cli.engine;

import io.jpod.core.container.ContainerService;
import io.jpod.core.container.ContainerSpec;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * What the CLI's commands ask of an engine, whether it runs in this process ({@link LocalEngine},
 * over the library) or behind {@code jpod system service} ({@code RemoteEngine}, over the libpod
 * API). Documents (ps rows, inspect) are podman's JSON shapes, which both sides build alike.
 */
public interface ContainerEngine {
  /** Whether calls go to a service (podman's "remote" mode). */
  boolean remote();

  /** The server's version document (remote only; null for the local engine). */
  Map<String, Object> serverVersion();

  /** Creates a container; returns its id. */
  String create(ContainerSpec spec);

  void start(String nameOrId);

  /** Stops a running container; false when it was not running. */
  boolean stop(String nameOrId, Integer timeoutSeconds);

  void kill(String nameOrId, int signal);

  void remove(String nameOrId, boolean force, Integer timeoutSeconds, boolean volumes);

  /** Waits for the container to stop; its exit code. */
  int await(String nameOrId);

  /** Attaches to a created container, starts it and relays its streams until it exits (or detach); its exit code. */
  ContainerService.AttachResult startAttached(String id, boolean tty, ContainerService.Streams streams);

  /** Runs a command in a running container with the caller's streams; its exit code. */
  int exec(String nameOrId, Exec exec, ContainerService.Streams streams);

  /** An exec request as the flags give it. */
  record Exec(List<String> command, List<String> env, String workDir, String user, boolean tty, boolean interactive,
      boolean detach, boolean privileged) {}

  /** Prints the container's log (following it with {@code follow}). */
  void logs(String nameOrId, boolean follow, int tail, boolean timestamps, OutputStream out, OutputStream err);

  /** podman's ListContainer documents, newest first. */
  List<Map<String, Object>> containers(boolean all);

  /** podman's container inspect document. */
  Map<String, Object> inspectContainer(String nameOrId);

  /** podman's image inspect document. */
  Map<String, Object> inspectImage(String ref);

  /** podman's ImageSummary documents. */
  List<Map<String, Object>> images(boolean all);

  boolean imageExists(String ref);

  /**
   * Pulls an image, reporting progress lines on {@code progress} (null: quiet); the image's id.
   * {@code tlsVerify} null leaves it to the registry configuration.
   */
  String pull(String ref, Boolean tlsVerify, PrintStream progress);

  /** Removes images: the untagged names and deleted ids in order, or the first failure. */
  List<String> removeImage(String ref, boolean force);
}
