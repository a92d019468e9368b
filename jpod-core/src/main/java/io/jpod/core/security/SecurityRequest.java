package io.jpod.core.security;

import java.util.List;

/**
 * The security flags as typed: {@code --privileged}, {@code --read-only}, {@code --read-only-tmpfs},
 * {@code --security-opt}, {@code --sysctl}, {@code --group-add}, {@code --device}, {@code --ipc}, {@code --pid}, {@code --uts}; null or empty means
 * "not given".
 */
public record SecurityRequest(
    boolean privileged,
    boolean readOnly,
    Boolean readOnlyTmpfs,
    List<String> securityOpt,
    List<String> sysctls,
    List<String> groupAdd,
    List<String> devices,
    String ipc,
    String pid,
    String uts) {

  public SecurityRequest {
    securityOpt = securityOpt == null ? List.of() : List.copyOf(securityOpt);
    sysctls = sysctls == null ? List.of() : List.copyOf(sysctls);
    groupAdd = groupAdd == null ? List.of() : List.copyOf(groupAdd);
    devices = devices == null ? List.of() : List.copyOf(devices);
  }

  public static SecurityRequest none() {
    return new SecurityRequest(false, false, null, List.of(), List.of(), List.of(), List.of(), null, null, null);
  }
}
