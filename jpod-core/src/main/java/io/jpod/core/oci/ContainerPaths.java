package io.jpod.core.oci;

import java.nio.file.Path;

/**
 * Where one container's runtime files live, following libpod's layout: the bundle (config.json,
 * attach socket, ctl fifo, log) under the graph root, the volatile files (pid files, hosts, resolv.conf)
 * under the run root, and the shared exit directory conmon writes exit codes into.
 */
public record ContainerPaths(Path bundle, Path runDir, Path exitDir, Path logPath, Path customPidFile,
    Path customConmonPidFile) {

  public ContainerPaths(Path bundle, Path runDir, Path exitDir, Path logPath) {
    this(bundle, runDir, exitDir, logPath, null, null);
  }

  public Path configJson() {
    return bundle.resolve("config.json");
  }

  public Path attachSocket() {
    return bundle.resolve("attach");
  }

  public Path ctlFifo() {
    return bundle.resolve("ctl");
  }

  public Path winszFifo() {
    return bundle.resolve("winsz");
  }

  public Path oomFile() {
    return bundle.resolve("oom");
  }

  /** The container's pid file: {@code --pidfile}, or the run dir's. */
  public Path pidFile() {
    return customPidFile != null ? customPidFile : runDir.resolve("pidfile");
  }

  /** conmon's own pid file: {@code --conmon-pidfile}, or the run dir's. */
  public Path conmonPidFile() {
    return customConmonPidFile != null ? customConmonPidFile : runDir.resolve("conmon.pid");
  }

  /** The zone file shown as /etc/localtime ({@code --tz}), a copy in the run dir. */
  public Path localtime() {
    return runDir.resolve("localtime");
  }

  public Path ociLog() {
    return runDir.resolve("oci-log");
  }

  public Path hostsFile() {
    return runDir.resolve("hosts");
  }

  public Path hostnameFile() {
    return runDir.resolve("hostname");
  }

  public Path resolvConf() {
    return runDir.resolve("resolv.conf");
  }

  public Path containerEnv() {
    return runDir.resolve(".containerenv");
  }

  public Path shmDir() {
    return bundle.resolve("shm");
  }

  public Path exitFile(String containerId) {
    return exitDir.resolve(containerId);
  }
}
