package io.jpod.api.compat;

import io.jpod.api.http.Exchange;
import io.jpod.api.http.Filters;
import io.jpod.api.http.Route;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.image.HistoryEntry;
import io.jpod.core.image.ImageDetails;
import io.jpod.core.image.ImageSummary;
import io.jpod.core.image.RemoveReport;
import io.jpod.core.image.RemoveResult;
import io.jpod.core.transfer.ImageArchives;
import io.jpod.core.transfer.ImagePusher;
import io.jpod.core.transfer.TransferOptions;
import io.jpod.image.registry.RegistryAccess;
import io.jpod.storage.Image;
import io.jpod.storage.ImageConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The image endpoints: list, pull, inspect, history, tag, remove, push, save, load, prune. */
final class ImageRoutes {
  private final Libpod libpod;
  private final RegistryAuth auth;

  ImageRoutes(Libpod libpod, RegistryAuth auth) {
    this.libpod = libpod;
    this.auth = auth;
  }

  List<Route> routes() {
    return List.of(
        Route.of("GET", "/images/json", this::list),
        Route.of("POST", "/images/create", this::pull),
        Route.of("POST", "/images/load", this::load),
        Route.of("GET", "/images/get", ex -> save(ex, ex.queryAll("names"))),
        Route.of("POST", "/images/prune", this::prune),
        Route.of("GET", "/images/search", this::search),
        Route.of("GET", "/images/{name*}/json", this::inspect),
        Route.of("GET", "/images/{name*}/history", this::history),
        Route.of("GET", "/images/{name*}/get", ex -> save(ex, List.of(ex.param("name")))),
        Route.of("POST", "/images/{name*}/tag", this::tag),
        Route.of("POST", "/images/{name*}/push", this::push),
        Route.of("DELETE", "/images/{name*}", this::remove));
  }

  /** Docker's name normalization: "busybox" is docker.io/library/busybox, a tag defaults to latest. */
  static String normalize(String ref) {
    String name = ref;
    int slash = name.indexOf('/');
    String first = slash < 0 ? "" : name.substring(0, slash);
    if (slash < 0) {
      name = "docker.io/library/" + name;
    } else if (!first.contains(".") && !first.contains(":") && !first.equals("localhost")) {
      name = "docker.io/" + name;
    }
    String last = name.substring(name.lastIndexOf('/') + 1);
    if (!last.contains(":") && !name.contains("@")) {
      name = name + ":latest";
    }
    return name;
  }

  private String imageNotFound(String ref) {
    return "No such image: " + ref;
  }

  private ImageDetails details(String ref) {
    try {
      return libpod.images().inspect(ref);
    } catch (JpodException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        throw JpodException.notFound(imageNotFound(ref));
      }
      throw e;
    }
  }

  private void list(Exchange ex) {
    Filters f = ex.filters().allow(Set.of("dangling", "label", "reference", "before", "since", "until"));
    List<String> podmanFilters = new ArrayList<>();
    f.values().forEach((k, vs) -> vs.forEach(v -> podmanFilters.add(k + "=" + v)));
    List<Map<String, Object>> out = new ArrayList<>();
    for (ImageSummary s : libpod.images().list(podmanFilters, ex.bool("all", false))) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("Id", "sha256:" + s.id());
      m.put("ParentId", s.parentId() == null || s.parentId().isEmpty() ? "" : "sha256:" + s.parentId());
      m.put("RepoTags", s.names());
      m.put("RepoDigests", s.repoDigests());
      m.put("Created", s.created() == null ? 0 : s.created().getEpochSecond());
      m.put("Size", s.size());
      m.put("SharedSize", -1);
      m.put("VirtualSize", s.size());
      m.put("Labels", s.labels() == null || s.labels().isEmpty() ? null : s.labels());
      m.put("Containers", s.containers());
      out.add(m);
    }
    ex.json(200, out);
  }

  private void inspect(Exchange ex) {
    ImageDetails d = details(ex.param("name"));
    Image img = d.image();
    ImageConfig cfg = d.config();
    ImageConfig.Config c = cfg == null || cfg.config() == null ? ImageConfig.Config.empty() : cfg.config();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Id", "sha256:" + img.id());
    m.put("RepoTags", d.repoTags());
    m.put("RepoDigests", d.repoDigests());
    m.put("Parent", d.parentId() == null || d.parentId().isEmpty() ? "" : "sha256:" + d.parentId());
    m.put("Comment", d.comment() == null ? "" : d.comment());
    m.put("Created", cfg != null && cfg.created() != null ? cfg.created().toString() : ContainerViews.time(img.created()));
    m.put("DockerVersion", "");
    m.put("Author", cfg == null || cfg.author() == null ? "" : cfg.author());
    Map<String, Object> conf = new LinkedHashMap<>();
    conf.put("Hostname", "");
    conf.put("User", c.user() == null ? "" : c.user());
    conf.put("ExposedPorts", c.exposedPorts());
    conf.put("Env", c.env());
    conf.put("Cmd", c.cmd());
    conf.put("Entrypoint", c.entrypoint());
    conf.put("Volumes", c.volumes());
    conf.put("WorkingDir", c.workingDir() == null ? "" : c.workingDir());
    conf.put("Labels", c.labels());
    conf.put("StopSignal", c.stopSignal());
    m.put("Config", conf);
    m.put("Architecture", cfg == null || cfg.architecture() == null ? "amd64" : cfg.architecture());
    m.put("Os", cfg == null || cfg.os() == null ? "linux" : cfg.os());
    m.put("Size", d.size());
    m.put("VirtualSize", d.size());
    m.put("GraphDriver", Map.of("Name", d.graphDriverName() == null ? "overlay" : d.graphDriverName(),
        "Data", d.graphDriverData() == null ? Map.of() : d.graphDriverData()));
    m.put("RootFS", Map.of("Type", "layers", "Layers", d.layers()));
    m.put("Metadata", Map.of("LastTagTime", ContainerViews.ZERO_TIME));
    ex.json(200, m);
  }

  private void history(Exchange ex) {
    String ref = ex.param("name");
    details(ref);
    List<Map<String, Object>> out = new ArrayList<>();
    for (HistoryEntry h : libpod.images().history(ref)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("Id", h.id() == null || h.id().equals("<missing>") ? "<missing>" : "sha256:" + h.id());
      m.put("Created", h.created() == null ? 0 : h.created().getEpochSecond());
      m.put("CreatedBy", h.createdBy() == null ? "" : h.createdBy());
      m.put("Tags", h.tags().isEmpty() ? null : h.tags());
      m.put("Size", h.size());
      m.put("Comment", h.comment() == null ? "" : h.comment());
      out.add(m);
    }
    ex.json(200, out);
  }

  private void tag(Exchange ex) {
    String repo = ex.query("repo");
    if (repo == null || repo.isEmpty()) {
      throw JpodException.invalid("repository name must have at least one component");
    }
    String tag = ex.query("tag");
    details(ex.param("name"));
    libpod.images().tag(ex.param("name"), List.of(repo + ":" + (tag == null || tag.isEmpty() ? "latest" : tag)));
    ex.status(201);
  }

  private void remove(Exchange ex) {
    String ref = ex.param("name");
    details(ref);
    RemoveResult r = libpod.images().remove(List.of(ref), ex.bool("force", false), false, false, ex.bool("noprune", false));
    if (!r.errors().isEmpty()) {
      throw r.errors().getFirst();
    }
    List<Map<String, String>> out = new ArrayList<>();
    for (RemoveReport rep : r.reports()) {
      rep.untagged().forEach(u -> out.add(Map.of("Untagged", u)));
      if (rep.removed()) {
        out.add(Map.of("Deleted", "sha256:" + rep.id()));
      }
    }
    ex.json(200, out);
  }

  private void prune(Exchange ex) {
    Filters f = ex.filters().allow(Set.of("dangling", "label", "label!", "until"));
    boolean all = f.get("dangling").stream().anyMatch(v -> v.equalsIgnoreCase("false") || v.equals("0"));
    List<String> podmanFilters = new ArrayList<>();
    f.values().forEach((k, vs) -> {
      if (!k.equals("dangling")) {
        vs.forEach(v -> podmanFilters.add(k + "=" + v));
      }
    });
    List<Map<String, String>> deleted = new ArrayList<>();
    long space = 0;
    for (RemoveReport rep : libpod.images().prune(all, podmanFilters)) {
      rep.untagged().forEach(u -> deleted.add(Map.of("Untagged", u)));
      if (rep.removed()) {
        deleted.add(Map.of("Deleted", "sha256:" + rep.id()));
        space += rep.size();
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ImagesDeleted", deleted.isEmpty() ? null : deleted);
    body.put("SpaceReclaimed", space);
    ex.json(200, body);
  }

  /** Registry settings for a reference: Docker treats registries on loopback addresses as plain HTTP. */
  private TransferOptions transfer(Exchange ex, String ref, PullProgress progress) {
    String host = ref.contains("/") ? ref.substring(0, ref.indexOf('/')) : "";
    RegistryAccess access = RegistryAuth.access(host, auth.fromHeader(ex));
    return new TransferOptions(access, null, null, false, progress, progress::note, null);
  }

  private void pull(Exchange ex) throws IOException {
    String from = ex.query("fromImage");
    if (from == null || from.isEmpty()) {
      String src = ex.query("fromSrc");
      if (src != null && !src.isEmpty()) {
        ImageImport.run(libpod, ex, src);
        return;
      }
      throw JpodException.invalid("fromImage or fromSrc is required");
    }
    String tag = ex.query("tag");
    String ref = tag == null || tag.isEmpty() || from.contains("@") ? from
        : (tag.startsWith("sha256:") ? from + "@" + tag : from + ":" + tag);
    String normalized = normalize(ref);
    String before = libpod.images().exists(normalized) ? libpod.images().resolve(normalized).image().id() : null;
    PullProgress progress = new PullProgress(ex, normalized);
    List<Image> images;
    try {
      images = new io.jpod.core.transfer.ImagePuller(libpod).pull(normalized, false, transfer(ex, normalized, progress));
    } catch (JpodException e) {
      if (!progress.streaming()) {
        throw e.kind() == ErrorKind.NOT_FOUND || e.kind() == ErrorKind.REGISTRY && e.getMessage().contains("manifest unknown")
            ? JpodException.notFound("pull access denied for " + from + ", repository does not exist or may require 'docker login': " + e.getMessage())
            : e;
      }
      progress.error(e.getMessage());
      return;
    }
    Image img = images.getFirst();
    progress.finish(img, before != null && before.equals(img.id()));
  }

  private void push(Exchange ex) throws IOException {
    String name = ex.param("name");
    String tag = ex.query("tag");
    String ref = tag == null || tag.isEmpty() ? name : name + ":" + tag;
    details(ref);
    String dest = normalize(ref);
    PullProgress progress = new PullProgress(ex, dest);
    TransferOptions options = transfer(ex, dest, progress);
    progress.pushHeader(dest);
    try {
      String digest = new ImagePusher(libpod).push(ref, "docker://" + dest, ImagePusher.ManifestFormat.V2S2, options);
      progress.pushed(tag == null || tag.isEmpty() ? "latest" : tag, digest);
    } catch (JpodException e) {
      progress.error(e.getMessage());
    }
  }

  /**
   * {@code docker search REGISTRY/TERM}: the registry's catalog search. As {@code jpod search}, the
   * term names its registry; no unqualified-search registry is asked.
   */
  private void search(Exchange ex) {
    String term = ex.query("term");
    if (term == null || term.isBlank()) {
      throw JpodException.invalid("term is required");
    }
    Filters f = ex.filters().allow(Set.of("is-official", "is-automated", "stars"));
    Integer limit = ex.integer("limit");
    int slash = term.indexOf('/');
    if (slash < 0) {
      throw JpodException.invalid("search needs a registry in the term (REGISTRY/TERM): no unqualified-search registries are searched");
    }
    String host = term.substring(0, slash);
    int minStars = 0;
    for (String v : f.get("stars")) {
      try {
        minStars = Math.max(minStars, Integer.parseInt(v));
      } catch (NumberFormatException e) {
        throw JpodException.invalid("invalid filter 'stars=" + v + "'");
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    try (var client = RegistryAuth.access(host, auth.fromHeader(ex)).clientForRegistry(host)) {
      for (var r : client.search(term.substring(slash + 1), limit == null || limit <= 0 ? 25 : limit)) {
        if (r.stars() < minStars || !f.any("is-official", v -> Boolean.parseBoolean(v) == r.official())
            || !f.any("is-automated", v -> Boolean.parseBoolean(v) == r.automated())) {
          continue;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", r.description() == null ? "" : r.description());
        m.put("is_official", r.official());
        m.put("is_automated", r.automated());
        m.put("name", host + "/" + r.name());
        m.put("star_count", r.stars());
        out.add(m);
      }
    }
    ex.json(200, out);
  }

  private void save(Exchange ex, List<String> names) throws IOException {
    if (names.isEmpty()) {
      throw JpodException.invalid("no image names given");
    }
    for (String n : names) {
      details(n);
    }
    OutputStream out = ex.stream(200, "application/x-tar");
    new ImageArchives(libpod).save(names, ImageArchives.Format.DOCKER_ARCHIVE, true, false, null, out, TransferOptions.defaults());
    out.flush();
  }

  private void load(Exchange ex) throws IOException {
    List<String> loaded = new ImageArchives(libpod).load(null, ex.bodyStream(), TransferOptions.defaults());
    OutputStream out = ex.stream(200, "application/json");
    for (String l : loaded) {
      String line = l.startsWith("sha256:") ? "Loaded image ID: " + l + "\n" : "Loaded image: " + l + "\n";
      out.write(ex.json().writeValueAsBytes(Map.of("stream", line)));
      out.write('\n');
    }
    out.flush();
  }
}
