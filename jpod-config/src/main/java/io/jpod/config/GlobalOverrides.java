package io.jpod.config;

import java.util.List;

/**
 * podman's global flags that override configuration. {@code null} means "flag not given"; build with
 * {@link #none()} and the {@code with…} methods.
 *
 * @param root {@code --root}: the storage graph root
 * @param runRoot {@code --runroot}: the storage run root
 * @param runtime {@code --runtime}: a runtime name from {@code [engine.runtimes]} or a path
 * @param cgroupManager {@code --cgroup-manager}: {@code systemd} or {@code cgroupfs}
 * @param tmpDir {@code --tmpdir}: libpod's runtime state directory
 * @param logLevel {@code --log-level}
 * @param conmon {@code --conmon}: the conmon binary
 * @param eventsBackend {@code --events-backend}: {@code file}, {@code journald} or {@code none}
 * @param storageDriver {@code --storage-driver}
 * @param storageOpts {@code --storage-opt} (repeatable; replaces the configured driver options)
 */
public record GlobalOverrides(
    String root,
    String runRoot,
    String runtime,
    String cgroupManager,
    String tmpDir,
    String logLevel,
    String conmon,
    String eventsBackend,
    String storageDriver,
    List<String> storageOpts) {

  public GlobalOverrides {
    storageOpts = storageOpts == null ? null : List.copyOf(storageOpts);
  }

  private static final GlobalOverrides NONE =
      new GlobalOverrides(null, null, null, null, null, null, null, null, null, null);

  /** No flag given. */
  public static GlobalOverrides none() {
    return NONE;
  }

  public GlobalOverrides withRoot(String v) {
    return new GlobalOverrides(v, runRoot, runtime, cgroupManager, tmpDir, logLevel, conmon, eventsBackend, storageDriver, storageOpts);
  }

  public GlobalOverrides withRunRoot(String v) {
    return new GlobalOverrides(root, v, runtime, cgroupManager, tmpDir, logLevel, conmon, eventsBackend, storageDriver, storageOpts);
  }

  public GlobalOverrides withRuntime(String v) {
    return new GlobalOverrides(root, runRoot, v, cgroupManager, tmpDir, logLevel, conmon, eventsBackend, storageDriver, storageOpts);
  }

  public GlobalOverrides withCgroupManager(String v) {
    return new GlobalOverrides(root, runRoot, runtime, v, tmpDir, logLevel, conmon, eventsBackend, storageDriver, storageOpts);
  }

  public GlobalOverrides withTmpDir(String v) {
    return new GlobalOverrides(root, runRoot, runtime, cgroupManager, v, logLevel, conmon, eventsBackend, storageDriver, storageOpts);
  }

  public GlobalOverrides withLogLevel(String v) {
    return new GlobalOverrides(root, runRoot, runtime, cgroupManager, tmpDir, v, conmon, eventsBackend, storageDriver, storageOpts);
  }

  public GlobalOverrides withConmon(String v) {
    return new GlobalOverrides(root, runRoot, runtime, cgroupManager, tmpDir, logLevel, v, eventsBackend, storageDriver, storageOpts);
  }

  public GlobalOverrides withEventsBackend(String v) {
    return new GlobalOverrides(root, runRoot, runtime, cgroupManager, tmpDir, logLevel, conmon, v, storageDriver, storageOpts);
  }

  public GlobalOverrides withStorageDriver(String v) {
    return new GlobalOverrides(root, runRoot, runtime, cgroupManager, tmpDir, logLevel, conmon, eventsBackend, v, storageOpts);
  }

  public GlobalOverrides withStorageOpts(List<String> v) {
    return new GlobalOverrides(root, runRoot, runtime, cgroupManager, tmpDir, logLevel, conmon, eventsBackend, storageDriver, v);
  }
}
