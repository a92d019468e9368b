package io.jpod.api.compat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.api.http.Exchange;
import io.jpod.api.http.Filters;
import io.jpod.api.http.Route;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.volume.VolumeRecord;
import io.jpod.core.volume.VolumeService;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The volumes endpoints on the engine's {@link VolumeService}, in Docker's shapes (§5.2). */
final class VolumeRoutes {
  private static final Set<String> LIST_FILTERS = Set.of("name", "label", "label!", "dangling", "driver");

  private final Libpod libpod;

  VolumeRoutes(Libpod libpod) {
    this.libpod = libpod;
  }

  private VolumeService svc() {
    return libpod.volumes();
  }

  List<Route> routes() {
    return List.of(
        Route.of("GET", "/volumes", this::list),
        Route.of("POST", "/volumes/create", this::create),
        Route.of("POST", "/volumes/prune", this::prune),
        Route.of("GET", "/volumes/{name}", ex -> ex.json(200, view(get(ex.param("name"))))),
        Route.of("DELETE", "/volumes/{name}", this::remove));
  }

  private VolumeRecord get(String name) {
    return svc().find(name).orElseThrow(() -> JpodException.notFound("get " + name + ": no such volume"));
  }

  Map<String, Object> view(VolumeRecord v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("CreatedAt", v.config().created() == null ? ContainerViews.ZERO_TIME
        : v.config().created().truncatedTo(ChronoUnit.SECONDS).toString());
    m.put("Driver", v.config().driver());
    m.put("Labels", v.config().labels());
    m.put("Mountpoint", svc().mountPoint(v.name()).toString());
    m.put("Name", v.name());
    m.put("Options", v.config().sortedOptions());
    m.put("Scope", "local");
    return m;
  }

  private void list(Exchange ex) {
    Filters f = ex.filters().allow(LIST_FILTERS);
    List<Object> out = new ArrayList<>();
    for (VolumeRecord v : svc().list()) {
      if (!f.any("name", n -> v.name().contains(n))
          || !f.any("driver", d -> d.equals(v.config().driver()))
          || !f.labels("label", v.config().labels())
          || (f.has("label!") && new Filters(Map.of("l", f.get("label!"))).labels("l", v.config().labels()))
          || !f.any("dangling", d -> truthy(d) == svc().users(v.name()).isEmpty())) {
        continue;
      }
      out.add(view(v));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Volumes", out);
    body.put("Warnings", List.of());
    ex.json(200, body);
  }

  private static boolean truthy(String s) {
    return s.equals("1") || s.equalsIgnoreCase("true");
  }

  private void create(Exchange ex) {
    JsonNode body = ex.bodyObject();
    String name = Body.str(body, "Name");
    if (name != null && !name.isEmpty()) {
      var existing = svc().find(name);
      if (existing.isPresent()) {
        ex.json(201, view(existing.get()));
        return;
      }
    }
    VolumeRecord v = svc().create(new VolumeService.CreateRequest(name, Body.str(body, "Driver"),
        Body.strMap(body, "Labels"), Body.strMap(body, "DriverOpts")));
    ex.json(201, view(v));
  }

  private void remove(Exchange ex) {
    VolumeRecord v = get(ex.param("name"));
    boolean force = ex.bool("force", false);
    List<String> users = svc().users(v.name());
    if (!users.isEmpty() && !force) {
      ex.error(409, "remove " + v.name() + ": volume is in use - [" + String.join(", ", users) + "]");
      return;
    }
    svc().remove(v.name(), force, null);
    ex.status(204);
  }

  private void prune(Exchange ex) {
    Filters f = ex.filters().allow(Set.of("label", "label!", "all"));
    boolean all = f.has("all") && f.get("all").stream().anyMatch(VolumeRoutes::truthy);
    boolean onlyAnonymous = ex.version().atLeast(1, 42) && !all;
    Map<String, Long> sizes = new LinkedHashMap<>();
    List<String> removed = svc().prune(v -> {
      boolean ok = (!onlyAnonymous || v.config().anonymous())
          && f.labels("label", v.config().labels())
          && !(f.has("label!") && new Filters(Map.of("l", f.get("label!"))).labels("l", v.config().labels()));
      if (ok) {
        sizes.put(v.name(), size(v));
      }
      return ok;
    });
    long reclaimed = removed.stream().mapToLong(n -> sizes.getOrDefault(n, 0L)).sum();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("VolumesDeleted", removed);
    body.put("SpaceReclaimed", reclaimed);
    ex.json(200, body);
  }

  private long size(VolumeRecord v) {
    try (var s = java.nio.file.Files.walk(svc().mountPoint(v.name()))) {
      return s.filter(java.nio.file.Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }
}
