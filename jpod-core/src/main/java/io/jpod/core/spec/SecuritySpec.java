package io.jpod.core.spec;

import io.jpod.core.security.SecurityConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The parts of config.json that {@link SecurityConfig} decides: devices, masks, extra groups. */
final class SecuritySpec {
  private SecuritySpec() {}

  static List<RuntimeSpec.Device> devices(SecurityConfig s) {
    var out = new ArrayList<RuntimeSpec.Device>();
    s.devices().forEach(d -> out.add(
        new RuntimeSpec.Device(d.path(), d.type(), d.major(), d.minor(), d.fileMode(), d.uid(), d.gid())));
    if (s.privileged()) {
      var given = new java.util.HashSet<String>();
      out.forEach(d -> given.add(d.path()));
      HostDevices.under(Path.of("/dev")).stream().filter(d -> !given.contains(d.path())).forEach(out::add);
    }
    return List.copyOf(out);
  }

  /** The deny-all rule, then allow rules for --device nodes (or everything when privileged). */
  static RuntimeSpec.Resources withDeviceRules(RuntimeSpec.Resources r, SecurityConfig s) {
    if (!s.privileged() && s.devices().isEmpty()) {
      return r;
    }
    List<RuntimeSpec.DeviceRule> rules = new ArrayList<>(r.devices());
    if (s.privileged()) {
      rules.add(new RuntimeSpec.DeviceRule(true, null, null, null, "rwm"));
    }
    for (var d : s.devices()) {
      rules.add(new RuntimeSpec.DeviceRule(true, d.type(), d.major(), d.minor(), d.permissions()));
    }
    return new RuntimeSpec.Resources(List.copyOf(rules), r.memory(), r.cpu(), r.pids(), r.blockIO());
  }

  /** Default masked paths without the unmasked ones, plus --security-opt mask=; none when privileged. */
  static List<String> masked(List<String> defaults, SecurityConfig s) {
    if (s.privileged()) {
      return List.of();
    }
    var out = new LinkedHashSet<String>();
    if (!s.unmask().contains("ALL")) {
      defaults.stream().filter(p -> !s.unmask().contains(p)).forEach(out::add);
    }
    out.addAll(s.mask());
    return List.copyOf(out);
  }

  /**
   * The process's supplementary groups as podman orders them: the primary gid when a user was given,
   * then the --group-add ones, then the groups listing the user in the image's /etc/group (which the
   * resolver finds only when no group was named). Duplicates are kept once.
   */
  static List<Long> additionalGids(String user, ProcessUser pu, List<String> groupAdd, Path rootfs) {
    var out = new LinkedHashSet<Long>();
    if (user != null && !user.isEmpty()) {
      out.add(pu.gid());
    }
    out.addAll(UserResolver.groupAddGids(groupAdd, rootfs));
    out.addAll(pu.additionalGids());
    return List.copyOf(out);
  }
}
