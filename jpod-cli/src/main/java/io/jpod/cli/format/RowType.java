package io.jpod.cli.format;

import java.util.List;

/**
 * What a podman listing's rows are in Go, for its template errors: the template's name ({@code ps},
 * {@code ls}, ...) and the row type ({@code containers.psReporter}).
 */
public record RowType(String name, String goType, java.util.Map<String, Object> optional) {
  public RowType(String name, String goType) {
    this(name, goType, java.util.Map.of());
  }

  public static final RowType PS = new RowType("ps", "containers.psReporter");
  public static final RowType IMAGES = new RowType("images", "images.imageReporter");
  public static final RowType HISTORY = new RowType("history", "images.historyReporter");
  public static final RowType VOLUMES = new RowType("ls", "*entities.VolumeListReport");
  public static final RowType NETWORKS = new RowType("ls", "network.ListPrintReports");
  public static final RowType PODS = new RowType("ps", "pods.ListPodReporter");
  public static final RowType STATS = new RowType("stats", "containers.containerStats");
  /**
   * The inspect commands: the fields of podman's container, image, volume, pod and network inspect
   * structs that its JSON (and jpod's) may leave out when empty, with the zero value a template sees.
   */
  public static final RowType INSPECT = new RowType("inspect", "interface {}", zeroValues());

  private static java.util.Map<String, Object> zeroValues() {
    java.util.Map<String, Object> z = new java.util.HashMap<>();
    for (String f : List.of("Pod", "ImageDigest", "Namespace", "StaticDir", "OCIConfigPath", "Rootfs", "ProcessLabel",
        "MountLabel", "AppArmorProfile", "ConmonPidFile", "PidFile", "ResolvConfPath", "HostnamePath", "HostsPath",
        "Digest", "Parent", "Comment", "Author", "Variant", "ManifestType", "User", "InfraContainerID", "CPUSetCPUs",
        "CPUSetMems", "CgroupPath", "CgroupParent", "ExitPolicy", "Hostname", "NetworkInterface")) {
      z.put(f, "");
    }
    for (String f : List.of("Dependencies", "ExecIDs", "EffectiveCaps", "BoundingCaps", "RepoTags", "RepoDigests",
        "History", "NamesHistory", "SharedNamespaces", "Mounts", "Devices", "BlkioDeviceReadBps", "VolumesFrom",
        "SecurityOpts", "BlkioWeightDevice", "Containers", "CreateCommand", "Subnets")) {
      z.put(f, GoNil.list());
    }
    for (String f : List.of("Labels", "Annotations", "Options", "IPAMOptions", "Status")) {
      z.put(f, GoNil.map());
    }
    for (String f : List.of("SizeRootFs", "VirtualSize", "UID", "GID", "MountCount", "Timeout", "LockNumber",
        "CPUPeriod", "CPUQuota", "CPUShares", "MemoryLimit", "MemorySwap", "BlkioWeight")) {
      z.put(f, 0L);
    }
    for (String f : List.of("IsInfra", "IsService", "Anonymous", "NeedsCopyUp", "NeedsChown", "IPv6Enabled",
        "Internal", "DNSEnabled")) {
      z.put(f, false);
    }
    for (String f : List.of("SizeRw", "Version", "HealthCheck", "InfraConfig")) {
      z.put(f, null); // pointers: <nil>
    }
    return java.util.Collections.unmodifiableMap(z); // with nulls, which Map.copyOf refuses
  }

  /** Each of {@code rows} as the Go struct it stands for. */
  public List<Object> wrapAll(List<?> rows) {
    return rows.stream().map(r -> (Object) wrap(r)).toList();
  }

  /** {@code row} as the Go struct it stands for. */
  public GoStruct wrap(Object row) {
    return new GoStruct(goType, row, optional);
  }
}
