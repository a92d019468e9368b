package io.jpod.cli.engine;

import io.jpod.cli.system.CliViews;
import io.jpod.core.Libpod;
import io.jpod.core.container.ContainerService;
import io.jpod.core.container.ContainerSpec;
import io.jpod.core.logs.K8sFileLog;
import io.jpod.core.transfer.ImagePuller;
import io.jpod.core.transfer.TransferOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The engine in this process: a thin adapter over the library. */
public final class LocalEngine implements ContainerEngine {
  private final Libpod libpod;
  private final CliViews views;

  public LocalEngine(Libpod libpod) {
    this.libpod = libpod;
    this.views = new CliViews(libpod);
  }

  private ContainerService svc() {
    return libpod.containers();
  }

  @Override
  public boolean remote() {
    return false;
  }

  @Override
  public Map<String, Object> serverVersion() {
    return null;
  }

  @Override
  public String create(ContainerSpec spec) {
    return svc().create(spec).config().id();
  }

  @Override
  public void start(String nameOrId) {
    svc().start(nameOrId);
  }

  @Override
  public boolean stop(String nameOrId, Integer timeoutSeconds) {
    return svc().stop(nameOrId, timeoutSeconds);
  }

  @Override
  public void kill(String nameOrId, int signal) {
    svc().kill(nameOrId, signal);
  }

  @Override
  public void remove(String nameOrId, boolean force, Integer timeoutSeconds, boolean volumes) {
    svc().remove(nameOrId, force, timeoutSeconds, volumes);
  }

  @Override
  public int await(String nameOrId) {
    var rec = svc().get(nameOrId);
    return rec.state().status().isAlive() ? svc().waitForExit(rec.config().id()) : rec.state().exitCode();
  }

  @Override
  public ContainerService.AttachResult startAttached(String id, boolean tty, ContainerService.Streams streams) {
    return svc().startAttached(id, streams, () -> { });
  }

  @Override
  public int exec(String nameOrId, Exec e, ContainerService.Streams streams) {
    return svc().exec(nameOrId, e.command(), e.env(), e.workDir(), e.user(), e.tty(), e.interactive(), e.detach(), streams, () -> { });
  }

  @Override
  public void logs(String nameOrId, boolean follow, int tail, boolean timestamps, OutputStream out, OutputStream err) {
    var rec = svc().get(nameOrId);
    var lines = new K8sFileLog(java.nio.file.Path.of(rec.config().logPath())).readAll();
    if (tail >= 0 && lines.size() > tail) {
      lines = lines.subList(lines.size() - tail, lines.size());
    }
    try {
      for (var l : lines) {
        String s = (timestamps ? l.time().toInstant() + " " : "") + l.content() + (l.complete() ? "\n" : "");
        (l.stderr() ? err : out).write(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      out.flush();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public List<Map<String, Object>> containers(boolean all) {
    List<Map<String, Object>> out = new ArrayList<>();
    svc().list().stream().filter(r -> all || r.state().status().isAlive())
        .sorted(Comparator.comparing((io.jpod.core.state.ContainerRecord r) -> r.config().created()).reversed())
        .forEach(r -> out.add(views.containerSummary(r)));
    return out;
  }

  @Override
  public Map<String, Object> inspectContainer(String nameOrId) {
    return views.containerInspect(svc().get(nameOrId));
  }

  @Override
  public Map<String, Object> inspectImage(String ref) {
    return views.imageInspect(ref);
  }

  @Override
  public List<Map<String, Object>> images(boolean all) {
    return views.images(all);
  }

  @Override
  public boolean imageExists(String ref) {
    return libpod.images().exists(ref);
  }

  @Override
  public String pull(String ref, Boolean tlsVerify, PrintStream progress) {
    TransferOptions o = TransferOptions.defaults();
    if (tlsVerify != null) {
      o = new TransferOptions(o.access().withTlsVerify(tlsVerify), o.platform(), o.tmpDir(), o.terminal(), o.progress(), o.notes(),
          o.chooser());
    }
    return new ImagePuller(libpod).pull(ref, false, o).getFirst().id();
  }

  @Override
  public List<String> removeImage(String ref, boolean force) {
    var r = libpod.images().remove(List.of(ref), force, false, false, false);
    if (!r.errors().isEmpty()) {
      throw r.errors().getFirst();
    }
    List<String> out = new ArrayList<>();
    r.reports().forEach(rep -> {
      rep.untagged().forEach(u -> out.add("Untagged: " + u));
      if (rep.removed()) {
        out.add("Deleted: " + rep.id());
      }
    });
    return out;
  }
}
