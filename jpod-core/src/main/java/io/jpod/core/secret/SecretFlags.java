package io.jpod.core.secret;

import io.jpod.common.JpodException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code --secret NAME[,type=mount|env][,target=...][,uid=N,gid=N,mode=0NNN]} (also
 * {@code source=NAME}) with podman's rules and errors, before any secret is looked up.
 */
public final class SecretFlags {
  /** podman's default file mode for a mounted secret, 0444. */
  public static final int DEFAULT_MODE = 0444;
  public static final String SECRETS_DIR = "/run/secrets";

  private SecretFlags() {}

  /** One parsed value; {@code target} is as typed (empty: the secret's name). */
  public record Request(String source, String type, String target, int uid, int gid, int mode) {

    /** The use of {@code secret}, with the mount target made absolute as podman does. */
    SecretUse resolve(Secret secret) {
      if (type.equals("env")) {
        return new SecretUse(secret.name(), secret.id(), type, target.isEmpty() ? source : target, 0, 0, 0);
      }
      String dest = target.isEmpty() ? secret.name() : target;
      String abs = Path.of(SECRETS_DIR).resolve(dest).normalize().toString();
      return new SecretUse(secret.name(), secret.id(), type, abs, uid, gid, mode);
    }
  }

  /**
   * The values in order; env secrets with the same variable keep the last one, in the place of the first
   * (podman keeps them in a map).
   */
  public static List<Request> parse(List<String> values) {
    List<Request> mounts = new ArrayList<>();
    Map<String, Request> envs = new LinkedHashMap<>();
    for (String value : values) {
      Request r = parseOne(value);
      if (r.type().equals("env")) {
        envs.put(r.target().isEmpty() ? r.source() : r.target(), r);
      } else {
        mounts.add(r);
      }
    }
    List<Request> out = new ArrayList<>(mounts);
    out.addAll(envs.values());
    return out;
  }

  static Request parseOne(String value) {
    String[] split = value.split(",", -1);
    if (split.length == 1) {
      return new Request(value, "mount", "", 0, 0, DEFAULT_MODE);
    }
    String source = "";
    String type = "";
    String target = "";
    int uid = 0;
    int gid = 0;
    int mode = DEFAULT_MODE;
    boolean mountOnly = false;
    int first = 0;
    if (!split[0].contains("=")) {
      source = split[0];
      first = 1;
    }
    for (int i = first; i < split.length; i++) {
      String opt = split[i];
      int eq = opt.indexOf('=');
      if (eq < 0) {
        throw parseError("option " + opt + " must be in form option=value");
      }
      String key = opt.substring(0, eq);
      String val = opt.substring(eq + 1);
      switch (key) {
        case "source" -> source = val;
        case "type" -> {
          if (!type.isEmpty()) {
            throw parseError("cannot set more than one secret type");
          }
          if (!val.equals("mount") && !val.equals("env")) {
            throw parseError("type " + val + " is invalid");
          }
          type = val;
        }
        case "target" -> target = val;
        case "mode" -> {
          mountOnly = true;
          mode = (int) unsigned(val, 8, "mode " + val + " invalid");
        }
        case "uid", "UID" -> {
          mountOnly = true;
          uid = (int) unsigned(val, 10, "UID " + val + " invalid");
        }
        case "gid", "GID" -> {
          mountOnly = true;
          gid = (int) unsigned(val, 10, "GID " + val + " invalid");
        }
        default -> throw parseError("option " + opt + " invalid");
      }
    }
    if (type.isEmpty()) {
      type = "mount";
    }
    if (source.isEmpty()) {
      throw parseError("no source found " + value);
    }
    if (type.equals("env") && mountOnly) {
      throw parseError("UID, GID, Mode options cannot be set with secret type env");
    }
    return new Request(source, type, target, uid, gid, mode);
  }

  /** Go's strconv.ParseUint(s, base, 32). */
  private static long unsigned(String s, int base, String error) {
    try {
      if (s.isEmpty() || s.startsWith("+") || s.startsWith("-")) {
        throw new NumberFormatException();
      }
      long v = Long.parseLong(s, base);
      if (v > 0xFFFFFFFFL) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw parseError(error);
    }
  }

  private static JpodException parseError(String message) {
    return JpodException.invalid(message + ": parsing secret");
  }
}
