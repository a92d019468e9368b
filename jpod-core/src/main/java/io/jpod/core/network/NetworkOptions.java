package io.jpod.core.network;

import java.nio.file.Path;
import java.util.List;

/**
 * Network settings from containers.conf's {@code [network]} table and the global flags.
 *
 * @param configDir where network definitions live ({@code --network-config-dir}, {@code
 *     network_config_dir}; /etc/containers/networks by default)
 * @param runDir netavark's {@code --config} dir (aardvark-dns state) and jpod's address allocations;
 *     next to the run root as podman's /run/containers/networks is next to /run/containers/storage
 * @param backend netavark or cni ({@code network_backend}; empty picks netavark when installed)
 * @param defaultNetwork the network bridge-mode containers join ({@code default_network})
 * @param defaultSubnet that network's subnet ({@code default_subnet})
 * @param subnetPools where new networks' subnets come from, as BASE/SIZE pairs
 * @param helperDirs where netavark and aardvark-dns are looked up ({@code helper_binaries_dir})
 * @param cniPluginDirs where CNI plugins are looked up ({@code cni_plugin_dirs})
 * @param configDirGiven the config dir was chosen by flag (conmon's cleanup must get it too)
 */
public record NetworkOptions(
    Path configDir,
    Path runDir,
    String backend,
    String defaultNetwork,
    String defaultSubnet,
    List<Pool> subnetPools,
    List<String> helperDirs,
    List<String> cniPluginDirs,
    boolean configDirGiven) {

  public NetworkOptions {
    subnetPools = List.copyOf(subnetPools);
    helperDirs = List.copyOf(helperDirs);
    cniPluginDirs = List.copyOf(cniPluginDirs);
  }

  /** One {@code default_subnet_pools} entry. */
  public record Pool(String base, int size) {}

  public static final List<String> DEFAULT_HELPER_DIRS =
      List.of("/usr/local/libexec/podman", "/usr/local/lib/podman", "/usr/libexec/podman", "/usr/lib/podman");

  /** podman's defaults with the given run root (the run dir is its sibling "networks"). */
  public static NetworkOptions defaults(Path runRoot) {
    java.util.List<Pool> pools = new java.util.ArrayList<>();
    for (int i = 89; i <= 255; i++) {
      pools.add(new Pool("10." + i + ".0.0/16", 24));
    }
    return new NetworkOptions(Path.of("/etc/containers/networks"), runDirFor(runRoot), "", "podman", "10.88.0.0/16",
        pools, DEFAULT_HELPER_DIRS, List.of("/usr/local/libexec/cni", "/usr/libexec/cni", "/usr/local/lib/cni", "/usr/lib/cni", "/opt/cni/bin"),
        false);
  }

  static Path runDirFor(Path runRoot) {
    Path abs = runRoot.toAbsolutePath();
    return abs.getParent() == null ? abs.resolve("networks") : abs.getParent().resolve("networks");
  }

  /** Whether the CNI plugins wire containers ({@code network_backend = "cni"}). */
  public boolean isCni() {
    return backend.equals("cni");
  }

  /** Where a backend keeps definitions unless told otherwise. */
  public static Path defaultConfigDir(String backend) {
    return Path.of(backend.equals("cni") ? "/etc/cni/net.d" : "/etc/containers/networks");
  }

  /**
   * The same options with another backend ({@code --network-backend}); definitions move to that
   * backend's default dir unless a dir was chosen.
   */
  public NetworkOptions withBackend(String name) {
    Path dir = configDir.equals(defaultConfigDir(backend)) ? defaultConfigDir(name) : configDir;
    return new NetworkOptions(dir, runDir, name, defaultNetwork, defaultSubnet, subnetPools, helperDirs, cniPluginDirs,
        configDirGiven);
  }

  public NetworkOptions withConfigDir(Path dir) {
    return new NetworkOptions(dir, runDir, backend, defaultNetwork, defaultSubnet, subnetPools, helperDirs, cniPluginDirs, true);
  }
}
