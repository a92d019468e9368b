package io.jpod.core.volume;

import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Mount options as podman handles them: the checks of {@code -v}'s option list (containers/common's
 * ValidateVolumeOpts), the defaults podman adds before it writes config.json (util.ProcessOptions), and
 * the views {@code inspect} shows.
 */
public final class MountOptions {
  static final Set<String> PROPAGATION =
      Set.of("private", "rprivate", "shared", "rshared", "slave", "rslave", "unbindable", "runbindable");
  /** Options that steer jpod (relabel, chown, copy-up) and never reach the runtime. */
  static final Set<String> JPOD_ONLY = Set.of("z", "Z", "U", "nocopy", "copy", "idmap", "O");

  private MountOptions() {}

  /** Checks a {@code -v} option list: known options only, at most one of each kind. */
  public static List<String> validate(List<String> options) {
    int[] counts = new int[9];
    for (String o : options) {
      int kind = switch (o) {
        case "noexec", "exec" -> 0;
        case "nodev", "dev" -> 1;
        case "nosuid", "suid" -> 2;
        case "rw", "ro" -> 3;
        case "private", "rprivate", "shared", "rshared", "slave", "rslave", "unbindable", "runbindable" -> 4;
        case "z", "Z", "O" -> 5;
        case "U" -> 6;
        case "bind", "rbind" -> 7;
        case "copy", "nocopy" -> 8;
        default -> throw JpodException.invalid("invalid option type \"" + o + "\"");
      };
      if (++counts[kind] > 1) {
        String what = switch (kind) {
          case 0 -> "1 'noexec' or 'exec' option";
          case 1 -> "1 'nodev' or 'dev' option";
          case 2 -> "1 'nosuid' or 'suid' option";
          case 3 -> "1 'rw' or 'ro' option";
          case 4 -> "1 '[r]shared', '[r]private', '[r]slave' or '[r]unbindable' option";
          case 5 -> "1 'z', 'Z', or 'O' option";
          case 6 -> "1 'U' option";
          case 7 -> "1 '[r]bind' option";
          default -> "1 'copy' or 'nocopy' option";
        };
        throw JpodException.invalid("invalid options \"" + String.join(", ", options) + "\", can only specify " + what);
      }
    }
    return List.copyOf(options);
  }

  /**
   * The option list podman stores and hands on: the user's options, then {@code rw} and
   * {@code rprivate} unless given, {@code nosuid,nodev} for volumes and tmpfs unless given, then
   * {@code tmpcopyup} (tmpfs) or {@code rbind} (the others) unless given.
   */
  public static List<String> complete(List<String> user, String type) {
    boolean rwro = false, prop = false, suid = false, dev = false, bind = false, copyUp = false;
    List<String> out = new ArrayList<>();
    for (String o : user) {
      switch (o) {
        case "rw", "ro" -> rwro = true;
        case "suid", "nosuid" -> suid = true;
        case "dev", "nodev" -> dev = true;
        case "bind", "rbind" -> bind = true;
        case "tmpcopyup" -> copyUp = true;
        case "notmpcopyup" -> {
          copyUp = true;
          continue; // a jpod-side "no", like podman's: the runtime is simply not asked to copy
        }
        default -> prop |= PROPAGATION.contains(o);
      }
      out.add(o);
    }
    boolean tmpfs = type.equals("tmpfs");
    if (!rwro) {
      out.add("rw");
    }
    if (!prop) {
      out.add("rprivate");
    }
    if (!type.equals("bind")) {
      if (!suid) {
        out.add("nosuid");
      }
      if (!dev) {
        out.add("nodev");
      }
    }
    if (tmpfs && !copyUp) {
      out.add("tmpcopyup");
    }
    if (!tmpfs && !bind) {
      out.add("rbind");
    }
    return List.copyOf(out);
  }

  /**
   * A bind's options with the source filesystem's noexec/nosuid/nodev added where the user chose
   * neither way, placed before the trailing {@code rbind} as podman orders them.
   */
  public static List<String> withHostFlags(List<String> options, java.util.Collection<String> hostFlags) {
    List<String> out = new ArrayList<>(options);
    int at = !out.isEmpty() && out.getLast().equals("rbind") ? out.size() - 1 : out.size();
    for (String flag : List.of("noexec", "nosuid", "nodev")) {
      String opposite = flag.substring(2);
      if (hostFlags.contains(flag) && !out.contains(flag) && !out.contains(opposite)) {
        out.add(at++, flag);
      }
    }
    return List.copyOf(out);
  }

  /** What the runtime gets: the stored options without jpod's own. */
  public static List<String> oci(List<String> options) {
    return options.stream().filter(o -> !JPOD_ONLY.contains(o)).toList();
  }

  /** {@code inspect}'s Options: the runtime options without rw/ro and the propagation. */
  public static List<String> inspectOptions(List<String> options) {
    return oci(options).stream().filter(o -> !o.equals("rw") && !o.equals("ro") && !PROPAGATION.contains(o)).toList();
  }

  /** {@code inspect}'s Propagation: the one given, else rprivate. */
  public static String propagation(List<String> options) {
    return options.stream().filter(PROPAGATION::contains).findFirst().orElse("rprivate");
  }

  /** {@code inspect}'s Mode: the relabel option (z or Z), else empty. */
  public static String mode(List<String> options) {
    return options.stream().filter(o -> o.equals("z") || o.equals("Z")).findFirst().orElse("");
  }

  public static boolean readOnly(List<String> options) {
    return options.contains("ro");
  }
}
