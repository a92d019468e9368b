package io.jpod.api.libpod;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.api.http.Exchange;
import io.jpod.api.http.Route;
import io.jpod.core.Libpod;
import io.jpod.core.volume.VolumeService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** libpod's volume endpoints, answering {@code podman volume inspect}'s documents. */
final class VolumeRoutes {
  private final Libpod libpod;
  private final LibpodViews views;

  VolumeRoutes(Libpod libpod, LibpodViews views) {
    this.libpod = libpod;
    this.views = views;
  }

  List<Route> routes() {
    return List.of(
        Route.of("GET", "/libpod/volumes/json", this::list),
        Route.of("POST", "/libpod/volumes/create", this::create),
        Route.of("POST", "/libpod/volumes/prune", this::prune),
        Route.of("GET", "/libpod/volumes/{name}/exists", ex -> { libpod.volumes().get(ex.param("name")); ex.status(204); }),
        Route.of("GET", "/libpod/volumes/{name}/json", ex -> ex.json(200, views.volumeInspect(ex.param("name")))),
        Route.of("DELETE", "/libpod/volumes/{name}", ex -> {
          libpod.volumes().remove(ex.param("name"), ex.bool("force", false), ex.integer("timeout"));
          ex.status(204);
        }));
  }

  private void list(Exchange ex) {
    var f = ex.filters();
    List<Object> out = new ArrayList<>();
    for (var v : libpod.volumes().list()) {
      if (f.any("name", n -> v.name().contains(n)) && f.labels("label", v.config().labels())) {
        out.add(views.volumeInspect(v.name()));
      }
    }
    ex.json(200, out);
  }

  private void create(Exchange ex) {
    JsonNode b = ex.body();
    Map<String, String> labels = new LinkedHashMap<>();
    b.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    Map<String, String> options = new LinkedHashMap<>();
    b.path("Options").properties().forEach(e -> options.put(e.getKey(), e.getValue().asText()));
    String driver = b.path("Driver").asText("");
    var v = libpod.volumes().create(new VolumeService.CreateRequest(b.path("Name").asText(""),
        driver.isEmpty() ? "local" : driver, labels, options));
    ex.json(201, views.volumeInspect(v.name()));
  }

  private void prune(Exchange ex) {
    List<Map<String, Object>> out = new ArrayList<>();
    var f = ex.filters();
    for (String name : libpod.volumes().prune(v -> f.labels("label", v.config().labels()))) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("Id", name);
      m.put("Size", 0);
      out.add(m);
    }
    ex.json(200, out);
  }
}
