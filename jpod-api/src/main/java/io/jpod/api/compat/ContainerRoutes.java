package io.jpod.api.compat;

import io.jpod.api.http.Exchange;
import io.jpod.api.http.Filters;
import io.jpod.api.http.Route;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.container.ContainerService;
import io.jpod.core.container.ContainerSpec;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.filesystem.ContainerDiff;
import io.jpod.core.state.ContainerRecord;
import io.jpod.sys.Processes;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The container lifecycle endpoints: create, list, inspect, start/stop/kill/..., remove, rename, prune. */
public final class ContainerRoutes {
  private static final Pattern NAME = Pattern.compile("/?[a-zA-Z0-9][a-zA-Z0-9_.-]+");
  private static final Set<String> LIST_FILTERS =
      Set.of("id", "name", "label", "label!", "status", "ancestor", "exited", "before", "since", "network", "volume", "health", "is-task");

  private final Libpod libpod;
  private final PendingAttaches pending;

  ContainerRoutes(Libpod libpod, PendingAttaches pending) {
    this.libpod = libpod;
    this.pending = pending;
  }

  private ContainerService svc() {
    return libpod.containers();
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", "/containers/create", this::create),
        Route.of("GET", "/containers/json", this::list),
        Route.of("POST", "/containers/prune", this::prune),
        Route.of("GET", "/containers/{id}/json", this::inspect),
        Route.of("POST", "/containers/{id}/start", this::start),
        Route.of("POST", "/containers/{id}/stop", this::stop),
        Route.of("POST", "/containers/{id}/restart", ex -> { svc().restart(id(ex), ex.integer("t")); ex.status(204); }),
        Route.of("POST", "/containers/{id}/kill", this::kill),
        Route.of("POST", "/containers/{id}/pause", ex -> { svc().pause(id(ex)); ex.status(204); }),
        Route.of("POST", "/containers/{id}/unpause", ex -> { svc().unpause(id(ex)); ex.status(204); }),
        Route.of("POST", "/containers/{id}/rename", this::rename),
        Route.of("POST", "/containers/{id}/resize", this::resize),
        Route.of("POST", "/containers/{id}/update", this::update),
        Route.of("DELETE", "/containers/{id}", this::remove),
        Route.of("GET", "/containers/{id}/changes", this::changes),
        Route.of("GET", "/containers/{id}/export", this::export),
        Route.of("GET", "/containers/{id}/top", this::top),
        Route.of("POST", "/commit", this::commit));
  }

  /** The container named in the path, 404 in Docker's words when there is none. */
  ContainerRecord get(Exchange ex) {
    return lookup(ex.param("id"));
  }

  ContainerRecord lookup(String nameOrId) {
    String n = nameOrId.startsWith("/") ? nameOrId.substring(1) : nameOrId;
    try {
      return svc().get(n);
    } catch (JpodException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        throw JpodException.notFound("No such container: " + nameOrId);
      }
      throw e;
    }
  }

  private String id(Exchange ex) {
    return get(ex).config().id();
  }

  private void inspect(Exchange ex) {
    ContainerRecord r = get(ex);
    Map<String, Object> doc = ContainerViews.inspect(r, logPath(r));
    if (ex.bool("size", false)) {
      doc = libpod.images().containerSizer().apply(r.config().id()).placedAfter(doc, "GraphDriver");
    }
    Map<String, Object> health = ContainerViews.health(r, svc().paths(r.config()).runDir());
    if (health != null && doc.get("State") instanceof Map<?, ?> state) {
      @SuppressWarnings("unchecked")
      Map<String, Object> st = (Map<String, Object>) state;
      st.put("Health", health);
    }
    ex.json(200, doc);
  }

  private static String logPath(ContainerRecord r) {
    return r.config().logPath();
  }

  private void create(Exchange ex) {
    String name = ex.query("name");
    if (name != null && !name.isEmpty()) {
      if (!NAME.matcher(name).matches()) {
        throw JpodException.invalid("Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
      }
      name = name.startsWith("/") ? name.substring(1) : name;
    }
    ContainerSpec spec = CreateRequest.toSpec(ex.bodyObject(), name);
    String image = spec.image().orElseThrow();
    if (!libpod.images().exists(image)) {
      throw JpodException.notFound("No such image: " + image);
    }
    if (name != null && !name.isEmpty() && libpod.state().nameInUse(name)) {
      String holder = svc().exists(name) ? svc().get(name).config().id() : "";
      throw JpodException.conflict("Conflict. The container name \"/" + name + "\" is already in use by container \"" + holder
          + "\". You have to remove (or rename) that container to be able to reuse that name.");
    }
    ContainerRecord rec = svc().create(spec);
    ex.json(201, Map.of("Id", rec.config().id(), "Warnings", List.of()));
  }

  private void list(Exchange ex) {
    Filters f = ex.filters().allow(LIST_FILTERS);
    boolean all = ex.bool("all", false);
    Integer limit = ex.integer("limit");
    for (String s : f.get("status")) {
      if (!Set.of("created", "restarting", "running", "removing", "paused", "exited", "dead").contains(s)) {
        throw JpodException.invalid("invalid filter 'status=" + s + "'");
      }
    }
    List<Pattern> names = new ArrayList<>();
    for (String n : f.get("name")) {
      try {
        names.add(Pattern.compile(n));
      } catch (RuntimeException e) {
        throw JpodException.invalid("invalid filter 'name=" + n + "': " + e.getMessage());
      }
    }
    List<ContainerRecord> recs = new ArrayList<>(svc().list());
    recs.sort((a, b) -> b.config().created().compareTo(a.config().created()));
    List<Map<String, Object>> out = new ArrayList<>();
    boolean implicitAll = all || f.has("status") || f.has("exited") || limit != null && limit > 0;
    var sizer = ex.bool("size", false) ? libpod.images().containerSizer() : null;
    for (ContainerRecord r : recs) {
      String state = ContainerViews.dockerState(r.state().status());
      if (!implicitAll && !state.equals("running") && !state.equals("paused")) {
        continue;
      }
      if (!matches(r, f, names, state)) {
        continue;
      }
      out.add(sizer == null ? ContainerViews.summary(r)
          : sizer.apply(r.config().id()).placedAfter(ContainerViews.summary(r), "Ports"));
      if (limit != null && limit > 0 && out.size() >= limit) {
        break;
      }
    }
    ex.json(200, out);
  }

  private boolean matches(ContainerRecord r, Filters f, List<Pattern> names, String state) {
    var c = r.config();
    if (!f.any("id", v -> c.id().startsWith(v))) {
      return false;
    }
    if (!names.isEmpty() && names.stream().noneMatch(p -> p.matcher(c.name()).find() || p.matcher("/" + c.name()).find())) {
      return false;
    }
    if (!f.labels("label", c.labels())) {
      return false;
    }
    for (String neg : f.get("label!")) {
      if (new Filters(Map.of("l", List.of(neg))).labels("l", c.labels())) {
        return false;
      }
    }
    if (!f.any("status", state::equals)) {
      return false;
    }
    if (f.has("exited") && (!state.equals("exited") || !f.any("exited", v -> v.equals(String.valueOf(r.state().exitCode()))))) {
      return false;
    }
    if (!f.any("ancestor", v -> ancestorMatches(c, v))) {
      return false;
    }
    return true;
  }

  private boolean ancestorMatches(io.jpod.core.container.ContainerConfig c, String v) {
    String bare = v.startsWith("sha256:") ? v.substring(7) : v;
    if (c.imageId() != null && c.imageId().startsWith(bare)) {
      return true;
    }
    if (c.imageName() != null && (c.imageName().equals(v) || c.imageName().endsWith("/" + v) || c.imageName().endsWith("/" + v + ":latest"))) {
      return true;
    }
    try {
      return libpod.images().resolve(v).image().id().equals(c.imageId());
    } catch (JpodException e) {
      return false;
    }
  }

  private void start(Exchange ex) {
    ContainerRecord rec = get(ex);
    if (rec.state().status().isAlive()) {
      ex.status(304);
      return;
    }
    String id = rec.config().id();
    svc().start(id, sock -> pending.connect(id, sock));
    ex.status(204);
  }

  private void stop(Exchange ex) {
    ContainerRecord rec = get(ex);
    Integer t = ex.integer("t");
    if (t != null && t < 0) {
      t = Integer.MAX_VALUE / 1000;
    }
    boolean stopped = rec.state().status().isAlive() && svc().stop(rec.config().id(), t);
    ex.status(stopped ? 204 : 304);
  }

  private void kill(Exchange ex) {
    ContainerRecord rec = get(ex);
    String s = ex.query("signal");
    int sig = s == null || s.isEmpty() ? Processes.SIGKILL : signal(s);
    if (!rec.state().status().isAlive()) {
      throw JpodException.conflict("Cannot kill container: " + ex.param("id") + ": container " + rec.config().id() + " is not running");
    }
    svc().kill(rec.config().id(), sig);
    ex.status(204);
  }

  static int signal(String s) {
    if (s.matches("\\d+")) {
      int n = Integer.parseInt(s);
      if (n <= 0 || n > 64) {
        throw JpodException.invalid("Invalid signal: " + s);
      }
      return n;
    }
    try {
      return Processes.signalNumber(s);
    } catch (JpodException e) {
      throw JpodException.invalid("Invalid signal: " + s);
    }
  }

  private void rename(Exchange ex) {
    String name = ex.query("name");
    if (name == null || name.isEmpty()) {
      throw JpodException.invalid("Neither old nor new names may be empty");
    }
    svc().rename(id(ex), name.startsWith("/") ? name.substring(1) : name);
    ex.status(204);
  }

  private void resize(Exchange ex) {
    ContainerRecord rec = get(ex);
    int[] size = terminalSize(ex);
    if (rec.config().tty() && rec.state().status() == ContainerStatus.RUNNING) {
      writeResize(svc().paths(rec.config()).ctlFifo(), size);
    }
    ex.status(200);
  }

  /** The {@code h} and {@code w} of a resize request; 400 when missing or negative. */
  static int[] terminalSize(Exchange ex) {
    Integer h = ex.integer("h");
    Integer w = ex.integer("w");
    if (h == null || w == null || h < 0 || w < 0) {
      throw JpodException.invalid("invalid height or width");
    }
    return new int[] {h, w};
  }

  /** conmon's resize message ({@code 1 HEIGHT WIDTH}) on its control fifo, opened without blocking. */
  static void writeResize(java.nio.file.Path fifo, int[] size) {
    try {
      Files.writeString(fifo, "1 " + size[0] + " " + size[1] + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    } catch (java.io.IOException e) {
      // conmon gone meanwhile: the process has exited, there is no terminal to resize
    }
  }

  /** {@code docker update}: the body's resource fields (as in HostConfig) applied live and stored. */
  private void update(Exchange ex) {
    ContainerRecord rec = get(ex);
    var body = ex.bodyObject();
    if (body != null && !body.isNull() && !body.isObject()) {
      throw JpodException.invalid("Decode(): the body must be a JSON object");
    }
    Long pids = Body.num(body, "PidsLimit");
    svc().update(rec.config().id(), CreateRequest.resources(body), pids == null || pids == 0 ? null : pids,
        restartPolicy(Body.obj(body, "RestartPolicy")));
    ex.json(200, Map.of("Warnings", List.of()));
  }

  /**
   * RestartPolicy of an update body; null when absent or unnamed (the policy stays): the docker CLI
   * sends {"Name":""} with every update that has no --restart.
   */
  private static io.jpod.core.supervision.RestartPolicy restartPolicy(com.fasterxml.jackson.databind.JsonNode rp) {
    String name = Body.str(rp, "Name");
    if (name == null || name.isEmpty()) {
      return null;
    }
    Long retries = Body.num(rp, "MaximumRetryCount");
    if (retries != null && retries < 0) {
      throw JpodException.invalid("invalid restart policy: maximum retry count cannot be negative");
    }
    return io.jpod.core.supervision.RestartPolicy.of(name, retries == null ? 0 : retries.intValue());
  }

  private void remove(Exchange ex) {
    ContainerRecord rec = get(ex);
    boolean force = ex.bool("force", false);
    if (!force && rec.state().status().isAlive()) {
      String what = rec.state().status() == ContainerStatus.PAUSED ? "container is paused and must be unpaused first"
          : "container is running: stop the container before removing or force remove";
      throw JpodException.conflict("cannot remove container \"/" + rec.config().name() + "\": " + what);
    }
    svc().remove(rec.config().id(), force, 0, ex.bool("v", false));
    ex.status(204);
  }

  private void changes(Exchange ex) {
    String id = id(ex);
    List<Map<String, Object>> out = new ArrayList<>();
    for (var c : libpod.filesystem().diff().changes(id, ContainerDiff.Target.CONTAINER)) {
      out.add(Map.of("Path", c.path(), "Kind", c.kind().dockerKind()));
    }
    ex.json(200, out);
  }

  private void export(Exchange ex) throws java.io.IOException {
    ContainerRecord rec = get(ex);
    OutputStream out = ex.stream(200, "application/x-tar");
    libpod.filesystem().export().export(rec, out);
    out.flush();
  }

  private void top(Exchange ex) throws Exception {
    ContainerRecord rec = get(ex);
    if (!rec.state().status().isAlive()) {
      throw JpodException.conflict("Container " + rec.config().id() + " is not running");
    }
    String psArgs = ex.query("ps_args");
    long init = rec.state().pid();
    List<Long> pids = io.jpod.core.container.ProcessTable.processesOf(init);
    if (ex.path().startsWith("/libpod/")) {
      // podman's ps_args are top's psgo descriptors (user,pid,...), as its own top takes them
      List<String> descriptors = io.jpod.core.container.ProcessTable.descriptors(ex.queryAll("ps_args"));
      List<List<String>> rows = io.jpod.core.container.ProcessTable.system().rows(pids, descriptors, init);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("Titles", rows.getFirst());
      body.put("Processes", rows.subList(1, rows.size()));
      ex.json(200, body);
      return;
    }
    List<String> cmd = new ArrayList<>(List.of("ps"));
    if (psArgs == null || psArgs.isBlank()) {
      cmd.add("-f");
    } else {
      cmd.addAll(List.of(psArgs.trim().split("\\s+")));
    }
    cmd.add("-p");
    cmd.add(String.join(",", pids.stream().map(String::valueOf).toList()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0 && text.isBlank()) {
      throw JpodException.invalid("ps failed with arguments " + psArgs);
    }
    String[] lines = text.split("\n");
    List<String> titles = lines.length == 0 ? List.of() : List.of(lines[0].trim().split("\\s+"));
    List<List<String>> procs = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] cols = lines[i].trim().split("\\s+", titles.size());
      procs.add(List.of(cols));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Titles", titles);
    body.put("Processes", procs);
    ex.json(200, body);
  }

  /** {@code docker commit}: the engine's commit in Docker's image format; the body's Config is not applied yet. */
  private void commit(Exchange ex) {
    String container = ex.query("container");
    if (container == null || container.isEmpty()) {
      throw JpodException.invalid("container is required");
    }
    String id = lookup(container).config().id();
    String repo = ex.query("repo");
    String tag = ex.query("tag");
    String image = repo == null || repo.isEmpty() ? null : repo + ":" + (tag == null || tag.isEmpty() ? "latest" : tag);
    List<String> changes = new ArrayList<>();
    for (String c : ex.queryAll("changes")) {
      for (String line : c.split("\n")) {
        if (!line.isBlank()) {
          changes.add(line.strip());
        }
      }
    }
    var r = libpod.filesystem().commit().commit(id, new io.jpod.core.filesystem.ContainerCommit.Options(
        image, changes, ex.query("comment"), ex.query("author"), ex.bool("pause", true), "docker"));
    ex.json(201, Map.of("Id", "sha256:" + r.image().id()));
  }

  private void prune(Exchange ex) {
    Filters f = ex.filters().allow(Set.of("label", "label!", "until"));
    Instant until = f.has("until") ? Times.parse(f.get("until").getFirst()) : null;
    List<String> deleted = new ArrayList<>();
    for (ContainerRecord r : svc().list()) {
      if (r.state().status().isAlive() || !f.labels("label", r.config().labels())) {
        continue;
      }
      if (until != null && r.config().created().isAfter(until)) {
        continue;
      }
      try {
        svc().remove(r.config().id(), false, null);
        deleted.add(r.config().id());
      } catch (JpodException e) {
        if (e.kind() != ErrorKind.NOT_FOUND) {
          throw e;
        }
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ContainersDeleted", deleted.isEmpty() ? null : deleted);
    body.put("SpaceReclaimed", 0);
    ex.json(200, body);
  }
}
