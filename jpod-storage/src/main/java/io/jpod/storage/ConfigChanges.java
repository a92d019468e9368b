package io.jpod.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Applies Dockerfile-style {@code --change} instructions (CMD, ENV, …) to an image config, as podman import/commit do. */
public final class ConfigChanges {
  private final ObjectMapper mapper;

  public ConfigChanges(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** {@code base} with every change applied in order. */
  public ImageConfig.Config apply(ImageConfig.Config base, List<String> changes) {
    ImageConfig.Config c = base == null ? ImageConfig.Config.empty() : base;
    for (String change : changes) {
      c = applyOne(c, change);
    }
    return c;
  }

  private ImageConfig.Config applyOne(ImageConfig.Config c, String change) {
    String trimmed = change.trim();
    String[] split = trimmed.split("\\s+", 2);
    if (split.length != 2) {
      split = trimmed.split("=", 2);
      if (split.length != 2) {
        throw JpodException.invalid("invalid change \"" + change + "\" - must be formatted as KEY VALUE");
      }
    }
    String key = split[0].trim().toUpperCase(Locale.ROOT);
    String value = split[1].trim();
    return switch (key) {
      case "CMD" -> new ImageConfig.Config(c.user(), c.exposedPorts(), c.env(), c.entrypoint(),
          command(value), c.volumes(), c.workingDir(), c.labels(), c.stopSignal());
      case "ENTRYPOINT" -> new ImageConfig.Config(c.user(), c.exposedPorts(), c.env(), command(value),
          c.cmd(), c.volumes(), c.workingDir(), c.labels(), c.stopSignal());
      case "ENV" -> new ImageConfig.Config(c.user(), c.exposedPorts(), env(c.env(), change, value),
          c.entrypoint(), c.cmd(), c.volumes(), c.workingDir(), c.labels(), c.stopSignal());
      case "WORKDIR" -> new ImageConfig.Config(c.user(), c.exposedPorts(), c.env(), c.entrypoint(),
          c.cmd(), c.volumes(), workdir(c.workingDir(), value), c.labels(), c.stopSignal());
      case "USER" -> new ImageConfig.Config(value, c.exposedPorts(), c.env(), c.entrypoint(), c.cmd(),
          c.volumes(), c.workingDir(), c.labels(), c.stopSignal());
      case "EXPOSE" -> new ImageConfig.Config(c.user(), expose(c.exposedPorts(), value), c.env(),
          c.entrypoint(), c.cmd(), c.volumes(), c.workingDir(), c.labels(), c.stopSignal());
      case "LABEL" -> new ImageConfig.Config(c.user(), c.exposedPorts(), c.env(), c.entrypoint(),
          c.cmd(), c.volumes(), c.workingDir(), labels(c.labels(), change, value), c.stopSignal());
      case "STOPSIGNAL" -> new ImageConfig.Config(c.user(), c.exposedPorts(), c.env(), c.entrypoint(),
          c.cmd(), c.volumes(), c.workingDir(), c.labels(), value);
      case "VOLUME" -> new ImageConfig.Config(c.user(), c.exposedPorts(), c.env(), c.entrypoint(),
          c.cmd(), volumes(c.volumes(), value), c.workingDir(), c.labels(), c.stopSignal());
      default -> throw JpodException.invalid(
          "invalid change \"" + change + "\" - invalid instruction " + key);
    };
  }

  /** Exec form (a JSON array) as is; shell form wrapped in {@code /bin/sh -c}. */
  private List<String> command(String value) {
    List<String> array = jsonArray(value);
    return array != null ? array : List.of("/bin/sh", "-c", value);
  }

  private List<String> jsonArray(String value) {
    if (!value.startsWith("[")) {
      return null;
    }
    try {
      return List.of(mapper.readValue(value, String[].class));
    } catch (Exception e) {
      return null;
    }
  }

  private static List<String> env(List<String> env, String change, String value) {
    Map<String, String> pairs = pairs(change, value, "ENV");
    List<String> out = new ArrayList<>(env == null ? List.of() : env);
    pairs.forEach((k, v) -> {
      out.removeIf(e -> e.equals(k) || e.startsWith(k + "="));
      out.add(k + "=" + v);
    });
    return out;
  }

  private static Map<String, String> labels(Map<String, String> labels, String change, String value) {
    Map<String, String> out = new LinkedHashMap<>(labels == null ? Map.of() : labels);
    out.putAll(pairs(change, value, "LABEL"));
    return out;
  }

  /** {@code k=v [k2=v2…]} (values may be double-quoted) or the legacy {@code k v} form. */
  private static Map<String, String> pairs(String change, String value, String instr) {
    Map<String, String> out = new LinkedHashMap<>();
    String[] kv = value.split("\\s+", 2);
    if (!kv[0].contains("=")) {
      if (kv.length < 2) {
        throw JpodException.invalid("invalid change \"" + change + "\" - must provide a value to " + instr);
      }
      out.put(kv[0], unquote(kv[1]));
      return out;
    }
    for (String token : tokens(value)) {
      int eq = token.indexOf('=');
      if (eq <= 0) {
        throw JpodException.invalid("invalid change \"" + change + "\" - " + instr
            + " must be KEY=VALUE, got \"" + token + "\"");
      }
      out.put(token.substring(0, eq), unquote(token.substring(eq + 1)));
    }
    return out;
  }

  /** Whitespace-separated tokens, keeping whitespace inside double quotes. */
  private static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (char ch : s.toCharArray()) {
      if (ch == '"') {
        quoted = !quoted;
      }
      if (Character.isWhitespace(ch) && !quoted) {
        if (!cur.isEmpty()) {
          out.add(cur.toString());
          cur.setLength(0);
        }
      } else {
        cur.append(ch);
      }
    }
    if (!cur.isEmpty()) {
      out.add(cur.toString());
    }
    return out;
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }

  private static String workdir(String current, String value) {
    if (value.startsWith("/") || current == null || current.isEmpty()) {
      return value.startsWith("/") ? value : "/" + value;
    }
    return current.endsWith("/") ? current + value : current + "/" + value;
  }

  private static Map<String, Map<String, Object>> expose(Map<String, Map<String, Object>> ports,
      String value) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>(ports == null ? Map.of() : ports);
    for (String p : value.split("\\s+")) {
      out.put(p.contains("/") ? p : p + "/tcp", Map.of());
    }
    return out;
  }

  private Map<String, Map<String, Object>> volumes(Map<String, Map<String, Object>> vols, String value) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>(vols == null ? Map.of() : vols);
    List<String> array = jsonArray(value);
    for (String v : array != null ? array : List.of(value.split("\\s+"))) {
      out.put(v, Map.of());
    }
    return out;
  }
}
