package io.jpod.core.identity;

import io.jpod.common.JpodException;
import io.jpod.sys.IdMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Checks the user namespace flags as rootful podman 4.3.1 does and turns them into mappings. Nothing
 * here creates anything; every error is podman's one-liner.
 */
public final class IdentityParser {
  /** containers/storage's {@code AutoUserNsMinSize}: what {@code --userns auto} maps without size=. */
  static final long AUTO_MIN_SIZE = 1024;
  /** The user whose /etc/subuid and /etc/subgid ranges {@code --userns auto} takes ids from. */
  static final String AUTO_USER = "containers";

  private final Path subuid;
  private final Path subgid;
  private final Function<String, IdentityConfig> containers;
  private final java.util.function.Supplier<List<IdMap>> usedUids;

  /**
   * @param containers a container's full id and identity by name or id (throws notFound); the
   *     returned config's usernsMode holds the id
   * @param usedUids uid ranges other containers already map, which {@code auto} avoids
   */
  public IdentityParser(Path subuid, Path subgid, Function<String, IdentityConfig> containers,
      java.util.function.Supplier<List<IdMap>> usedUids) {
    this.subuid = subuid;
    this.subgid = subgid;
    this.containers = containers;
    this.usedUids = usedUids;
  }

  /** The parser for this host's /etc/subuid and /etc/subgid. */
  public static IdentityParser forHost(Function<String, IdentityConfig> containers,
      java.util.function.Supplier<List<IdMap>> usedUids) {
    return new IdentityParser(Path.of("/etc/subuid"), Path.of("/etc/subgid"), containers, usedUids);
  }

  public IdentityConfig parse(IdentityRequest req) {
    String passwdEntry = req.passwdEntry() == null || req.passwdEntry().isEmpty() ? null : req.passwdEntry();
    boolean noPasswd = req.passwd() != null && !req.passwd();
    boolean maps = !req.uidmap().isEmpty() || !req.gidmap().isEmpty() || req.subuidname() != null
        || req.subgidname() != null;
    String userns = req.userns() == null ? "" : req.userns();
    if (maps && !userns.isEmpty()) {
      throw JpodException.invalid("--userns and --uidmap/--gidmap/--subuidname/--subgidname are mutually exclusive");
    }
    if (maps) {
      List<IdMap> uid = req.subuidname() != null ? subIds(subuid, req.subuidname(), "subuid")
          : parseMaps(req.uidmap(), "UID");
      List<IdMap> gid = req.subgidname() != null ? subIds(subgid, req.subgidname(), "subgid")
          : parseMaps(req.gidmap(), "GID");
      // containers/storage: one side given alone serves for both
      if (uid.isEmpty()) {
        uid = gid;
      } else if (gid.isEmpty()) {
        gid = uid;
      }
      return new IdentityConfig("private", uid, gid, passwdEntry, noPasswd);
    }
    int colon = userns.indexOf(':');
    String kind = colon < 0 ? userns : userns.substring(0, colon);
    String arg = colon < 0 ? "" : userns.substring(colon + 1);
    return switch (kind) {
      case "", "host" -> new IdentityConfig(userns, List.of(), List.of(), passwdEntry, noPasswd);
      case "keep-id", "nomap" -> throw JpodException.invalid(kind + " is only supported in rootless mode");
      case "private" -> throw JpodException.invalid(
          "must provide at least one UID or GID mapping to configure a user namespace");
      case "auto" -> auto(arg, passwdEntry, noPasswd);
      case "ns" -> {
        if (arg.isEmpty() || !Files.exists(Path.of(arg))) {
          throw JpodException.invalid("cannot find specified user namespace path: stat " + arg
              + ": no such file or directory");
        }
        yield new IdentityConfig(userns, List.of(), List.of(), passwdEntry, noPasswd);
      }
      case "container" -> {
        // podman hands the joined container's mappings on, so the root filesystem matches its namespace
        IdentityConfig target = containers.apply(arg);
        yield new IdentityConfig("container:" + target.usernsMode(), target.uidMap(), target.gidMap(),
            passwdEntry, noPasswd);
      }
      default -> throw JpodException.invalid("unrecognized namespace mode " + userns + " passed");
    };
  }

  /** {@code CONTAINER:HOST:SIZE}, each an unsigned 32-bit number; several flags add up. */
  static List<IdMap> parseMaps(List<String> specs, String what) {
    List<IdMap> out = new ArrayList<>();
    for (String spec : specs) {
      for (String one : spec.split(",")) {
        String[] f = one.split(":", -1);
        try {
          if (f.length != 3) {
            throw new NumberFormatException();
          }
          long c = Long.parseLong(f[0]);
          long h = Long.parseLong(f[1]);
          long n = Long.parseLong(f[2]);
          if (c < 0 || h < 0 || n <= 0 || c > 0xffffffffL || h > 0xffffffffL || n > 0xffffffffL) {
            throw new NumberFormatException();
          }
          out.add(new IdMap(c, h, n));
        } catch (NumberFormatException e) {
          throw JpodException.invalid("initializing ID mappings: " + what
              + " setting is malformed expected [\"uint32:uint32:uint32\"]: [\"" + one + "\"]");
        }
      }
    }
    return out;
  }

  /** The ranges /etc/subuid (or subgid) gives {@code user}, mapped from container id 0 upwards. */
  List<IdMap> subIds(Path file, String user, String what) {
    List<IdMap> out = new ArrayList<>();
    long next = 0;
    for (long[] r : ranges(file, user)) {
      out.add(new IdMap(next, r[0], r[1]));
      next += r[1];
    }
    if (out.isEmpty()) {
      throw JpodException.invalid("initializing ID mappings: cannot find mappings for user \"" + user
          + "\": no " + what + " ranges found for user \"" + user + "\" in " + file);
    }
    return out;
  }

  /**
   * {@code auto[:size=N]}: the first {@code size} ids of the "containers" user's subordinate ranges that
   * no other container maps yet; the same block for uids and gids, like containers/storage.
   */
  private IdentityConfig auto(String options, String passwdEntry, boolean noPasswd) {
    long size = AUTO_MIN_SIZE;
    if (!options.isEmpty()) {
      for (String o : options.split(",")) {
        if (o.startsWith("size=")) {
          try {
            size = Long.parseLong(o.substring(5));
          } catch (NumberFormatException e) {
            size = -1;
          }
          if (size <= 0) {
            throw JpodException.invalid("invalid value \"" + o.substring(5) + "\" for size");
          }
        } else {
          throw JpodException.invalid("unknown option specified: \"" + o + "\"");
        }
      }
    }
    List<long[]> uids = ranges(subuid, AUTO_USER);
    List<long[]> gids = ranges(subgid, AUTO_USER);
    if (uids.isEmpty() || gids.isEmpty()) {
      throw JpodException.invalid("creating container storage: could not find enough available IDs"
          + " (no subordinate ranges for user \"" + AUTO_USER + "\" in " + (uids.isEmpty() ? subuid : subgid) + ")");
    }
    List<IdMap> used = usedUids.get();
    for (long[] r : uids) {
      long start = r[0];
      while (start + size <= r[0] + r[1]) {
        long s = start;
        long e = s + size;
        var clash = used.stream().filter(u -> u.hostId() < e && s < u.hostId() + u.size()).findFirst();
        if (clash.isEmpty()) {
          if (!inRanges(gids, s, size)) {
            break;
          }
          var m = List.of(new IdMap(0, s, size));
          return new IdentityConfig("auto", m, m, passwdEntry, noPasswd);
        }
        start = clash.get().hostId() + clash.get().size();
      }
    }
    throw JpodException.invalid("creating container storage: could not find enough available IDs");
  }

  private static boolean inRanges(List<long[]> ranges, long start, long size) {
    return ranges.stream().anyMatch(r -> start >= r[0] && start + size <= r[0] + r[1]);
  }

  /** {@code user:start:count} lines of a subordinate id file for {@code user} (by name). */
  static List<long[]> ranges(Path file, String user) {
    List<long[]> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(file)) {
        String[] f = line.strip().split(":");
        if (f.length == 3 && f[0].equals(user)) {
          try {
            out.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
          } catch (NumberFormatException e) {
            // a malformed line is skipped, as shadow-utils does
          }
        }
      }
    } catch (IOException e) {
      throw JpodException.system("reading " + file + ": " + e.getMessage(), e);
    }
    return out;
  }
}
