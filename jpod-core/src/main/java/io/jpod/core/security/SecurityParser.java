package io.jpod.core.security;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates {@link SecurityRequest}s as podman 4.3.1 does before anything is created: security options,
 * namespaced sysctls only, existing devices with valid permissions, readable seccomp profiles.
 */
public final class SecurityParser {
  private SecurityParser() {}

  /** What {@code --security-opt} decides besides the stored {@link SecurityConfig}. */
  public record Options(boolean noNewPrivileges, String seccompProfile, List<String> mask, List<String> unmask) {}

  public static Options options(List<String> securityOpt) {
    boolean nnp = false;
    String seccomp = null;
    List<String> mask = new ArrayList<>();
    List<String> unmask = new ArrayList<>();
    for (String opt : securityOpt) {
      if (opt.equals("no-new-privileges") || opt.equals("no-new-privileges=true")
          || opt.equals("no-new-privileges:true")) {
        nnp = true;
        continue;
      }
      if (opt.equals("no-new-privileges=false") || opt.equals("no-new-privileges:false")) {
        continue;
      }
      int eq = opt.indexOf('=');
      if (eq < 0) {
        eq = opt.indexOf(':');
      }
      if (eq <= 0) {
        throw JpodException.invalid("invalid --security-opt 1: \"" + opt + "\"");
      }
      String key = opt.substring(0, eq);
      String value = opt.substring(eq + 1);
      switch (key) {
        case "seccomp" -> {
          if (!value.equals("unconfined")) {
            Path p = Path.of(value);
            if (!Files.isReadable(p) || Files.isDirectory(p)) {
              throw JpodException.invalid("opening seccomp profile failed: open " + value + ": no such file or directory");
            }
            value = p.toAbsolutePath().toString();
          }
          seccomp = value;
        }
        case "label", "apparmor", "proc-opts", "systempaths" -> {
          // SELinux and AppArmor are not enforced on this host; podman accepts these there too
        }
        case "mask" -> mask.addAll(List.of(value.split(":")));
        case "unmask" -> unmask.addAll(List.of(value.split(":")));
        default -> throw JpodException.invalid("invalid --security-opt 2: \"" + opt + "\"");
      }
    }
    return new Options(nnp, seccomp, mask, unmask);
  }

  /** {@code --sysctl}: only namespaced keys, as podman's validation allows. */
  public static Map<String, String> sysctls(List<String> given, boolean hostNetwork, boolean hostIpc, boolean hostUts) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String kv : given) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw JpodException.invalid("sysctl \"" + kv + "\" is not allowed");
      }
      String key = kv.substring(0, eq).strip();
      String value = kv.substring(eq + 1);
      boolean ipc = key.startsWith("fs.mqueue.") || List.of("kernel.msgmax", "kernel.msgmnb", "kernel.msgmni",
          "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced").contains(key);
      if (ipc) {
        if (hostIpc) {
          throw JpodException.invalid("sysctl \"" + key + "\" is not allowed in the hosts ipc namespace");
        }
      } else if (key.startsWith("net.")) {
        if (hostNetwork) {
          throw JpodException.invalid("sysctl \"" + key + "\" not allowed with host net enabled");
        }
      } else if (key.equals("kernel.domainname") || key.equals("kernel.hostname")) {
        if (hostUts) {
          throw JpodException.invalid("sysctl \"" + key + "\" is not allowed in the hosts uts namespace");
        }
      } else {
        throw JpodException.invalid("sysctl \"" + key + "\" is not allowed");
      }
      out.put(key, value);
    }
    return out;
  }

  /** {@code --device HOST[:CONTAINER][:PERMISSIONS]}: the node must exist and be a device. */
  public static List<SecurityConfig.Device> devices(List<String> given) {
    List<SecurityConfig.Device> out = new ArrayList<>();
    for (String spec : given) {
      String[] parts = spec.split(":");
      String host = parts[0];
      String path = host;
      String perms = "rwm";
      if (parts.length == 2) {
        if (permissions(parts[1])) {
          perms = parts[1];
        } else {
          path = parts[1];
        }
      } else if (parts.length == 3) {
        path = parts[1];
        perms = parts[2];
      } else if (parts.length > 3) {
        throw JpodException.invalid("invalid device specification: " + spec);
      }
      if (!permissions(perms)) {
        throw JpodException.invalid("invalid device mode: " + perms);
      }
      if (!path.startsWith("/")) {
        throw JpodException.invalid(path + " is not an absolute path");
      }
      PosixFileAttributes attrs;
      long rdev;
      int mode;
      try {
        attrs = Files.readAttributes(Path.of(host), PosixFileAttributes.class);
        rdev = ((Number) Files.getAttribute(Path.of(host), "unix:rdev")).longValue();
        mode = ((Number) Files.getAttribute(Path.of(host), "unix:mode")).intValue();
      } catch (IOException e) {
        throw JpodException.invalid("stat " + host + ": no such file or directory");
      }
      if (attrs.isDirectory()) {
        throw JpodException.invalid("adding directories of devices (" + host + ") is not supported by jpod");
      }
      int fmt = mode & 0170000;
      String type = fmt == 0020000 ? "c" : fmt == 0060000 ? "b" : null;
      if (type == null) {
        throw JpodException.invalid(host + " is not a valid device");
      }
      long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
      long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
      out.add(new SecurityConfig.Device(host, path, type, major, minor, mode & 07777, 0, 0, perms));
    }
    return out;
  }

  private static boolean permissions(String s) {
    return !s.isEmpty() && s.length() <= 3 && s.chars().allMatch(c -> c == 'r' || c == 'w' || c == 'm');
  }
}
