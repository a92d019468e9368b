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
      relay(attach, tty, streams);
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
    try (HttpExchange start = client.open("POST", "/exec/" + execId + "/start", LibpodClient.map("Detach", false, "Tty", e.tty()), true)) {
      relay(start, e.tty(), streams);
    }
    return client.get("/exec/" + execId + "/json").path("ExitCode").asInt();
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
    try (HttpExchange ex = client.open("GET", "/containers/" + seg(nameOrId) + "/logs" + query("stdout", true, "stderr", true,
        "follow", follow, "tail", tail < 0 ? "all" : String.valueOf(tail), "timestamps", timestamps), null, false)) {
      demux(ex.body(), out, err);
    } catch (IOException e) {
      throw JpodException.system("reading logs: " + e.getMessage());
    }
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
