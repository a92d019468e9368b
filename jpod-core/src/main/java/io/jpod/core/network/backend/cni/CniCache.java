package io.jpod.core.network.backend.cni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * libcni's result cache ({@code /var/lib/cni/results/<network>-<container id>-<ifname>}, kind
 * cniCacheV1): the config list, arguments and result of each ADD, so DEL undoes exactly what ADD did
 * even after the definition changed. jpod writes the entry before the ADD runs, so a jpod killed
 * half-way still leaves the means to undo it.
 */
public final class CniCache {
  private final Path dir;

  public CniCache(Path dir) {
    this.dir = dir;
  }

  public static CniCache system() {
    return new CniCache(Path.of("/var/lib/cni/results"));
  }

  /**
   * One entry. {@code netns} is jpod's addition (libcni readers ignore it): a DEL after a crash needs
   * the namespace, still there, to find the addresses whose masquerade rules the bridge plugin removes.
   */
  public record Entry(String containerId, String networkName, String ifName, String config, String cniArgs,
      JsonNode capabilityArgs, JsonNode result, String netns) {}

  public void write(Entry e) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("kind", "cniCacheV1");
    o.put("containerId", e.containerId());
    o.put("config", Base64.getEncoder().encodeToString(e.config().getBytes(StandardCharsets.UTF_8)));
    o.put("ifName", e.ifName());
    o.put("networkName", e.networkName());
    var args = o.putArray("cniArgs");
    for (String kv : e.cniArgs().split(";")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        args.addArray().add(kv.substring(0, eq)).add(kv.substring(eq + 1));
      }
    }
    o.set("capabilityArgs", e.capabilityArgs());
    if (e.result() != null) {
      o.set("result", e.result());
    }
    if (e.netns() != null && !e.netns().isEmpty()) {
      o.put("netns", e.netns());
    }
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".cache", ".tmp");
      Files.writeString(tmp, o.toString());
      Files.move(tmp, file(e.networkName(), e.containerId(), e.ifName()), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException ex) {
      throw JpodException.system("writing CNI cache: " + ex.getMessage(), ex);
    }
  }

  /** The container's entries, on {@code network} only unless null. */
  public List<Entry> entries(String containerId, String network) {
    List<Entry> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.filter(p -> p.getFileName().toString().contains("-" + containerId + "-")).sorted().toList()) {
        Entry e = read(f);
        if (e != null && e.containerId().equals(containerId) && (network == null || e.networkName().equals(network))) {
          out.add(e);
        }
      }
    } catch (IOException ex) {
      throw JpodException.system("reading CNI cache: " + ex.getMessage(), ex);
    }
    return out;
  }

  public void remove(Entry e) {
    try {
      Files.deleteIfExists(file(e.networkName(), e.containerId(), e.ifName()));
    } catch (IOException ex) {
      throw JpodException.system("removing CNI cache entry: " + ex.getMessage(), ex);
    }
  }

  private static Entry read(Path f) {
    try {
      JsonNode o = Json.mapper().readTree(Files.readString(f));
      List<String> kv = new ArrayList<>();
      for (JsonNode a : o.path("cniArgs")) {
        kv.add(a.path(0).asText() + "=" + a.path(1).asText());
      }
      JsonNode result = o.get("result");
      return new Entry(o.path("containerId").asText(), o.path("networkName").asText(), o.path("ifName").asText(),
          new String(Base64.getDecoder().decode(o.path("config").asText()), StandardCharsets.UTF_8), String.join(";", kv),
          o.path("capabilityArgs"), result == null || result.isNull() ? null : result, o.path("netns").asText(""));
    } catch (IOException | IllegalArgumentException e) {
      return null; // half-written by someone else, or not libcni's: not ours to undo
    }
  }

  private Path file(String network, String containerId, String ifName) {
    return dir.resolve(network + "-" + containerId + "-" + ifName);
  }
}
