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

  /** podman's info document (the service's, with its remote flag, in remote mode). */
  Map<String, Object> info(String clientVersion);

  /** The networks' definitions. */
  List<io.jpod.core.network.Network> networks();

  java.util.Optional<io.jpod.core.network.Network> findNetwork(String nameOrId);

  io.jpod.core.network.Network createNetwork(io.jpod.core.network.NetworkService.CreateRequest request);

  /** Removes a network; its name. */
  String removeNetwork(String nameOrId, boolean force, Integer timeoutSeconds);

  void connectNetwork(String container, String network, List<String> aliases, String ip, String ip6, String mac);

  void disconnectNetwork(String container, String network, boolean force);

  /** Creates a volume; its name. */
  String createVolume(io.jpod.core.volume.VolumeService.CreateRequest request);

  /** podman's volume inspect documents of the volumes that pass {@code filters} (name=, label=). */
  List<Map<String, Object>> volumes(List<String> filters);

  Map<String, Object> inspectVolume(String name);

  void removeVolume(String name, boolean force, Integer timeoutSeconds);

  /** Removes the unused volumes that pass {@code filters} (label=); their names. */
  List<String> pruneVolumes(List<String> filters);

  /** Creates a pod; its id. */
  String createPod(io.jpod.core.pod.PodSpec spec);

  /** podman's ListPodsReport documents. */
  List<Map<String, Object>> pods();

  Map<String, Object> inspectPod(String nameOrId);

  /** Starts, stops or removes a pod; its id. */
  String startPod(String nameOrId);

  String stopPod(String nameOrId, Integer timeoutSeconds);

  String removePod(String nameOrId, boolean force, Integer timeoutSeconds);

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

  /** Prints the container's log between {@code since} and {@code until} (null: unbounded). */
  void logs(String nameOrId, boolean follow, int tail, boolean timestamps, java.time.Instant since, java.time.Instant until,
      OutputStream out, OutputStream err);

  void pause(String nameOrId);

  void unpause(String nameOrId);

  void restart(String nameOrId, Integer timeoutSeconds);

  void rename(String nameOrId, String newName);

  /** Waits until the container reaches one of {@code conditions} (empty: it stops); its exit code, -1 for other states. */
  int await(String nameOrId, List<String> conditions);

  /** podman's top: the header row, then one row per process, for ps descriptors (empty: podman's defaults). */
  List<List<String>> top(String nameOrId, List<String> descriptors);

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
