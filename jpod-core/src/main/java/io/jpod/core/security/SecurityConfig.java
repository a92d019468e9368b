package io.jpod.core.security;

import java.util.List;

/**
 * The container's security settings beyond capabilities, seccomp, no_new_privs and sysctls (which have
 * their own ContainerConfig fields).
 *
 * @param privileged all capabilities and host devices, no seccomp, masked or read-only paths
 * @param readOnly mount the root filesystem read-only
 * @param readOnlyTmpfs with readOnly, tmpfs on /run, /tmp and /var/tmp
 * @param securityOpt the {@code --security-opt} values as given (inspect shows them)
 * @param mask extra paths to mask
 * @param unmask default masked paths to leave visible ("ALL" for every one)
 * @param groupAdd supplementary groups for the process
 * @param devices host devices made available in the container
 * @param userCaps the capabilities {@code --cap-add} named (those the host can give): a process running
 *     as another user than root starts with these alone, as podman's does
 */
public record SecurityConfig(
    boolean privileged,
    boolean readOnly,
    boolean readOnlyTmpfs,
    List<String> securityOpt,
    List<String> mask,
    List<String> unmask,
    List<String> groupAdd,
    List<Device> devices,
    List<String> userCaps) {

  public SecurityConfig {
    securityOpt = securityOpt == null ? List.of() : List.copyOf(securityOpt);
    mask = mask == null ? List.of() : List.copyOf(mask);
    unmask = unmask == null ? List.of() : List.copyOf(unmask);
    groupAdd = groupAdd == null ? List.of() : List.copyOf(groupAdd);
    devices = devices == null ? List.of() : List.copyOf(devices);
    userCaps = userCaps == null ? List.of() : List.copyOf(userCaps);
  }

  public static SecurityConfig none() {
    return new SecurityConfig(false, false, true, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /**
   * A device node: {@code hostPath} appears at {@code path}; type "c" or "b"; permissions from "rwm".
   */
  public record Device(String hostPath, String path, String type, long major, long minor, int fileMode,
      long uid, long gid, String permissions) {}
}
