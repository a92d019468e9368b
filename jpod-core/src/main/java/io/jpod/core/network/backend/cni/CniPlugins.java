package io.jpod.core.network.backend.cni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The CNI protocol (spec 0.4.0) as libcni speaks it: each plugin of a list is executed with {@code
 * CNI_COMMAND}, {@code CNI_CONTAINERID}, {@code CNI_NETNS}, {@code CNI_IFNAME}, {@code CNI_ARGS} and
 * {@code CNI_PATH}, its configuration on stdin with the list's name and version, the previous plugin's
 * result and the requested capabilities injected; the result, or an error object, comes on stdout.
 */
public final class CniPlugins {
  private final List<String> dirs;

  public CniPlugins(List<String> dirs) {
    this.dirs = List.copyOf(dirs);
  }

  /** What a command needs besides the network config. */
  public record Call(String containerId, String netns, String ifName, String args, Map<String, Object> capabilities) {
    public Call {
      capabilities = Map.copyOf(capabilities);
    }
  }

  /** ADD through the list in order, each result chained into the next plugin; the last result. */
  public JsonNode add(JsonNode confList, Call call) {
    JsonNode prev = null;
    for (JsonNode plugin : confList.path("plugins")) {
      prev = run("ADD", confList, plugin, call, prev);
    }
    return prev;
  }

  /** DEL through the list in reverse, each plugin given the cached result of the ADD (if any). */
  public void del(JsonNode confList, Call call, JsonNode cachedResult) {
    JsonNode plugins = confList.path("plugins");
    JpodException first = null;
    for (int i = plugins.size() - 1; i >= 0; i--) {
      try {
        run("DEL", confList, plugins.get(i), call, cachedResult);
      } catch (JpodException e) {
        // the remaining plugins still hold their part (rules, addresses): undo them anyway
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** One plugin run; its result, or null for DEL. */
  JsonNode run(String command, JsonNode confList, JsonNode plugin, Call call, JsonNode prevResult) {
    String type = plugin.path("type").asText("");
    ObjectNode conf = ((ObjectNode) plugin).deepCopy();
    conf.put("name", confList.path("name").asText());
    conf.put("cniVersion", confList.path("cniVersion").asText(CniConfList.CNI_VERSION));
    if (prevResult != null && !prevResult.isNull()) {
      conf.set("prevResult", prevResult);
    }
    ObjectNode rc = Json.mapper().createObjectNode();
    plugin.path("capabilities").fields().forEachRemaining(c -> {
      if (c.getValue().asBoolean(false) && call.capabilities().containsKey(c.getKey())) {
        rc.set(c.getKey(), Json.mapper().valueToTree(call.capabilities().get(c.getKey())));
      }
    });
    if (!rc.isEmpty()) {
      conf.set("runtimeConfig", rc);
    }
    Path bin = find(type);
    String out = exec(bin, command, call, conf.toString(), type);
    if (command.equals("DEL") || out.isBlank()) {
      return null;
    }
    try {
      return Json.mapper().readTree(out);
    } catch (IOException e) {
      throw JpodException.system("plugin type=\"" + type + "\": cannot parse its result: " + e.getMessage());
    }
  }

  /** A plugin binary by type, from the plugin dirs in order (libcni's wording when missing). */
  Path find(String type) {
    for (String d : dirs) {
      Path p = Path.of(d, type);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw JpodException.system("failed to find plugin \"" + type + "\" in path " + dirs);
  }

  private String exec(Path bin, String command, Call call, String stdin, String type) {
    ProcessBuilder pb = new ProcessBuilder(bin.toString());
    Map<String, String> env = pb.environment();
    env.put("CNI_COMMAND", command);
    env.put("CNI_CONTAINERID", call.containerId());
    env.put("CNI_NETNS", call.netns() == null ? "" : call.netns());
    env.put("CNI_IFNAME", call.ifName());
    env.put("CNI_ARGS", call.args());
    env.put("CNI_PATH", String.join(":", dirs));
    pb.redirectError(ProcessBuilder.Redirect.PIPE);
    try {
      Process p = pb.start();
      CompletableFuture<byte[]> err = new CompletableFuture<>();
      Thread.ofVirtual().start(() -> {
        try {
          err.complete(p.getErrorStream().readAllBytes());
        } catch (IOException e) {
          err.complete(new byte[0]);
        }
      });
      try (var in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int rc = p.waitFor();
      if (rc != 0) {
        String msg = errorMessage(out, new String(err.join(), StandardCharsets.UTF_8));
        throw JpodException.system("plugin type=\"" + type + "\" failed (" + command.toLowerCase() + "): " + msg);
      }
      return out;
    } catch (IOException e) {
      throw JpodException.system("plugin type=\"" + type + "\": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw JpodException.system("plugin type=\"" + type + "\": interrupted");
    }
  }

  /** A plugin's error object ({"code": 7, "msg": "...", "details": "..."}) as libcni prints it. */
  static String errorMessage(String out, String err) {
    try {
      JsonNode e = Json.mapper().readTree(out);
      if (e != null && e.has("msg")) {
        String details = e.path("details").asText("");
        return e.path("msg").asText() + (details.isEmpty() ? "" : "; " + details);
      }
    } catch (IOException ignored) {
      // not an error object: fall back to what it printed
    }
    String all = (out + "\n" + err).strip();
    String[] lines = all.split("\n");
    return lines.length == 0 || lines[lines.length - 1].isBlank() ? "exit status 1" : lines[lines.length - 1].strip();
  }
}
