package io.jpod.config.units;

import io.jpod.common.JpodException;
import java.util.Locale;
import java.util.Set;

/**
 * One resource limit as given to {@code --ulimit} or in containers.conf {@code default_ulimits}:
 * {@code name=soft[:hard]}. A single value sets both limits. {@code -1} or {@code unlimited} means
 * unlimited ({@link #UNLIMITED}); podman writes it as {@code RLIM_INFINITY} in config.json.
 *
 * <p>Names are the ones podman (docker/go-units) knows; {@code as} is not among them. Error messages
 * are go-units' inner ones; podman prefixes them with
 * {@code ulimit option "<arg>" requires name=SOFT:HARD, failed to be parsed: }.
 *
 * @param name the short name, e.g. {@code nofile}
 * @param soft the soft limit or {@link #UNLIMITED}
 * @param hard the hard limit or {@link #UNLIMITED}
 */
public record Ulimit(String name, long soft, long hard) {
  /** The value standing for "no limit". */
  public static final long UNLIMITED = -1;

  /** The names podman accepts. */
  public static final Set<String> NAMES =
      Set.of(
          "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc",
          "rss", "rtprio", "rttime", "sigpending", "stack");

  public Ulimit {
    if (!NAMES.contains(name)) {
      throw JpodException.invalid("invalid ulimit type: " + name);
    }
    if (soft < UNLIMITED || hard < UNLIMITED) {
      throw JpodException.invalid("invalid ulimit value: negative limit");
    }
    if (hard != UNLIMITED && (soft == UNLIMITED || soft > hard)) {
      throw JpodException.invalid(
          "ulimit soft limit must be less than or equal to hard limit: "
              + text(soft)
              + " > "
              + hard);
    }
  }

  /** Parses {@code name=soft[:hard]}. */
  public static Ulimit parse(String arg) {
    int eq = arg.indexOf('=');
    if (eq < 0) {
      throw JpodException.invalid("invalid ulimit argument: " + arg);
    }
    String name = arg.substring(0, eq);
    if (!NAMES.contains(name)) {
      throw JpodException.invalid("invalid ulimit type: " + name);
    }
    String values = arg.substring(eq + 1);
    String[] parts = values.split(":", -1);
    long soft;
    long hard;
    switch (parts.length) {
      case 1 -> {
        soft = value(parts[0]);
        hard = soft;
      }
      case 2 -> {
        soft = value(parts[0]);
        hard = value(parts[1]);
      }
      default ->
          throw JpodException.invalid(
              "too many limit value arguments - "
                  + values
                  + ", can only have up to two, `soft[:hard]`");
    }
    return new Ulimit(name, soft, hard);
  }

  /** The OCI rlimit type, e.g. {@code RLIMIT_NOFILE}. */
  public String rlimitType() {
    return "RLIMIT_" + name.toUpperCase(Locale.ROOT);
  }

  public boolean softUnlimited() {
    return soft == UNLIMITED;
  }

  public boolean hardUnlimited() {
    return hard == UNLIMITED;
  }

  /** Back to {@code name=soft:hard} (with -1 for unlimited), the form podman stores and prints. */
  @Override
  public String toString() {
    return name + "=" + soft + ":" + hard;
  }

  private static long value(String s) {
    if (s.equals("unlimited")) {
      return UNLIMITED;
    }
    try {
      long v = Long.parseLong(s);
      if (v < UNLIMITED) {
        throw JpodException.invalid("invalid ulimit value: " + s);
      }
      return v;
    } catch (NumberFormatException e) {
      throw JpodException.invalid(
          "strconv.ParseInt: parsing \"" + s + "\": invalid syntax");
    }
  }

  private static String text(long v) {
    return v == UNLIMITED ? "unlimited" : Long.toString(v);
  }
}
