package io.jpod.core;

import io.jpod.common.JpodException;
import io.jpod.core.container.ContainerState;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.lock.ObjectLock;
import io.jpod.core.state.ContainerRecord;
import io.jpod.core.state.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * libpod's "refresh": the tmp dir lives on a tmpfs, so a missing {@code alive} file means the host
 * rebooted (or the run directories were wiped). Every container that was running then is reset to
 * "created", with its pids and mount forgotten, before anything else reads the state; otherwise
 * stale pids could be mistaken for live processes.
 */
final class Refresh {
  private Refresh() {}

  static void ifNeeded(Libpod libpod, StateStore state) {
    Path alive = libpod.options().tmpDir().resolve("alive");
    if (Files.exists(alive)) {
      return;
    }
    try (ObjectLock lock = libpod.locks().lock("alive")) {
      if (Files.exists(alive)) {
        return; // another jpod refreshed while we waited
      }
      List<String> wired = new java.util.ArrayList<>();
      for (ContainerRecord rec : state.containers()) {
        ContainerStatus s = rec.state().status();
        if (s == ContainerStatus.CONFIGURED || s == ContainerStatus.EXITED) {
          continue;
        }
        wired.add(rec.config().id());
        ContainerState st = rec.state().withStatus(ContainerStatus.CONFIGURED).withPids(0, 0).withMountPoint(null).withNetwork(null);
        state.saveState(rec.config().id(), st);
      }
      // Address allocations live in the per-boot run dir; one under /tmp would outlive the boot.
      libpod.networks().forgetAll(wired);
      // nothing is mounted after a reboot: volumes' mount counts start again from zero
      for (var v : state.volumes()) {
        if (v.state().mountCount() > 0) {
          state.updateVolumeState(v.name(), io.jpod.core.volume.VolumeState::withNoMounts);
        }
      }
      Files.createDirectories(alive.getParent());
      Files.writeString(alive, "");
    } catch (IOException e) {
      throw JpodException.system("refreshing state after reboot: " + e.getMessage(), e);
    }
  }
}
