package io.jpod.cli.container;

import io.jpod.core.security.SecurityRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** podman's security flags for {@code create} and {@code run}. */
public final class SecurityFlags {
  @Option(names = "--privileged", description = "Give extended privileges to container") boolean privileged;
  @Option(names = "--read-only", description = "Make containers root filesystem read-only") boolean readOnly;
  @Option(names = "--read-only-tmpfs", arity = "0..1", fallbackValue = "true", description = "When running containers in read-only mode mount a read-write tmpfs on /run, /tmp and /var/tmp") Boolean readOnlyTmpfs;
  @Option(names = "--security-opt", description = "Security Options") List<String> securityOpt = new ArrayList<>();
  @Option(names = "--sysctl", description = "Sysctl options") List<String> sysctls = new ArrayList<>();
  @Option(names = "--group-add", split = ",", description = "Add additional groups to the primary container process. 'keep-groups' allows container processes to use supplementary groups.") List<String> groupAdd = new ArrayList<>();
  @Option(names = "--device", description = "Add a host device to the container") List<String> devices = new ArrayList<>();
  @Option(names = "--ipc", description = "IPC namespace to use") String ipc;
  @Option(names = "--pid", description = "PID namespace to use") String pid;
  @Option(names = "--uts", description = "UTS namespace to use") String uts;

  public SecurityRequest request() {
    return new SecurityRequest(privileged, readOnly, readOnlyTmpfs, securityOpt, sysctls, groupAdd, devices, ipc, pid,
        uts);
  }
}
