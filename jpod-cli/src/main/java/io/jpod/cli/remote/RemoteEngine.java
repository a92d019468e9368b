package io.jpod.cli.remote;

import static io.jpod.cli.remote.LibpodClient.query;
import static io.jpod.cli.remote.LibpodClient.seg;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.api.libpod.SpecGeneratorJson;
import io.jpod.cli.engine.ContainerEngine;
import io.jpod.common.JpodException;
import io.jpod.core.container.ContainerService;
import io.jpod.core.container.ContainerSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The engine behind {@code jpod system service} (or podman's), reached over the libpod API. */
public final class RemoteEngine implements ContainerEngine {
  private final LibpodClient client;

  public RemoteEngine(LibpodClient client) {
    this.client = client;
  }

  @Override
  public boolean remote() {
    return true;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> doc(JsonNode n) {
    return client.json().convertValue(n, Map.class);
  }

  private List<Map<String, Object>> docs(JsonNode n) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (n != null) {
      n.forEach(x -> out.add(doc(x)));
    }
    return out;
  }

  @Override
  public Map<String, Object> serverVersion() {
    return doc(client.get("/version"));
  }

  @Override
  public Map<String, Object> info(String clientVersion) {
    return doc(client.get("/info"));
  }

  @Override
  public List<io.jpod.core.network.Network> networks() {
    List<io.jpod.core.network.Network> out = new ArrayList<>();
    client.get("/networks/json").forEach(n -> out.add(network(n)));
    return out;
  }

  private io.jpod.core.network.Network network(JsonNode doc) {
    return io.jpod.core.network.NetworkJson.parse(doc.toString(), "the service's answer");
  }

  @Override
  public java.util.Optional<io.jpod.core.network.Network> findNetwork(String nameOrId) {
    try {
      return java.util.Optional.of(network(client.get("/networks/" + seg(nameOrId) + "/json")));
    } catch (JpodException e) {
      if (e.kind() == io.jpod.common.ErrorKind.NOT_FOUND) {
        return java.util.Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public io.jpod.core.network.Network createNetwork(io.jpod.core.network.NetworkService.CreateRequest r) {
    if (r.ignoreExisting() && r.name() != null) {
      var existing = findNetwork(r.name());
      if (existing.isPresent()) {
        return existing.get();
      }
    }
    List<Map<String, Object>> subnets = new ArrayList<>();
    for (int i = 0; i < r.subnets().size(); i++) {
      Map<String, Object> s = LibpodClient.map("subnet", r.subnets().get(i));
      if (i < r.gateways().size()) {
        s.put("gateway", r.gateways().get(i));
      }
      if (i < r.ipRanges().size()) {
        s.put("lease_range", LibpodClient.map("start_ip", r.ipRanges().get(i)));
      }
      subnets.add(s);
    }
    Map<String, Object> body = LibpodClient.map("name", r.name() == null ? "" : r.name(), "driver", r.driver(),
        "subnets", subnets, "internal", r.internal(), "labels", r.labels(), "options", r.options(),
        "dns_enabled", !r.disableDns());
    return network(client.post("/networks/create", body));
  }

  @Override
  public String removeNetwork(String nameOrId, boolean force, Integer timeoutSeconds) {
    JsonNode r = client.call("DELETE", "/networks/" + seg(nameOrId) + query("force", force, "timeout", timeoutSeconds), null);
    JsonNode first = r != null && r.isArray() && !r.isEmpty() ? r.get(0) : r;
    if (first != null && first.hasNonNull("Err") && !first.get("Err").asText().isEmpty()) {
      throw JpodException.conflict(first.get("Err").asText());
    }
    return first != null && first.hasNonNull("Name") ? first.get("Name").asText() : nameOrId;
  }

  @Override
  public void connectNetwork(String container, String network, List<String> aliases, String ip, String ip6, String mac) {
    var ips = new java.util.ArrayList<String>();
    if (ip != null) {
      ips.add(ip);
    }
    if (ip6 != null) {
      ips.add(ip6);
    }
    client.post("/networks/" + seg(network) + "/connect", LibpodClient.map("container", container, "aliases", aliases,
        "static_ips", ips, "static_mac", mac));
  }

  @Override
  public void disconnectNetwork(String container, String network, boolean force) {
    client.post("/networks/" + seg(network) + "/disconnect", LibpodClient.map("Container", container, "Force", force));
  }

  @Override
  public String createVolume(io.jpod.core.volume.VolumeService.CreateRequest r) {
    return client.post("/volumes/create", LibpodClient.map("Name", r.name() == null ? "" : r.name(), "Driver", r.driver(),
        "Labels", r.labels(), "Options", r.options())).path("Name").asText();
  }

  @Override
  public List<Map<String, Object>> volumes(List<String> filters) {
    return docs(client.get("/volumes/json" + filterQuery(filters)));
  }

  /** CLI filters (key=value) as the API's {@code filters} JSON map of lists. */
  private String filterQuery(List<String> filters) {
    if (filters.isEmpty()) {
      return "";
    }
    Map<String, List<String>> m = new java.util.LinkedHashMap<>();
    for (String f : filters) {
      int eq = f.indexOf('=');
      if (eq < 0) {
        throw JpodException.invalid("invalid filter \"" + f + "\"");
      }
      m.computeIfAbsent(f.substring(0, eq), k -> new ArrayList<>()).add(f.substring(eq + 1));
    }
    try {
      return query("filters", client.json().writeValueAsString(m));
    } catch (IOException e) {
      throw JpodException.system("encoding filters: " + e.getMessage());
    }
  }

  @Override
  public Map<String, Object> inspectVolume(String name) {
    return doc(client.get("/volumes/" + seg(name) + "/json"));
  }

  @Override
  public void removeVolume(String name, boolean force, Integer timeoutSeconds) {
    client.call("DELETE", "/volumes/" + seg(name) + query("force", force, "timeout", timeoutSeconds), null);
  }

  @Override
  public List<String> pruneVolumes(List<String> filters) {
    List<String> out = new ArrayList<>();
    client.post("/volumes/prune" + filterQuery(filters), null).forEach(r -> out.add(r.path("Id").asText()));
    return out;
  }

  @Override
  public String createPod(io.jpod.core.pod.PodSpec s) {
    Map<String, Object> body = LibpodClient.map("name", s.name().orElse(""), "labels", s.labels(),
        "hostname", s.hostname().orElse(""), "shared_namespaces", s.share().map(x -> List.of(x.split(","))).orElse(null),
        "no_infra", !s.infra(), "infra_image", s.infraImage().orElse(null), "exit_policy", s.exitPolicy(),
        "pod_create_command", s.createCommand());
    return client.post("/pods/create", body).path("Id").asText();
  }

  @Override
  public List<Map<String, Object>> pods() {
    return docs(client.get("/pods/json"));
  }

  @Override
  public Map<String, Object> inspectPod(String nameOrId) {
    return doc(client.get("/pods/" + seg(nameOrId) + "/json"));
  }

  @Override
  public String startPod(String nameOrId) {
    return podReport(client.post("/pods/" + seg(nameOrId) + "/start", null));
  }

  @Override
  public String stopPod(String nameOrId, Integer timeoutSeconds) {
    return podReport(client.post("/pods/" + seg(nameOrId) + "/stop" + query("t", timeoutSeconds), null));
  }

  @Override
  public String removePod(String nameOrId, boolean force, Integer timeoutSeconds) {
    return podReport(client.call("DELETE", "/pods/" + seg(nameOrId) + query("force", force, "timeout", timeoutSeconds), null));
  }

  /** A pod report's id; its first member error as the failure. */
  private static String podReport(JsonNode r) {
    for (String errs : List.of("Errs", "Err")) {
      JsonNode e = r == null ? null : r.get(errs);
      if (e != null && e.isArray() && !e.isEmpty()) {
        throw JpodException.system(e.get(0).asText());
      }
      if (e != null && e.isTextual() && !e.asText().isEmpty()) {
        throw JpodException.system(e.asText());
      }
    }
    return r == null ? "" : r.path("Id").asText();
  }

  @Override
  public String create(ContainerSpec spec) {
    return client.post("/containers/create", SpecGeneratorJson.fromSpec(spec)).path("Id").asText();
  }

  @Override
  public void start(String nameOrId) {
    client.post("/containers/" + seg(nameOrId) + "/start", null);
  }

  @Override
  public boolean stop(String nameOrId, Integer timeoutSeconds) {
    try {
      client.post("/containers/" + seg(nameOrId) + "/stop" + query("timeout", timeoutSeconds), null);
      return true;
    } catch (JpodException e) {
      if (e.kind() == io.jpod.common.ErrorKind.NOT_MODIFIED) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void kill(String nameOrId, int signal) {
    client.post("/containers/" + seg(nameOrId) + "/kill" + query("signal", signal), null);
  }

  @Override
  public void remove(String nameOrId, boolean force, Integer timeoutSeconds, boolean volumes) {
    client.call("DELETE", "/containers/" + seg(nameOrId) + query("force", force, "v", volumes, "timeout", timeoutSeconds), null);
  }

  @Override
  public int await(String nameOrId) {
    return client.post("/containers/" + seg(nameOrId) + "/wait", null).asInt();
  }

  @Override
  public ContainerService.AttachResult startAttached(String id, boolean tty, ContainerService.Streams streams) {
    boolean stdin = streams.in() != null;
    try (HttpExchange attach = client.open("POST", "/containers/" + seg(id) + "/attach"
        + query("stream", true, "stdout", true, "stderr", true, "stdin", stdin), null, true)) {
      start(id);
      try (WindowWatch w = tty ? watchWindow("/containers/" + seg(id) + "/resize") : null) {
        relay(attach, tty, streams);
      }
    }
    return new ContainerService.AttachResult(await(id), false);
  }

  @Override
  public int exec(String nameOrId, Exec e, ContainerService.Streams streams) {
    Map<String, Object> body = LibpodClient.map("AttachStdin", e.interactive() && !e.detach(), "AttachStdout", !e.detach(),
        "AttachStderr", !e.detach(), "Cmd", e.command(), "Env", e.env(), "Tty", e.tty(), "WorkingDir", e.workDir(),
        "User", e.user(), "Privileged", e.privileged());
    String execId = client.post("/containers/" + seg(nameOrId) + "/exec", body).path("Id").asText();
    if (e.detach()) {
      client.post("/exec/" + execId + "/start", LibpodClient.map("Detach", true, "Tty", e.tty()));
      return 0;
    }
    try (HttpExchange start = client.open("POST", "/exec/" + execId + "/start", LibpodClient.map("Detach", false, "Tty", e.tty()), true);
        WindowWatch w = e.tty() ? watchWindow("/exec/" + execId + "/resize") : null) {
      relay(start, e.tty(), streams);
    }
    return client.get("/exec/" + execId + "/json").path("ExitCode").asInt();
  }

  /** Undoes {@link #watchWindow}. */
  private interface WindowWatch extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Sends the terminal's size to {@code resizePath} now and on every SIGWINCH until closed, as podman's
   * client does for a tty session; nothing when neither stdout nor stdin is a terminal.
   */
  private WindowWatch watchWindow(String resizePath) {
    if (!io.jpod.sys.Terminal.isatty(1) && !io.jpod.sys.Terminal.isatty(0)) {
      return () -> { };
    }
    sendWindowSize(resizePath);
    sun.misc.Signal winch = new sun.misc.Signal("WINCH");
    sun.misc.SignalHandler previous;
    try {
      previous = sun.misc.Signal.handle(winch, sig -> Thread.ofVirtual().start(() -> sendWindowSize(resizePath)));
    } catch (IllegalArgumentException e) {
      return () -> { }; // the JVM keeps the signal for itself: the first size has to do
    }
    return () -> sun.misc.Signal.handle(winch, previous);
  }

  private void sendWindowSize(String resizePath) {
    io.jpod.sys.Terminal.windowSize(1).or(() -> io.jpod.sys.Terminal.windowSize(0)).ifPresent(ws -> {
      try {
        client.post(resizePath + query("h", ws.rows(), "w", ws.cols()), null);
      } catch (JpodException e) {
        // the session may have ended meanwhile; a stale size is not worth failing for
      }
    });
  }

  /** Copies stdin to the service (when given) and the service's output to the caller until it ends. */
  private static void relay(HttpExchange ex, boolean tty, ContainerService.Streams streams) {
    if (streams.in() != null) {
      Thread.ofVirtual().name("jpod-remote-stdin").start(() -> {
        try {
          streams.in().transferTo(ex.rawOutput());
        } catch (IOException e) {
          // the session ended first
        }
        ex.shutdownOutput();
      });
    }
    try {
      if (tty) {
        copyRaw(ex.body(), streams.out());
      } else {
        demux(ex.body(), streams.out(), streams.err());
      }
    } catch (IOException e) {
      // the service closed the stream: the session is over
    }
  }

  private static void copyRaw(InputStream in, OutputStream out) throws IOException {
    byte[] buf = new byte[8192];
    for (int n; (n = in.read(buf)) >= 0; ) {
      out.write(buf, 0, n);
      out.flush();
    }
  }

  /** Docker's multiplexed frames: 8-byte header (stream, 0, 0, 0, big-endian length) then the payload. */
  static void demux(InputStream in, OutputStream out, OutputStream err) throws IOException {
    byte[] head = new byte[8];
    while (in.readNBytes(head, 0, 8) == 8) {
      int len = ((head[4] & 0xff) << 24) | ((head[5] & 0xff) << 16) | ((head[6] & 0xff) << 8) | (head[7] & 0xff);
      byte[] payload = in.readNBytes(len);
      switch (head[0]) {
        case 2 -> { err.write(payload); err.flush(); }
        case 3 -> throw JpodException.system(new String(payload, StandardCharsets.UTF_8).strip());
        default -> { out.write(payload); out.flush(); }
      }
    }
  }

  @Override
  public void logs(String nameOrId, boolean follow, int tail, boolean timestamps, OutputStream out, OutputStream err) {
    logs(nameOrId, follow, tail, timestamps, null, null, out, err);
  }

  @Override
  public void logs(String nameOrId, boolean follow, int tail, boolean timestamps, java.time.Instant since,
      java.time.Instant until, OutputStream out, OutputStream err) {
    try (HttpExchange ex = client.open("GET", "/containers/" + seg(nameOrId) + "/logs" + query("stdout", true, "stderr", true,
        "follow", follow, "tail", tail < 0 ? "all" : String.valueOf(tail), "timestamps", timestamps,
        "since", since == null ? null : since.toString(), "until", until == null ? null : until.toString()), null, false)) {
      demux(ex.body(), out, err);
    } catch (IOException e) {
      throw JpodException.system("reading logs: " + e.getMessage());
    }
  }

  @Override
  public void pause(String nameOrId) {
    client.post("/containers/" + seg(nameOrId) + "/pause", null);
  }

  @Override
  public void unpause(String nameOrId) {
    client.post("/containers/" + seg(nameOrId) + "/unpause", null);
  }

  @Override
  public void restart(String nameOrId, Integer timeoutSeconds) {
    client.post("/containers/" + seg(nameOrId) + "/restart" + query("t", timeoutSeconds), null);
  }

  @Override
  public void rename(String nameOrId, String newName) {
    client.post("/containers/" + seg(nameOrId) + "/rename" + query("name", newName), null);
  }

  @Override
  public int await(String nameOrId, List<String> conditions) {
    StringBuilder q = new StringBuilder();
    for (String c : conditions) {
      q.append(q.isEmpty() ? '?' : '&').append("condition=").append(seg(c));
    }
    return client.post("/containers/" + seg(nameOrId) + "/wait" + q, null).asInt();
  }

  @Override
  public List<List<String>> top(String nameOrId, List<String> descriptors) {
    JsonNode r = client.get("/containers/" + seg(nameOrId) + "/top"
        + query("ps_args", descriptors.isEmpty() ? null : String.join(",", descriptors)));
    List<List<String>> rows = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    r.path("Titles").forEach(t -> titles.add(t.asText()));
    rows.add(titles);
    r.path("Processes").forEach(p -> {
      List<String> row = new ArrayList<>();
      p.forEach(c -> row.add(c.asText()));
      rows.add(row);
    });
    return rows;
  }

  @Override
  public List<Map<String, Object>> containers(boolean all) {
    return docs(client.get("/containers/json" + query("all", all)));
  }

  @Override
  public Map<String, Object> inspectContainer(String nameOrId) {
    return doc(client.get("/containers/" + seg(nameOrId) + "/json"));
  }

  @Override
  public Map<String, Object> inspectImage(String ref) {
    return doc(client.get("/images/" + seg(ref) + "/json"));
  }

  @Override
  public List<Map<String, Object>> images(boolean all) {
    return docs(client.get("/images/json" + query("all", all)));
  }

  @Override
  public boolean imageExists(String ref) {
    return client.exists("/images/" + seg(ref) + "/exists");
  }

  @Override
  public String pull(String ref, Boolean tlsVerify, PrintStream progress) {
    try (HttpExchange ex = client.open("POST", "/images/pull" + query("reference", ref, "policy", "always",
        "tlsVerify", tlsVerify, "quiet", progress == null), null, false)) {
      BufferedReader r = new BufferedReader(new InputStreamReader(ex.body(), StandardCharsets.UTF_8));
      String id = null;
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = client.json().readTree(line);
        if (n.hasNonNull("error")) {
          throw JpodException.system(n.get("error").asText());
        }
        if (n.hasNonNull("stream") && progress != null) {
          progress.print(n.get("stream").asText());
          progress.flush();
        }
        if (n.hasNonNull("id")) {
          id = n.get("id").asText();
        }
      }
      if (id == null) {
        throw JpodException.system("pulling " + ref + ": the service sent no image id");
      }
      return id;
    } catch (IOException e) {
      throw JpodException.system("pulling " + ref + ": " + e.getMessage());
    }
  }

  @Override
  public List<String> removeImage(String ref, boolean force) {
    JsonNode r = client.call("DELETE", "/images/" + seg(ref) + query("force", force), null);
    if (r.path("Errors").size() > 0) {
      throw JpodException.conflict(r.path("Errors").get(0).asText());
    }
    List<String> out = new ArrayList<>();
    r.path("Untagged").forEach(u -> out.add("Untagged: " + u.asText()));
    r.path("Deleted").forEach(d -> out.add("Deleted: " + d.asText()));
    return out;
  }
}
