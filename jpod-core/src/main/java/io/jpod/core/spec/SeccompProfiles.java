package io.jpod.core.spec;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts a containers/common seccomp profile (e.g. /usr/share/containers/seccomp.json) into the OCI
 * {@code linux.seccomp} section, filtering rules by capabilities, architecture and kernel version the
 * way containers/common {@code setupSeccomp} does.
 */
public final class SeccompProfiles {
  public static final Path DEFAULT_PROFILE = Path.of("/usr/share/containers/seccomp.json");

  /** The profile file's binding (compile-time adapters; immutable once built). */
  private static final io.avaje.jsonb.JsonType<SeccompProfileFile> PROFILE =
      io.jpod.common.Bindings.of(SeccompProfileFile.class);

  /** libseccomp native arch name (Go style) to the SCMP_ARCH_ constant used in archMap. */
  private static final Map<String, String> NATIVE_TO_SECCOMP = Map.ofEntries(
      Map.entry("amd64", "SCMP_ARCH_X86_64"), Map.entry("arm64", "SCMP_ARCH_AARCH64"),
      Map.entry("x86", "SCMP_ARCH_X86"), Map.entry("arm", "SCMP_ARCH_ARM"),
      Map.entry("mips64", "SCMP_ARCH_MIPS64"), Map.entry("mips64n32", "SCMP_ARCH_MIPS64N32"),
      Map.entry("mipsel64", "SCMP_ARCH_MIPSEL64"), Map.entry("mipsel64n32", "SCMP_ARCH_MIPSEL64N32"),
      Map.entry("ppc64le", "SCMP_ARCH_PPC64LE"), Map.entry("ppc64", "SCMP_ARCH_PPC64"),
      Map.entry("s390x", "SCMP_ARCH_S390X"), Map.entry("riscv64", "SCMP_ARCH_RISCV64"));

  private SeccompProfiles() {}

  /**
   * The seccomp section for a container's {@code seccompProfile} setting: "unconfined" gives null, empty
   * or null uses {@code defaultProfile}, anything else is a path.
   */
  public static RuntimeSpec.Seccomp forContainer(
      String seccompProfile, Path defaultProfile, List<String> capabilities, String arch) {
    if ("unconfined".equals(seccompProfile)) {
      return null;
    }
    Path p = seccompProfile == null || seccompProfile.isEmpty() ? defaultProfile : Path.of(seccompProfile);
    return load(p, capabilities, arch);
  }

  /** Loads and converts a profile for the running kernel. */
  public static RuntimeSpec.Seccomp load(Path profileJson, List<String> capabilities, String arch) {
    return load(profileJson, capabilities, arch, runningKernel());
  }

  public static RuntimeSpec.Seccomp load(
      Path profileJson, List<String> capabilities, String arch, String kernelRelease) {
    byte[] body;
    try {
      body = Files.readAllBytes(profileJson);
    } catch (NoSuchFileException e) {
      throw JpodException.invalid(
          "opening seccomp profile failed: open " + profileJson + ": no such file or directory");
    } catch (IOException e) {
      throw JpodException.invalid("opening seccomp profile failed: open " + profileJson + ": " + e.getMessage());
    }
    SeccompProfileFile profile;
    try {
      profile = PROFILE.fromJson(body);
    } catch (io.avaje.json.JsonException e) {
      throw JpodException.invalid("decoding seccomp profile failed: " + e.getMessage());
    }
    return convert(profile, capabilities, arch, kernelRelease);
  }

  /** Converts an already parsed profile; null when it has neither a default action nor rules. */
  static RuntimeSpec.Seccomp convert(
      SeccompProfileFile profile, List<String> capabilities, String arch, String kernelRelease) {
    String defaultAction = profile.defaultAction() == null ? "" : profile.defaultAction();
    if (defaultAction.isEmpty() && profile.syscalls().isEmpty()) {
      return null;
    }
    String nat = nativeArch(arch);
    if (!profile.architectures().isEmpty() && !profile.archMap().isEmpty()) {
      throw JpodException.invalid("'architectures' and 'archMap' were specified in the seccomp profile, "
          + "use either 'architectures' or 'archMap'");
    }
    var arches = new ArrayList<>(profile.architectures());
    String seccompArch = NATIVE_TO_SECCOMP.get(nat);
    for (SeccompProfileFile.ArchMap a : profile.archMap()) {
      if (seccompArch != null && seccompArch.equals(a.architecture())) {
        arches.add(seccompArch);
        arches.addAll(a.subArchitectures());
        break;
      }
    }
    var rules = new ArrayList<RuntimeSpec.SyscallRule>();
    for (SeccompProfileFile.Syscall call : profile.syscalls()) {
      if (!applies(call, capabilities, nat, kernelRelease)) {
        continue;
      }
      String name = call.name() == null ? "" : call.name();
      if (!name.isEmpty() && !call.names().isEmpty()) {
        throw JpodException.invalid(
            "'name' and 'names' were specified in the seccomp profile, use either 'name' or 'names'");
      }
      var list = new ArrayList<String>();
      if (!name.isEmpty()) {
        list.add(name);
      }
      list.addAll(call.names());
      if (list.isEmpty()) {
        continue;
      }
      var args = new ArrayList<RuntimeSpec.Arg>();
      for (SeccompProfileFile.Arg a : call.args()) {
        args.add(new RuntimeSpec.Arg(a.index(), a.value(), a.valueTwo(), a.op() == null ? "" : a.op()));
      }
      rules.add(new RuntimeSpec.SyscallRule(List.copyOf(list), call.action() == null ? "" : call.action(),
          call.errnoRet(), List.copyOf(args)));
    }
    return new RuntimeSpec.Seccomp(defaultAction, profile.defaultErrnoRet(),
        List.copyOf(arches), List.copyOf(profile.flags()), List.copyOf(rules));
  }

  private static boolean applies(SeccompProfileFile.Syscall call, List<String> caps, String nat, String kernel) {
    SeccompProfileFile.Filter ex = call.excludes();
    if (ex.arches().contains(nat)) {
      return false;
    }
    for (String c : ex.caps()) {
      if (caps.contains(c)) {
        return false;
      }
    }
    SeccompProfileFile.Filter in = call.includes();
    if (!in.arches().isEmpty() && !in.arches().contains(nat)) {
      return false;
    }
    for (String c : in.caps()) {
      if (!caps.contains(c)) {
        return false;
      }
    }
    String minKernel = in.minKernel() == null ? "" : in.minKernel();
    return minKernel.isEmpty() || kernel == null || compareKernel(kernel, minKernel) >= 0;
  }

  /** Maps uname-style or Go-style machine names to libseccomp's native name ("x86_64" → "amd64"). */
  public static String nativeArch(String arch) {
    String a = arch == null ? "" : arch.toLowerCase(Locale.ROOT);
    return switch (a) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "i386", "i686", "x86" -> "x86";
      case "ppc64le", "powerpc64le" -> "ppc64le";
      default -> a.startsWith("arm") ? "arm" : a;
    };
  }

  /** Compares "major.minor[.patch][-suffix]" kernel versions numerically on major and minor. */
  static int compareKernel(String a, String b) {
    int[] x = kernelParts(a);
    int[] y = kernelParts(b);
    return x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(x[1], y[1]);
  }

  private static int[] kernelParts(String v) {
    String[] p = v.split("[.-]");
    int[] r = new int[2];
    for (int i = 0; i < 2 && i < p.length; i++) {
      try {
        r[i] = Integer.parseInt(p[i].replaceAll("\\D.*$", ""));
      } catch (NumberFormatException e) {
        r[i] = 0;
      }
    }
    return r;
  }

  private static String runningKernel() {
    try {
      return io.jpod.common.KernelFiles.read(Path.of("/proc/sys/kernel/osrelease")).trim();
    } catch (IOException e) {
      return System.getProperty("os.version");
    }
  }
}
