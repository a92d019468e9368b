package io.jpod.api.libpod;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.api.http.Exchange;
import io.jpod.api.http.Route;
import io.jpod.core.Libpod;
import io.jpod.core.network.NetworkRequest;
import io.jpod.core.pod.PodRecord;
import io.jpod.core.pod.PodSpec;
import io.jpod.sys.Processes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** libpod's pod endpoints: create from podman's PodSpecGenerator, the lifecycle with podman's reports, ps and inspect. */
final class PodRoutes {
  private final Libpod libpod;
  private final LibpodViews views;

  PodRoutes(Libpod libpod, LibpodViews views) {
    this.libpod = libpod;
    this.views = views;
  }

  List<Route> routes() {
    return List.of(
        Route.of("GET", "/libpod/pods/json", ex -> ex.json(200, views.pods())),
        Route.of("POST", "/libpod/pods/create", this::create),
        Route.of("GET", "/libpod/pods/{name}/exists", ex -> { libpod.pods().lookup(ex.param("name")); ex.status(204); }),
        Route.of("GET", "/libpod/pods/{name}/json", ex -> ex.json(200, views.podInspect(ex.param("name")))),
        Route.of("POST", "/libpod/pods/{name}/start", ex -> report(ex, n -> libpod.pods().start(n))),
        Route.of("POST", "/libpod/pods/{name}/stop", ex -> report(ex, n -> libpod.pods().stop(n, ex.integer("t")))),
        Route.of("POST", "/libpod/pods/{name}/restart", ex -> report(ex, n -> libpod.pods().restart(n, ex.integer("t")))),
        Route.of("POST", "/libpod/pods/{name}/pause", ex -> report(ex, n -> libpod.pods().pause(n))),
        Route.of("POST", "/libpod/pods/{name}/unpause", ex -> report(ex, n -> libpod.pods().unpause(n))),
        Route.of("POST", "/libpod/pods/{name}/kill", ex -> report(ex, n -> libpod.pods().kill(n, signal(ex.query("signal"))))),
        Route.of("DELETE", "/libpod/pods/{name}", this::remove));
  }

  private static int signal(String s) {
    if (s == null || s.isEmpty()) {
      return Processes.SIGKILL;
    }
    return s.matches("\\d+") ? Integer.parseInt(s) : Processes.signalNumber(s);
  }

  private void create(Exchange ex) {
    JsonNode b = ex.body();
    Map<String, String> labels = new LinkedHashMap<>();
    b.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    String name = b.path("name").asText("");
    List<String> share = new ArrayList<>();
    b.path("shared_namespaces").forEach(n -> share.add(n.asText()));
    List<String> cmd = new ArrayList<>();
    b.path("pod_create_command").forEach(n -> cmd.add(n.asText()));
    String infraImage = b.path("infra_image").asText("");
    PodSpec spec = new PodSpec(Optional.ofNullable(name.isEmpty() ? null : name), labels,
        Optional.ofNullable(b.path("hostname").asText("").isEmpty() ? null : b.path("hostname").asText()),
        Optional.ofNullable(share.isEmpty() ? null : String.join(",", share)), !b.path("no_infra").asBoolean(),
        Optional.ofNullable(infraImage.isEmpty() ? null : infraImage), Optional.empty(), Optional.empty(), null,
        NetworkRequest.defaults(), b.path("exit_policy").asText(""), List.of(), cmd,
        Optional.ofNullable(b.path("shm_size").isNumber() ? b.path("shm_size").asText() : null));
    PodRecord pod = libpod.pods().create(spec);
    ex.json(201, Map.of("Id", pod.id()));
  }

  /** podman's PodStartReport/PodStopReport...: the pod's id and the members' errors (none on success). */
  private void report(Exchange ex, Function<String, PodRecord> op) {
    PodRecord p = op.apply(ex.param("name"));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Errs", List.of());
    m.put("Id", p.id());
    ex.json(200, m);
  }

  private void remove(Exchange ex) {
    PodRecord p = libpod.pods().lookup(ex.param("name"));
    libpod.pods().remove(p.id(), ex.bool("force", false), ex.integer("timeout"));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Err", null);
    m.put("Id", p.id());
    ex.json(200, m);
  }
}
