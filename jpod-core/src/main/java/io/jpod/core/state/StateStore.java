package io.jpod.core.state;

import io.jpod.core.container.ContainerConfig;
import io.jpod.core.container.ContainerState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * jpod's durable state: containers, their exec sessions and exit codes; the commit point of every
 * lifecycle operation. Implementations are safe for several threads and several processes.
 *
 * <p>Failures are {@link io.jpod.common.JpodException}s: NOT_FOUND for missing objects, CONFLICT for
 * names or ids in use, SYSTEM for database trouble.
 */
public interface StateStore extends AutoCloseable {

  /** Adds a new container; CONFLICT if its name (or id) is already in use. */
  void addContainer(ContainerConfig config, ContainerState state);

  /** The container with exactly this full id. */
  Optional<ContainerRecord> container(String fullId);

  /** All containers, oldest first (creation order). */
  List<ContainerRecord> containers();

  /**
   * The container with this exact name, else exact id, else unique id prefix. NOT_FOUND when nothing
   * matches; CONFLICT (podman's ErrCtrExists) when a prefix matches several ids.
   */
  ContainerRecord lookupContainer(String nameOrId);

  /** Replaces the container's state; NOT_FOUND if the container is gone. */
  void saveState(String id, ContainerState state);

  /** Replaces the container's config (rename); NOT_FOUND if gone, CONFLICT if the new name is taken. */
  void updateConfig(ContainerConfig config);

  /**
   * Removes the container with its state, exec sessions and volume/dependency links (its recorded exit
   * code survives, as in podman). NOT_FOUND if absent; CONFLICT if other containers depend on it.
   */
  void removeContainer(String id);

  /** True if a container or pod already uses this name (podman shares one name space between them). */
  boolean nameInUse(String name);

  /** Records an exec session of a container; NOT_FOUND if the container is gone. */
  void addExecSession(String ctrId, String sessionId, String json);

  /** The JSON of an exec session. */
  Optional<String> execSession(String sessionId);

  /** The exec session ids of a container, oldest first. */
  List<String> execSessionIds(String ctrId);

  /** Removes an exec session; NOT_FOUND if absent. */
  void removeExecSession(String sessionId);

  /** Records (or replaces) the exit code of a container, stamped with the current time. */
  void recordExitCode(String ctrId, int exitCode);

  /** The last recorded exit code of a container, which may already have been removed. */
  Optional<Integer> exitCode(String ctrId);

  /** Forgets exit codes recorded more than {@code olderThan} ago; returns how many were dropped. */
  int pruneExitCodes(Duration olderThan);

  // ---- volumes (VolumeConfig / VolumeState / ContainerVolume) ----------------------------------

  /** Adds a volume; CONFLICT (podman's text) if the name is taken. */
  void addVolume(io.jpod.core.volume.Volume config, io.jpod.core.volume.VolumeState state);

  /** The volume with exactly this name. */
  Optional<io.jpod.core.volume.VolumeRecord> volume(String name);

  /** All volumes, by name. */
  List<io.jpod.core.volume.VolumeRecord> volumes();

  /**
   * Replaces the volume's state by {@code change} applied to the current one, in one transaction, and
   * returns the new state; NOT_FOUND if the volume is gone.
   */
  io.jpod.core.volume.VolumeState updateVolumeState(String name,
      java.util.function.UnaryOperator<io.jpod.core.volume.VolumeState> change);

  /** The ids of the containers that use the volume, oldest first. */
  List<String> volumeUsers(String name);

  /** Removes the volume; NOT_FOUND if absent, CONFLICT (podman's text) if containers still use it. */
  void removeVolume(String name);

  // ---- pods (podman's PodConfig/PodState tables) -----------------------------------------------

  /** Adds a new pod; CONFLICT if its name is taken by a pod or a container, or its id is in use. */
  void addPod(io.jpod.core.pod.PodConfig config, io.jpod.core.pod.PodState state);

  /** The pod with exactly this full id. */
  Optional<io.jpod.core.pod.PodRecord> pod(String fullId);

  /** All pods, oldest first. */
  List<io.jpod.core.pod.PodRecord> pods();

  /** The pod with this exact name, else exact id, else unique id prefix; NOT_FOUND/CONFLICT as for containers. */
  io.jpod.core.pod.PodRecord lookupPod(String nameOrId);

  /** Replaces the pod's state; NOT_FOUND if the pod is gone. */
  void savePodState(String id, io.jpod.core.pod.PodState state);

  /** The ids of the pod's containers (the infra container included), oldest first. */
  List<String> podContainerIds(String podId);

  /** Removes the pod; NOT_FOUND if absent, CONFLICT while it still has containers. */
  void removePod(String id);

  /** Closes the database connection, if one was opened. */
  @Override
  void close();
}
