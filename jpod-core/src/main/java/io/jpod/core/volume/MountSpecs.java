package io.jpod.core.volume;

import io.jpod.common.JpodException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses {@code -v}, {@code --mount} and {@code --tmpfs} values with podman's syntax and error texts.
 * An anonymous volume comes back with an empty source; the service names it. Bind sources are made
 * absolute but not checked here (that needs the host's filesystem).
 */
public final class MountSpecs {
  static final String BAD_MOUNT =
      "incorrect mount format: should be --mount type=<bind|tmpfs|volume>,[src=<host-dir|volume-name>,]target=<ctr-dir>[,options]";

  private MountSpecs() {}

  /** {@code -v [SOURCE:]DEST[:OPTIONS]}: a bind when SOURCE starts with / or ., else a named volume. */
  public static MountConfig volume(String spec) {
    String[] parts = spec.split(":", -1);
    if (parts.length > 3) {
      throw JpodException.invalid("incorrect volume format, should be [host-dir:]ctr-dir[:option]");
    }
    String src = parts[0];
    String dest = parts.length > 1 ? parts[1] : src;
    List<String> options = parts.length > 2 ? MountOptions.validate(List.of(parts[2].split(",", -1))) : List.of();
    if (options.contains("O")) {
      // podman's overlay volumes discard what the container writes; a plain bind would not
      throw JpodException.invalid("overlay volumes (:O) are not supported by jpod");
    }
    if (parts.length == 1) {
      src = "";
    } else if (src.isEmpty()) {
      throw JpodException.invalid("host directory cannot be empty");
    }
    checkDestination(dest);
    if (src.startsWith("/") || src.startsWith(".")) {
      return new MountConfig("bind", absolute(src), clean(dest), MountOptions.complete(options, "bind"), false);
    }
    if (!src.isEmpty()) {
      checkVolumeName(src);
    }
    return new MountConfig("volume", src, clean(dest), MountOptions.complete(options, "volume"), src.isEmpty());
  }

  /** {@code --tmpfs DEST[:OPTIONS]}. */
  public static MountConfig tmpfs(String spec) {
    int colon = spec.indexOf(':');
    String dest = colon < 0 ? spec : spec.substring(0, colon);
    List<String> options = colon < 0 || colon == spec.length() - 1 ? List.of() : List.of(spec.substring(colon + 1).split(","));
    checkDestination(dest);
    return new MountConfig("tmpfs", "tmpfs", clean(dest), MountOptions.complete(options, "tmpfs"), false);
  }

  /** {@code --mount type=bind|volume|tmpfs,src=...,dst=...[,options]}. */
  public static MountConfig mount(String spec) {
    String type = null;
    List<String> tokens = new ArrayList<>();
    for (String t : spec.split(",")) {
      if (t.startsWith("type=")) {
        type = t.substring(5);
      } else {
        tokens.add(t);
      }
    }
    if (type == null) {
      throw JpodException.invalid(BAD_MOUNT);
    }
    if (!List.of("bind", "volume", "tmpfs").contains(type)) {
      throw JpodException.invalid("invalid filesystem type \"" + type + "\"");
    }
    String src = null;
    String dest = null;
    List<String> options = new ArrayList<>();
    for (String t : tokens) {
      int eq = t.indexOf('=');
      String key = eq < 0 ? t : t.substring(0, eq);
      String value = eq < 0 ? null : t.substring(eq + 1);
      switch (key.toLowerCase(Locale.ROOT)) {
        case "src", "source" -> {
          if (type.equals("tmpfs")) {
            throw badOption(key);
          }
          src = required(key, value);
        }
        case "target", "dst", "destination" -> dest = required(key, value);
        case "ro", "readonly", "rw" -> options.add(readOnly(key, value) ? "ro" : "rw");
        case "nodev", "dev", "nosuid", "suid", "noexec", "exec" -> options.add(key);
        case "u", "chown" -> {
          if (value == null || Boolean.parseBoolean(value)) {
            options.add("U");
          }
        }
        case "z" -> options.add(key);
        case "relabel" -> {
          if (type.equals("tmpfs")) {
            throw badOption(key);
          }
          options.add(switch (required(key, value)) {
            case "shared" -> "z";
            case "private" -> "Z";
            default -> throw JpodException.invalid("invalid relabel option " + value);
          });
        }
        case "bind-propagation" -> {
          if (!type.equals("bind")) {
            throw badOption(key);
          }
          options.add(required(key, value));
        }
        case "bind-nonrecursive" -> {
          if (!type.equals("bind")) {
            throw badOption(key);
          }
          options.add("bind");
        }
        case "consistency" -> { } // Docker compatibility: ignored, as podman does
        case "tmpfs-size" -> options.add("size=" + tmpfsOnly(type, key, value));
        case "tmpfs-mode" -> options.add("mode=" + tmpfsOnly(type, key, value));
        case "tmpcopyup", "notmpcopyup" -> {
          if (!type.equals("tmpfs")) {
            throw badOption(key);
          }
          options.add(key);
        }
        case "volume-nocopy", "nocopy" -> {
          if (!type.equals("volume")) {
            throw badOption(key);
          }
          options.add("nocopy");
        }
        case "volume-opt", "volume-label", "volume-driver" -> {
          if (!type.equals("volume")) {
            throw badOption(key);
          }
        }
        default -> throw badOption(key);
      }
    }
    if (dest == null) {
      throw JpodException.invalid("must set volume destination");
    }
    checkDestination(dest);
    if (type.equals("tmpfs")) {
      return new MountConfig("tmpfs", "tmpfs", clean(dest), MountOptions.complete(options, "tmpfs"), false);
    }
    List<String> opts = MountOptions.complete(MountOptions.validate(options), type);
    if (type.equals("bind")) {
      // podman 4.3 takes the destination as the source when none is given (and then fails to stat it)
      return new MountConfig("bind", absolute(src == null ? dest : src), clean(dest), opts, false);
    }
    if (src != null && !src.isEmpty()) {
      checkVolumeName(src);
      return new MountConfig("volume", src, clean(dest), opts, false);
    }
    return new MountConfig("volume", "", clean(dest), opts, true);
  }

  /** Volume names as podman allows them. */
  public static void checkVolumeName(String name) {
    if (!io.jpod.core.naming.Ids.validName(name)) {
      throw JpodException.invalid("creating named volume \"" + name
          + "\": running volume create option: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument");
    }
  }

  static void checkDestination(String dest) {
    if (!dest.startsWith("/")) {
      throw JpodException.invalid("invalid container path \"" + dest + "\", must be an absolute path");
    }
  }

  private static boolean readOnly(String key, String value) {
    if (key.equals("rw")) {
      return value != null && !Boolean.parseBoolean(value);
    }
    if (value == null) {
      return true;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw JpodException.invalid("invalid " + key + " value: " + value);
    };
  }

  private static String tmpfsOnly(String type, String key, String value) {
    if (!type.equals("tmpfs")) {
      throw badOption(key);
    }
    return required(key, value);
  }

  private static String required(String key, String value) {
    if (value == null || value.isEmpty()) {
      throw JpodException.invalid("option " + key + " must be set: invalid mount option");
    }
    return value;
  }

  private static JpodException badOption(String key) {
    return JpodException.invalid(key + ": invalid mount option");
  }

  private static String absolute(String src) {
    return Path.of(src).toAbsolutePath().normalize().toString();
  }

  /** podman cleans destinations (filepath.Clean): no trailing slash, no "." or ".." parts. */
  static String clean(String dest) {
    return Path.of(dest).normalize().toString();
  }
}
