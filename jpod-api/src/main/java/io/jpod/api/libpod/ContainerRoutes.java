package io.jpod.api.libpod;

import io.jpod.api.http.Exchange;
import io.jpod.api.http.Filters;
import io.jpod.api.http.Route;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.container.ContainerConfig;
import io.jpod.core.container.ContainerService;
import io.jpod.core.container.ContainerSpec;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.state.ContainerRecord;
import io.jpod.sys.Processes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * libpod's container endpoints: podman's create body (SpecGenerator), its list and inspect documents,
 * and its answers (rm reports a list, wait answers the bare exit code). Attach, start, exec, top,
 * rename and resize behave as Docker's and run the compat handlers.
 */
final class ContainerRoutes {
  private static final Set<String> LIST_FILTERS = Set.of("id", "name", "label", "status", "ancestor", "pod", "exited");

  private final Libpod libpod;
  private final LibpodViews views;
  private final CompatDelegate compat;

  ContainerRoutes(Libpod libpod, LibpodViews views, CompatDelegate compat) {
    this.libpod = libpod;
    this.views = views;
    this.compat = compat;
  }

  private ContainerService svc() {
    return libpod.containers();
  }

  List<Route> routes() {
    return List.of(
        Route.of("GET", "/libpod/containers/json", this::list),
        Route.of("POST", "/libpod/containers/create", this::create),
        Route.of("POST", "/libpod/containers/prune", this::prune),
        Route.of("GET", "/libpod/containers/{id}/json", this::inspect),
        Route.of("GET", "/libpod/containers/{id}/exists", ex -> { get(ex); ex.status(204); }),
        compat.route("POST", "/containers/{id}/start"),
        Route.of("POST", "/libpod/containers/{id}/stop", this::stop),
        Route.of("POST", "/libpod/containers/{id}/kill", this::kill),
        Route.of("POST", "/libpod/containers/{id}/restart", ex -> { svc().restart(id(ex), timeout(ex)); ex.status(204); }),
        Route.of("POST", "/libpod/containers/{id}/pause", ex -> { svc().pause(id(ex)); ex.status(204); }),
        Route.of("POST", "/libpod/containers/{id}/unpause", ex -> { svc().unpause(id(ex)); ex.status(204); }),
        Route.of("DELETE", "/libpod/containers/{id}", this::remove),
        Route.of("POST", "/libpod/containers/{id}/wait", this::await),
        Route.of("POST", "/libpod/containers/{id}/shouldrestart", ex -> { get(ex); ex.status(204); }),
        compat.route("POST", "/containers/{id}/attach"),
        compat.route("POST", "/containers/{id}/resize"),
        compat.route("POST", "/containers/{id}/rename"),
        compat.route("GET", "/containers/{id}/top"),
        compat.route("POST", "/containers/{id}/exec"),
        compat.route("POST", "/exec/{id}/start"),
        compat.route("POST", "/exec/{id}/resize"),
        compat.route("GET", "/exec/{id}/json"));
  }

  private ContainerRecord get(Exchange ex) {
    return svc().get(ex.param("id"));
  }

  private String id(Exchange ex) {
    return get(ex).config().id();
  }

  private static Integer timeout(Exchange ex) {
    Integer t = ex.integer("timeout");
    return t != null ? t : ex.integer("t");
  }

  /** podman's inspect document; with size=true, SizeRw and SizeRootFs after GraphDriver. */
  private void inspect(Exchange ex) {
    ContainerRecord rec = get(ex);
    Map<String, Object> doc = views.containerInspect(rec);
    if (ex.bool("size", false)) {
      doc = libpod.images().containerSizer().apply(rec.config().id()).placedAfter(doc, "GraphDriver");
    }
    ex.json(200, doc);
  }

  private void list(Exchange ex) {
    Filters f = ex.filters().allow(LIST_FILTERS);
    boolean all = ex.bool("all", false) || f.has("status") || f.has("exited");
    List<ContainerRecord> recs = new ArrayList<>(svc().list());
    var sizer = ex.bool("size", false) ? libpod.images().containerSizer() : null;
    recs.sort(Comparator.comparing((ContainerRecord r) -> r.config().created()).reversed());
    List<Object> out = new ArrayList<>();
    for (ContainerRecord r : recs) {
      ContainerConfig c = r.config();
      String state = r.state().status().cliName();
      if ((!all && !r.state().status().isAlive())
          || !f.any("id", v -> c.id().startsWith(v))
          || !f.any("name", v -> c.name().matches(".*" + v + ".*"))
          || !f.any("status", v -> v.equals(state))
          || !f.any("exited", v -> v.equals(String.valueOf(r.state().exitCode())))
          || !f.any("pod", v -> c.podId() != null && c.podId().startsWith(v))
          || !f.any("ancestor", v -> v.equals(c.imageName()) || (c.imageId() != null && c.imageId().startsWith(v)))
          || !f.labels("label", c.labels())) {
        continue;
      }
      Map<String, Object> row = views.containerSummary(r);
      if (sizer != null) {
        row.put("Size", sizer.apply(c.id()).asListField());
      }
      out.add(row);
    }
    Integer last = ex.integer("last");
    ex.json(200, last != null && last >= 0 && last < out.size() ? out.subList(0, last) : out);
  }

  private void create(Exchange ex) {
    ContainerSpec spec = SpecGeneratorJson.toSpec(ex.body());
    String image = spec.image().orElse(null);
    if (image != null && !libpod.images().exists(image)) {
      throw JpodException.notFound(image + ": image not known");
    }
    ContainerRecord rec = svc().create(spec);
    ex.json(201, Map.of("Id", rec.config().id(), "Warnings", List.of()));
  }

  private void stop(Exchange ex) {
    ContainerRecord rec = get(ex);
    boolean stopped = rec.state().status().isAlive() && svc().stop(rec.config().id(), timeout(ex));
    if (!stopped && !ex.bool("ignore", false)) {
      ex.status(304);
      return;
    }
    ex.status(204);
  }

  private void kill(Exchange ex) {
    ContainerRecord rec = get(ex);
    String s = ex.query("signal");
    int sig = Processes.SIGKILL;
    if (s != null && !s.isEmpty()) {
      sig = s.matches("\\d+") ? Integer.parseInt(s) : Processes.signalNumber(s);
    }
    if (!rec.state().status().isAlive()) {
      throw JpodException.conflict("can only kill running containers. " + rec.config().id() + " is in state "
          + rec.state().status().cliName() + ": container state improper");
    }
    svc().kill(rec.config().id(), sig);
    ex.status(204);
  }

  private void remove(Exchange ex) {
    String raw = ex.param("id");
    ContainerRecord rec;
    try {
      rec = get(ex);
    } catch (JpodException e) {
      if (e.kind() == ErrorKind.NOT_FOUND && ex.bool("ignore", false)) {
        ex.json(200, List.of());
        return;
      }
      throw e;
    }
    svc().remove(rec.config().id(), ex.bool("force", false), timeout(ex), ex.bool("v", false) || ex.bool("volumes", false));
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("Id", rec.config().id());
    report.put("RawInput", raw);
    ex.json(200, List.of(report));
  }

  /**
   * Waits for one of the conditions (default: stopped or exited) and answers the exit code as a bare
   * JSON number, which is what podman's client decodes.
   */
  private void await(Exchange ex) {
    ContainerRecord rec;
    try {
      rec = get(ex);
    } catch (JpodException e) {
      // an auto-removed container's exit code outlives it (podman --remote run --rm waits after the exit)
      var code = e.kind() == ErrorKind.NOT_FOUND ? libpod.state().exitCode(ex.param("id")) : java.util.Optional.<Integer>empty();
      if (code.isEmpty()) {
        throw e;
      }
      ex.json(200, code.get());
      return;
    }
    String id = rec.config().id();
    List<String> conditions = new ArrayList<>();
    for (String c : ex.queryAll("condition")) {
      conditions.addAll(List.of(c.split(",")));
    }
    conditions.removeIf(String::isBlank);
    boolean forRunning = conditions.contains("running") && conditions.stream().noneMatch(c -> c.equals("stopped") || c.equals("exited"));
    Integer code = ex.untilHangUp(() -> {
      if (forRunning) {
        while (svc().get(id).state().status() != ContainerStatus.RUNNING) {
          Thread.sleep(50);
        }
        return -1;
      }
      try {
        // an --rm container may be removed between the lookup above and here: its recorded exit code then
        ContainerRecord now = svc().get(id);
        if (!now.state().status().isAlive()) {
          return now.state().exitCode();
        }
        return svc().waitForExit(id);
      } catch (JpodException e) {
        if (e.kind() != ErrorKind.NOT_FOUND) {
          throw e;
        }
        return libpod.state().exitCode(id).orElse(0);
      }
    });
    if (code != null) {
      ex.json(200, code);
    }
  }

  private void prune(Exchange ex) {
    Filters f = ex.filters().allow(Set.of("label", "until"));
    List<Map<String, Object>> out = new ArrayList<>();
    for (ContainerRecord r : svc().list()) {
      if (r.state().status().isAlive() || !f.labels("label", r.config().labels())) {
        continue;
      }
      Map<String, Object> rep = new LinkedHashMap<>();
      rep.put("Id", r.config().id());
      try {
        svc().remove(r.config().id(), false, null);
        rep.put("Size", 0);
      } catch (JpodException e) {
        if (e.kind() == ErrorKind.NOT_FOUND) {
          continue;
        }
        rep.put("Err", e.getMessage());
      }
      out.add(rep);
    }
    ex.json(200, out);
  }
}
