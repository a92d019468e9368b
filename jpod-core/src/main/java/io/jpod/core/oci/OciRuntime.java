package io.jpod.core.oci;

import io.jpod.core.container.ContainerConfig;

/**
 * The thin seam to an OCI runtime (runc, crun) driven through conmon. It only executes; deciding
 * whether an operation is allowed in the container's state is the caller's job.
 */
public sealed interface OciRuntime permits ConmonOciRuntime, MissingOciRuntime {

  /** The runtime's name, e.g. runc. */
  String name();

  /** The runtime binary's path. */
  String path();

  /**
   * Launches conmon, which runs {@code runtime create}; returns once the container's init process
   * exists and waits for {@link #start}. On failure nothing of the runtime's is left behind.
   */
  CreatedContainer create(ContainerConfig config, ContainerPaths paths, ConmonOptions options);

  /**
   * {@link #create} in two steps: conmon starts now and is moved into its cgroup while the caller
   * writes the bundle (the move waits in the kernel for milliseconds); {@link PreparedCreate#create()}
   * then lets it run {@code runtime create}, which needs the bundle's config.json. Closing a prepared
   * create that was not used kills conmon, which has done nothing yet.
   */
  PreparedCreate prepareCreate(ContainerConfig config, ContainerPaths paths, ConmonOptions options);

  /** A conmon waiting to run {@code runtime create}. */
  interface PreparedCreate extends AutoCloseable {
    /** As {@link OciRuntime#create}. */
    CreatedContainer create();

    @Override
    void close();
  }

  /** {@code runtime start}: lets the created container run its process. */
  void start(String id);

  /** {@code runtime kill}; returns false when the container's process is already gone. */
  boolean kill(String id, int signal, boolean all);

  void pause(String id);

  void resume(String id);

  /** {@code runtime update --resources}: applies new cgroup limits to a live container. */
  void update(String id, String resourcesJson);

  /** {@code runtime delete --force}; tolerates a container the runtime no longer knows. */
  void delete(String id);

  /**
   * Launches conmon in exec mode for a new process in a running container. Returns once conmon is
   * listening on the session's attach socket, before the process starts: the caller connects, then
   * calls {@link ExecHandle#release()}.
   */
  ExecHandle exec(ContainerConfig config, ExecPaths paths, ConmonOptions options, boolean terminal, boolean stdin);

  /** The pids of a created container and of the conmon watching it. */
  record CreatedContainer(long pid, long conmonPid) {}
}
