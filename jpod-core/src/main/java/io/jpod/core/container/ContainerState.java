package io.jpod.core.container;

import io.jpod.core.network.NetworkStatus;
import java.time.Instant;

/**
 * The mutable part of a container, saved after every transition.
 *
 * @param status the libpod state
 * @param pid the container's init PID while alive, else 0
 * @param conmonPid conmon's PID while alive, else 0
 * @param exitCode the last exit code (valid once the container has exited)
 * @param oomKilled the kernel killed the container for memory
 * @param startedAt when it last started, or null
 * @param finishedAt when it last exited, or null
 * @param mountPoint the mounted root filesystem, or null when not mounted
 * @param stoppedByUser stop was requested by the user (restart policies ignore such exits)
 * @param restartCount how many times a restart policy restarted it
 * @param error the last runtime error, or empty
 * @param network the network namespace and addresses while the network is set up, else null
 */
public record ContainerState(
    ContainerStatus status,
    long pid,
    long conmonPid,
    int exitCode,
    boolean oomKilled,
    Instant startedAt,
    Instant finishedAt,
    String mountPoint,
    boolean stoppedByUser,
    int restartCount,
    String error,
    NetworkStatus network) {

  public static ContainerState configured() {
    return new ContainerState(ContainerStatus.CONFIGURED, 0, 0, 0, false, null, null, null, false, 0, "", null);
  }

  public ContainerState withStatus(ContainerStatus s) {
    return new ContainerState(s, pid, conmonPid, exitCode, oomKilled, startedAt, finishedAt, mountPoint, stoppedByUser, restartCount, error, network);
  }

  public ContainerState withPids(long newPid, long newConmonPid) {
    return new ContainerState(status, newPid, newConmonPid, exitCode, oomKilled, startedAt, finishedAt, mountPoint, stoppedByUser, restartCount, error, network);
  }

  public ContainerState withStarted(Instant at) {
    return new ContainerState(ContainerStatus.RUNNING, pid, conmonPid, exitCode, false, at, finishedAt, mountPoint, false, restartCount, "", network);
  }

  public ContainerState withExit(int code, boolean oom, Instant at) {
    return new ContainerState(ContainerStatus.STOPPED, 0, 0, code, oom, startedAt, at, mountPoint, stoppedByUser, restartCount, error, network);
  }

  public ContainerState withMountPoint(String mp) {
    return new ContainerState(status, pid, conmonPid, exitCode, oomKilled, startedAt, finishedAt, mp, stoppedByUser, restartCount, error, network);
  }

  public ContainerState withStoppedByUser(boolean byUser) {
    return new ContainerState(status, pid, conmonPid, exitCode, oomKilled, startedAt, finishedAt, mountPoint, byUser, restartCount, error, network);
  }

  public ContainerState withError(String err) {
    return new ContainerState(status, pid, conmonPid, exitCode, oomKilled, startedAt, finishedAt, mountPoint, stoppedByUser, restartCount, err, network);
  }

  public ContainerState withNetwork(NetworkStatus ns) {
    return new ContainerState(status, pid, conmonPid, exitCode, oomKilled, startedAt, finishedAt, mountPoint, stoppedByUser, restartCount, error, ns);
  }

  public ContainerState withRestartCount(int count) {
    return new ContainerState(status, pid, conmonPid, exitCode, oomKilled, startedAt, finishedAt, mountPoint, stoppedByUser, count, error, network);
  }
}
