package io.jpod.core.container;

import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.lock.ObjectLock;
import io.jpod.core.oci.OciRuntime;
import io.jpod.core.state.ContainerRecord;
import io.jpod.sys.Processes;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Signals to a running container: stop (stop signal, then SIGKILL), kill, pause and unpause. Stop
 * releases the container's lock while it waits, as libpod does, so that other commands are not
 * blocked by a slow container.
 */
final class ContainerSignals {
  /** How long {@code stop} waits for the exit file after SIGKILL before giving up. */
  private static final Duration KILL_GRACE = Duration.ofSeconds(5);

  private final Libpod libpod;
  private final ContainerService service;

  ContainerSignals(Libpod libpod, ContainerService service) {
    this.libpod = libpod;
    this.service = service;
  }

  /**
   * Stops a container: its stop signal, then SIGKILL after {@code timeoutSeconds} (the container's own
   * stop timeout when null). The lock is released while waiting, as libpod does, so other commands
   * are not blocked. Returns false when it was not running.
   */
  boolean stop(String nameOrId, Integer timeoutSeconds) {
    String id = libpod.state().lookupContainer(nameOrId).config().id();
    ContainerRecord rec;
    try (ObjectLock lock = libpod.locks().lock(id)) {
      rec = service.sync(libpod.state().lookupContainer(id));
      if (rec == null) {
        return false;
      }
      ContainerStatus s = rec.state().status();
      if (s == ContainerStatus.CREATED) {
        service.cleanup(rec);
        return true;
      }
      if (s != ContainerStatus.RUNNING && s != ContainerStatus.PAUSED && s != ContainerStatus.STOPPING) {
        if (s == ContainerStatus.STOPPED) {
          service.cleanup(rec);
        }
        return false;
      }
      ContainerState st = rec.state().withStatus(ContainerStatus.STOPPING).withStoppedByUser(true);
      libpod.state().saveState(id, st);
      rec = new ContainerRecord(rec.config(), st);
    }
    ContainerConfig cfg = rec.config();
    int timeout = timeoutSeconds == null ? cfg.stopTimeout() : timeoutSeconds;
    OciRuntime rt = service.runtime(cfg);
    Path exitFile = service.paths(cfg).exitFile(id);
    if (rec.state().status() == ContainerStatus.PAUSED || timeout > 0) {
      if (timeout > 0) {
        rt.kill(id, cfg.stopSignal(), false);
        if (rec.state().status() == ContainerStatus.PAUSED) {
          rt.resume(id);
        }
      }
    }
    if (timeout <= 0 || !service.waitForFile(exitFile, rec.state().conmonPid(), Duration.ofSeconds(timeout))) {
      if (timeout > 0) {
        io.jpod.common.Logrus.warn("StopSignal " + Processes.signalName(cfg.stopSignal()) + " failed to stop container "
            + cfg.name() + " in " + timeout + " seconds, resorting to SIGKILL");
      }
      rt.kill(id, Processes.SIGKILL, false);
      if (!service.waitForFile(exitFile, rec.state().conmonPid(), KILL_GRACE)) {
        throw JpodException.system("timed out waiting for container " + id + " to exit after SIGKILL");
      }
    }
    try (ObjectLock lock = libpod.locks().lock(id)) {
      service.event("stop", cfg, null);
      ContainerRecord now = service.sync(libpod.state().lookupContainer(id));
      if (now != null && now.state().status() == ContainerStatus.STOPPED) {
        service.cleanup(now);
      }
    }
    return true;
  }

  /** Sends a signal to the container's process. */
  ContainerRecord kill(String nameOrId, int signal) {
    String id = libpod.state().lookupContainer(nameOrId).config().id();
    return service.locked(id, rec -> {
      // as podman: a container being stopped may be killed too (the user gives up waiting)
      if (!rec.state().status().isAlive()) {
        throw JpodException.wrongState(
            "can only kill running containers. " + id + " is in state " + rec.state().status().cliName()
                + ": container state improper");
      }
      service.runtime(rec.config()).kill(id, signal, false);
      service.event("kill", rec.config(), null);
      // as podman: a container the user killed is not brought back by its restart policy
      ContainerState st = rec.state().withStoppedByUser(true);
      libpod.state().saveState(id, st);
      return new ContainerRecord(rec.config(), st);
    });
  }

  ContainerRecord pause(String nameOrId) {
    String id = libpod.state().lookupContainer(nameOrId).config().id();
    return service.locked(id, rec -> {
      if (rec.state().status() == ContainerStatus.PAUSED) {
        throw JpodException.wrongState("\"" + id + "\" is already paused: container state improper");
      }
      if (rec.state().status() != ContainerStatus.RUNNING) {
        throw JpodException.wrongState(id + " is not running, can't pause: container state improper");
      }
      service.runtime(rec.config()).pause(id);
      ContainerState st = rec.state().withStatus(ContainerStatus.PAUSED);
      libpod.state().saveState(id, st);
      service.event("pause", rec.config(), null);
      return new ContainerRecord(rec.config(), st);
    });
  }

  ContainerRecord unpause(String nameOrId) {
    String id = libpod.state().lookupContainer(nameOrId).config().id();
    return service.locked(id, rec -> {
      if (rec.state().status() != ContainerStatus.PAUSED) {
        throw JpodException.wrongState("\"" + id + "\" is not paused, can't unpause: container state improper");
      }
      service.runtime(rec.config()).resume(id);
      ContainerState st = rec.state().withStatus(ContainerStatus.RUNNING);
      libpod.state().saveState(id, st);
      service.event("unpause", rec.config(), null);
      return new ContainerRecord(rec.config(), st);
    });
  }
}
