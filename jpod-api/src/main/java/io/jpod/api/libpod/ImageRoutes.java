package io.jpod.api.libpod;

import io.jpod.api.http.Exchange;
import io.jpod.api.http.Route;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.image.RemoveReport;
import io.jpod.core.image.RemoveResult;
import io.jpod.core.transfer.ImagePuller;
import io.jpod.core.transfer.TransferOptions;
import io.jpod.image.registry.RegistryAccess;
import io.jpod.storage.Image;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** libpod's image endpoints: list, exists, inspect, pull (podman's JSON progress stream), remove, tag, history. */
final class ImageRoutes {
  private final Libpod libpod;
  private final LibpodViews views;
  private final CompatDelegate compat;

  ImageRoutes(Libpod libpod, LibpodViews views, CompatDelegate compat) {
    this.libpod = libpod;
    this.views = views;
    this.compat = compat;
  }

  List<Route> routes() {
    return List.of(
        Route.of("GET", "/libpod/images/json", ex -> ex.json(200, views.images(ex.bool("all", false)))),
        Route.of("POST", "/libpod/images/pull", this::pull),
        Route.of("DELETE", "/libpod/images/remove", this::removeMany),
        Route.of("POST", "/libpod/images/prune", this::prune),
        Route.of("GET", "/libpod/images/{name*}/exists", ex -> { resolve(ex.param("name")); ex.status(204); }),
        Route.of("GET", "/libpod/images/{name*}/json", ex -> ex.json(200, views.imageInspect(resolve(ex.param("name"))))),
        Route.of("POST", "/libpod/images/{name*}/tag", this::tag),
        compat.route("GET", "/images/{name*}/history"),
        Route.of("DELETE", "/libpod/images/{name*}", ex -> remove(ex, List.of(ex.param("name")))));
  }

  /** The reference itself when it names an image; podman's "image not known" otherwise. */
  private String resolve(String ref) {
    if (!libpod.images().exists(ref)) {
      throw JpodException.notFound(ref + ": image not known");
    }
    return ref;
  }

  /**
   * podman's pull stream: {"stream": "..."} lines as the copy goes, then {"images": [...], "id": ...};
   * a failure after the stream began is an {"error": ...} line (the status is already 200).
   */
  private void pull(Exchange ex) throws IOException {
    String ref = ex.query("reference");
    if (ref == null || ref.isEmpty()) {
      throw JpodException.invalid("reference parameter cannot be empty");
    }
    String policy = ex.query("policy");
    OutputStream out = ex.stream(200, "application/json");
    try {
      String id;
      if ("missing".equals(policy) && libpod.images().exists(ref)) {
        id = libpod.images().resolve(ref).image().id();
      } else {
        RegistryAccess access = RegistryAccess.system();
        if (!ex.bool("tlsVerify", true)) {
          access = access.withTlsVerify(false);
        }
        boolean quiet = ex.bool("quiet", false);
        TransferOptions o = new TransferOptions(access, null, null, false, null,
            quiet ? m -> { } : m -> line(ex, out, Map.of("stream", m.endsWith("\n") ? m : m + "\n")), null);
        List<Image> images = new ImagePuller(libpod).pull(ref, ex.bool("allTags", false), o);
        id = images.getFirst().id();
      }
      Map<String, Object> done = new LinkedHashMap<>();
      done.put("images", List.of(id));
      done.put("id", id);
      line(ex, out, done);
    } catch (JpodException e) {
      line(ex, out, Map.of("error", e.getMessage()));
    }
  }

  private static void line(Exchange ex, OutputStream out, Map<String, Object> msg) {
    try {
      out.write(ex.json().writeValueAsBytes(msg));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void removeMany(Exchange ex) {
    remove(ex, ex.queryAll("images"));
  }

  /** podman's ImageRemoveReport: Deleted, Untagged, Errors and the exit code the CLI would use. */
  private void remove(Exchange ex, List<String> refs) {
    boolean all = ex.bool("all", false);
    RemoveResult r = libpod.images().remove(refs, ex.bool("force", false), all, ex.bool("ignore", false), false);
    if (refs.size() == 1 && !r.errors().isEmpty() && r.reports().isEmpty()) {
      throw r.errors().getFirst();
    }
    List<String> deleted = new ArrayList<>();
    List<String> untagged = new ArrayList<>();
    for (RemoveReport rep : r.reports()) {
      untagged.addAll(rep.untagged());
      if (rep.removed()) {
        deleted.add(rep.id());
      }
    }
    List<String> errors = r.errors().stream().map(Throwable::getMessage).toList();
    int code = r.errors().isEmpty() ? 0 : r.errors().stream().anyMatch(e -> e.kind() == ErrorKind.CONFLICT) ? 2 : 1;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Deleted", deleted);
    body.put("Untagged", untagged);
    body.put("Errors", errors);
    body.put("ExitCode", code);
    ex.json(200, body);
  }

  private void tag(Exchange ex) {
    String ref = resolve(ex.param("name"));
    String repo = ex.query("repo");
    String tag = ex.query("tag");
    if (repo == null || repo.isEmpty()) {
      throw JpodException.invalid("repo is required");
    }
    libpod.images().tag(ref, List.of(repo + ":" + (tag == null || tag.isEmpty() ? "latest" : tag)));
    ex.status(201);
  }

  private void prune(Exchange ex) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (RemoveReport rep : libpod.images().prune(ex.bool("all", false), filterList(ex))) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("Id", rep.id());
      m.put("Size", rep.size());
      out.add(m);
    }
    ex.json(200, out);
  }

  private static List<String> filterList(Exchange ex) {
    List<String> out = new ArrayList<>();
    ex.filters().allow(java.util.Set.of("label", "until", "dangling")).values().forEach((k, vs) -> vs.forEach(v -> out.add(k + "=" + v)));
    return out;
  }
}
