package io.jpod.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** podman's global flags; inherited by every subcommand so they may appear anywhere. */
public final class GlobalOptions {
  @Option(names = "--root", scope = ScopeType.INHERIT, description = "Path to the graph root directory")
  String root;

  @Option(names = "--runroot", scope = ScopeType.INHERIT, description = "Path to the run root directory")
  String runRoot;

  @Option(names = "--runtime", scope = ScopeType.INHERIT, description = "Path or name of the OCI runtime")
  String runtime;

  @Option(names = "--cgroup-manager", scope = ScopeType.INHERIT, description = "Cgroup manager to use (cgroupfs or systemd)")
  String cgroupManager;

  @Option(names = "--log-level", scope = ScopeType.INHERIT, description = "Log messages above specified level")
  String logLevel;

  @Option(names = "--tmpdir", scope = ScopeType.INHERIT, description = "Path to the tmp directory")
  String tmpDir;

  @Option(names = "--conmon", scope = ScopeType.INHERIT, description = "Path of the conmon binary")
  String conmon;

  @Option(names = "--events-backend", scope = ScopeType.INHERIT, description = "Events backend to use (file, none)")
  String eventsBackend;

  @Option(names = "--storage-driver", scope = ScopeType.INHERIT, description = "Select which storage driver is used to manage storage of images and containers (overlay, vfs)")
  String storageDriver;

  @Option(names = "--storage-opt", scope = ScopeType.INHERIT, description = "Used to pass an option to the storage driver")
  java.util.List<String> storageOpts;

  @Option(names = "--network-config-dir", scope = ScopeType.INHERIT, description = "Path of the configuration directory for networks")
  String networkConfigDir;

  @Option(names = "--network-backend", scope = ScopeType.INHERIT, hidden = true, description = "Network backend to use (cni, netavark)")
  String networkBackend;
  @Option(names = "--remote", scope = ScopeType.INHERIT, description = "Access remote Podman service")
  boolean remote;

  @Option(names = "--url", scope = ScopeType.INHERIT, description = "URL to access Podman service (CONTAINER_HOST)")
  String url;

  private java.util.List<String> argv = java.util.List.of();

  /** The command line as typed (without the program name), as podman records it in CreateCommand. */
  public java.util.List<String> argv() {
    return argv;
  }

  void argv(java.util.List<String> a) {
    argv = java.util.List.copyOf(a);
  }
}
