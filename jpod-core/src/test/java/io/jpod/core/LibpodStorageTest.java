package io.jpod.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import io.jpod.config.ConfigLoader;
import io.jpod.config.ConfigSources;
import io.jpod.config.EngineSettings;
import io.jpod.config.GlobalOverrides;
import io.jpod.config.JpodConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** storage.conf and the storage flags reach the store and the exit command conmon runs. */
class LibpodStorageTest {
  @TempDir Path tmp;

  private JpodConfig config(String storageConf) throws Exception {
    Path conf = tmp.resolve("etc/jpod/storage.conf");
    Files.createDirectories(conf.getParent());
    Files.writeString(conf, storageConf);
    return ConfigLoader.load(new ConfigSources(tmp, Map.of()));
  }

  private Path launcher() throws Exception {
    Path l = tmp.resolve("bin/jpod");
    Files.createDirectories(l.getParent());
    Files.writeString(l, "#!/bin/sh\n");
    Files.setPosixFilePermissions(l, PosixFilePermissions.fromString("rwxr-xr-x"));
    return l;
  }

  @Test
  void storageConfSelectsVfsAndItsRoots() throws Exception {
    JpodConfig cfg = config("""
        [storage]
        driver = "vfs"
        graphroot = "%s"
        runroot = "%s"
        [storage.options.vfs]
        ignore_chown_errors = "true"
        """.formatted(tmp.resolve("graph"), tmp.resolve("run")));
    EngineSettings s = cfg.withOverrides(GlobalOverrides.none().withTmpDir(tmp.resolve("t").toString()));
    LibpodOptions o = LibpodOptions.fromSettings(s, launcher(), false);
    assertThat(o.storageDriver()).isEqualTo("vfs");
    assertThat(o.storageOptions()).containsExactly("vfs.ignore_chown_errors=true");
    assertThat(o.graphRoot()).isEqualTo(tmp.resolve("graph"));
    assertThat(o.runRoot()).isEqualTo(tmp.resolve("run"));
    assertThat(Collections.indexOfSubList(o.exitCommand(), List.of("--storage-driver", "vfs"))).isPositive();
    assertThat(Collections.indexOfSubList(o.exitCommand(),
        List.of("--storage-opt", "vfs.ignore_chown_errors=true"))).isPositive();
    try (Libpod libpod = Libpod.open(o)) {
      assertThat(libpod.store().driverName()).isEqualTo("vfs");
      assertThat(libpod.store().graphRoot()).isEqualTo(tmp.resolve("graph"));
      assertThat(libpod.store().containers().graphDir()).isEqualTo(tmp.resolve("graph/vfs-containers"));
    }

    // --storage-driver wins over the file.
    EngineSettings flag = cfg.withOverrides(GlobalOverrides.none().withStorageDriver("overlay"));
    LibpodOptions overlay = LibpodOptions.fromSettings(flag, null, false);
    assertThat(overlay.storageDriver()).isEqualTo("overlay");
    try (Libpod libpod = Libpod.open(overlay)) {
      assertThat(libpod.store().driverName()).isEqualTo("overlay");
    }
  }

  @Test
  void anUnknownDriverFailsWhenTheEngineOpens() throws Exception {
    JpodConfig cfg = config("[storage]\ndriver = \"aufs\"\n");
    LibpodOptions o = LibpodOptions.fromSettings(cfg.settings(), null, false);
    assertThatThrownBy(() -> Libpod.open(o)).isInstanceOf(JpodException.class)
        .hasMessage("unsupported storage driver \"aufs\": jpod supports overlay, vfs");
  }

  @Test
  void theDefaultIsOverlay() throws Exception {
    LibpodOptions o = LibpodOptions.fromSettings(config("").settings(), null, false);
    assertThat(o.storageDriver()).isEqualTo("overlay");
    assertThat(o.storageOptions()).isEmpty();
  }
}
