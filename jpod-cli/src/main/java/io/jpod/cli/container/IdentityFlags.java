package io.jpod.cli.container;

import io.jpod.core.identity.IdentityRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** podman's user namespace, passwd and cgroup placement flags for {@code create} and {@code run}. */
public final class IdentityFlags {
  @Option(names = "--userns", description = "User namespace to use") String userns;
  @Option(names = "--uidmap", description = "UID map to use for the user namespace") List<String> uidmap = new ArrayList<>();
  @Option(names = "--gidmap", description = "GID map to use for the user namespace") List<String> gidmap = new ArrayList<>();
  @Option(names = "--subuidname", description = "Name of range listed in /etc/subuid for use in user namespace") String subuidname;
  @Option(names = "--subgidname", description = "Name of range listed in /etc/subgid for use in user namespace") String subgidname;
  @Option(names = "--passwd-entry", description = "Entry to write to /etc/passwd") String passwdEntry;
  @Option(names = "--passwd", arity = "0..1", fallbackValue = "true", description = "add entries to /etc/passwd and /etc/group") Boolean passwd;
  @Option(names = "--cgroup-parent", description = "Optional parent cgroup for the container") String cgroupParent;
  @Option(names = "--cgroupns", description = "cgroup namespace to use") String cgroupns;
  @Option(names = "--cgroups", description = "control container cgroup configuration (\"enabled\"|\"disabled\"|\"no-conmon\"|\"split\")") String cgroups;

  public IdentityRequest request() {
    return new IdentityRequest(userns, uidmap, gidmap, subuidname, subgidname, passwdEntry, passwd, cgroupParent,
        cgroupns, cgroups);
  }
}
