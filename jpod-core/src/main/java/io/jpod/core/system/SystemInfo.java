package io.jpod.core.system;

import io.jpod.core.Libpod;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.oci.OciRuntime;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * podman's {@code info} document (host, store, registries, plugins, version), with podman's JSON key
 * names and order, built once for the CLI ({@code jpod info}) and the API ({@code /libpod/info}).
 */
public final class SystemInfo {
  /** The podman release whose API and output jpod follows. */
  public static final String PODMAN_API = "4.3.1";

  private SystemInfo() {}

  /**
   * Collects the document.
   *
   * @param jpodVersion jpod's own version, shown as version.Version
   * @param remote whether it is served to a remote client (host.serviceIsRemote)
   */
  public static Map<String, Object> collect(Libpod lp, String jpodVersion, boolean remote) {
    var o = lp.options();
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("host", host(lp, remote));
    info.put("store", store(lp));
    info.put("registries", new LinkedHashMap<>());
    Map<String, Object> plugins = new LinkedHashMap<>();
    plugins.put("volume", List.of("local"));
    plugins.put("network", List.of("bridge", "macvlan"));
    plugins.put("log", List.of("k8s-file", "none", "passthrough"));
    plugins.put("authorization", null);
    info.put("plugins", plugins);
    info.put("version", version(jpodVersion));
    return info;
  }

  /** The "version" section (also {@code version --format json}'s Client). */
  public static Map<String, Object> version(String jpodVersion) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("APIVersion", PODMAN_API);
    v.put("Version", jpodVersion);
    v.put("GoVersion", "java" + Runtime.version().feature());
    v.put("GitCommit", "");
    v.put("BuiltTime", "Thu Jan  1 00:00:00 1970");
    v.put("Built", 0);
    v.put("OsArch", "linux/amd64");
    v.put("Os", "linux");
    return v;
  }

  private static Map<String, Object> host(Libpod lp, boolean remote) {
    var o = lp.options();
    boolean v2 = lp.cgroupMode().infoName().equals("v2");
    Map<String, Object> host = new LinkedHashMap<>();
    host.put("arch", "amd64");
    host.put("buildahVersion", "");
    host.put("cgroupManager", o.cgroupManager());
    host.put("cgroupVersion", lp.cgroupMode().infoName());
    host.put("cgroupControllers", HostSystem.cgroupControllers(v2));
    String conmon = conmonPath(lp);
    Map<String, Object> conmonInfo = new LinkedHashMap<>();
    conmonInfo.put("package", HostSystem.packageOf(conmon));
    conmonInfo.put("path", conmon);
    conmonInfo.put("version", HostSystem.versionOf(conmon).replace("\n", ", ")); // podman joins conmon's lines
    host.put("conmon", conmonInfo);
    host.put("cpus", HostSystem.cpus());
    host.put("cpuUtilization", HostSystem.cpuUtilization());
    host.put("distribution", HostSystem.distribution());
    host.put("eventLogger", o.eventsLogger());
    host.put("hostname", hostname());
    Map<String, Object> ids = new LinkedHashMap<>();
    ids.put("gidmap", null);
    ids.put("uidmap", null);
    host.put("idMappings", ids);
    host.put("kernel", System.getProperty("os.version"));
    host.put("logDriver", o.defaults().logDriver());
    host.put("memFree", HostSystem.meminfo("MemFree"));
    host.put("memTotal", HostSystem.meminfo("MemTotal"));
    host.put("networkBackend", lp.networks().backend().name());
    OciRuntime rt = lp.defaultRuntime();
    Map<String, Object> runtime = new LinkedHashMap<>();
    runtime.put("name", rt.name());
    runtime.put("package", HostSystem.packageOf(rt.path()));
    runtime.put("path", rt.path());
    runtime.put("version", HostSystem.versionOf(rt.path()));
    host.put("ociRuntime", runtime);
    host.put("os", "linux");
    host.put("remoteSocket", Map.of("path", "/run/podman/podman.sock"));
    host.put("serviceIsRemote", remote);
    Map<String, Object> security = new LinkedHashMap<>();
    security.put("apparmorEnabled", false);
    security.put("capabilities", String.join(",", o.defaults().capabilities()));
    security.put("rootless", false);
    security.put("seccompEnabled", true);
    security.put("seccompProfilePath", o.defaults().seccompProfile());
    security.put("selinuxEnabled", false);
    host.put("security", security);
    String slirp = Files.isExecutable(Path.of("/usr/bin/slirp4netns")) ? "/usr/bin/slirp4netns" : "";
    Map<String, Object> slirpInfo = new LinkedHashMap<>();
    slirpInfo.put("executable", slirp);
    slirpInfo.put("package", HostSystem.packageOf(slirp));
    slirpInfo.put("version", HostSystem.versionOf(slirp));
    host.put("slirp4netns", slirpInfo);
    host.put("swapFree", HostSystem.meminfo("SwapFree"));
    host.put("swapTotal", HostSystem.meminfo("SwapTotal"));
    host.put("uptime", HostSystem.uptime());
    host.put("linkmode", "dynamic");
    return host;
  }

  private static Map<String, Object> store(Libpod lp) {
    var o = lp.options();
    Map<String, Object> store = new LinkedHashMap<>();
    store.put("configFile", storageConf());
    var containers = lp.state().containers();
    long running = containers.stream().filter(r -> r.state().status() == ContainerStatus.RUNNING).count();
    long paused = containers.stream().filter(r -> r.state().status() == ContainerStatus.PAUSED).count();
    Map<String, Object> cs = new LinkedHashMap<>();
    cs.put("number", containers.size());
    cs.put("paused", paused);
    cs.put("running", running);
    cs.put("stopped", containers.size() - running - paused);
    store.put("containerStore", cs);
    store.put("graphDriverName", o.storageDriver());
    store.put("graphOptions", new LinkedHashMap<>());
    store.put("graphRoot", o.graphRoot().toString());
    long total = 0;
    long used = 0;
    try {
      FileStore fs = Files.getFileStore(Files.exists(o.graphRoot()) ? o.graphRoot() : Path.of("/"));
      total = fs.getTotalSpace();
      used = total - fs.getUnallocatedSpace();
    } catch (IOException e) {
      // sizes stay 0
    }
    store.put("graphRootAllocated", total);
    store.put("graphRootUsed", used);
    Map<String, Object> status = new LinkedHashMap<>();
    if (o.storageDriver().equals("overlay")) {
      status.put("Backing Filesystem", "extfs");
      status.put("Native Overlay Diff", "true");
      status.put("Supports d_type", "true");
      status.put("Using metacopy", "false");
    }
    store.put("graphStatus", status);
    store.put("imageCopyTmpDir", "/var/tmp");
    store.put("imageStore", Map.of("number", lp.store().images().list().size()));
    store.put("runRoot", o.runRoot().toString());
    store.put("volumePath", o.graphRoot().resolve("volumes").toString());
    return store;
  }

  private static String storageConf() {
    String env = System.getenv("CONTAINERS_STORAGE_CONF");
    if (env != null && !env.isEmpty()) {
      return env;
    }
    return Files.exists(Path.of("/etc/containers/storage.conf")) ? "/etc/containers/storage.conf"
        : "/usr/share/containers/storage.conf";
  }

  private static String conmonPath(Libpod lp) {
    try {
      return lp.conmonPath();
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** The host's name, "" when it cannot be read. */
  public static String hostname() {
    try {
      return io.jpod.common.KernelFiles.read(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException e) {
      return "";
    }
  }
}
