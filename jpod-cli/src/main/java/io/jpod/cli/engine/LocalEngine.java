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
  public Map<String, Object> info(String clientVersion) {
    return io.jpod.core.system.SystemInfo.collect(libpod, clientVersion, false);
  }

  @Override
  public List<io.jpod.core.network.Network> networks() {
    return libpod.networks().store().list();
  }

  @Override
  public java.util.Optional<io.jpod.core.network.Network> findNetwork(String nameOrId) {
    return libpod.networks().store().find(nameOrId);
  }

  @Override
  public io.jpod.core.network.Network createNetwork(io.jpod.core.network.NetworkService.CreateRequest request) {
    return libpod.networks().create(request);
  }

  @Override
  public String removeNetwork(String nameOrId, boolean force, Integer timeoutSeconds) {
    return libpod.networks().remove(nameOrId, force, timeoutSeconds).name();
  }

  @Override
  public void connectNetwork(String container, String network, List<String> aliases, String ip, String ip6, String mac) {
    libpod.networks().connect(container, network, aliases, ip, ip6, mac);
  }

  @Override
  public void disconnectNetwork(String container, String network, boolean force) {
    libpod.networks().disconnect(container, network);
  }

  @Override
  public String createVolume(io.jpod.core.volume.VolumeService.CreateRequest request) {
    return libpod.volumes().create(request).name();
  }

  @Override
  public List<Map<String, Object>> volumes(List<String> filters) {
    var keep = io.jpod.cli.volume.VolumeViews.filter(libpod, filters);
    List<Map<String, Object>> out = new ArrayList<>();
    libpod.volumes().list().stream().filter(keep).forEach(v -> out.add(views.volumeInspect(v.name())));
    return out;
  }

  @Override
  public Map<String, Object> inspectVolume(String name) {
    return views.volumeInspect(name);
  }

  @Override
  public void removeVolume(String name, boolean force, Integer timeoutSeconds) {
    libpod.volumes().remove(name, force, timeoutSeconds);
  }

  @Override
  public List<String> pruneVolumes(List<String> filters) {
    return libpod.volumes().prune(io.jpod.cli.volume.VolumeViews.filter(libpod, filters));
  }

  @Override
  public String createPod(io.jpod.core.pod.PodSpec spec) {
    return libpod.pods().create(spec).id();
  }

  @Override
  public List<Map<String, Object>> pods() {
    return views.pods();
  }

  @Override
  public Map<String, Object> inspectPod(String nameOrId) {
    return views.podInspect(nameOrId);
  }

  @Override
  public String startPod(String nameOrId) {
    return libpod.pods().start(nameOrId).id();
  }

  @Override
  public String stopPod(String nameOrId, Integer timeoutSeconds) {
    return libpod.pods().stop(nameOrId, timeoutSeconds).id();
  }

  @Override
  public String removePod(String nameOrId, boolean force, Integer timeoutSeconds) {
    String id = libpod.pods().lookup(nameOrId).id();
    libpod.pods().remove(id, force, timeoutSeconds);
    return id;
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
    return svc().exec(nameOrId, new io.jpod.core.container.ExecRequest(e.command(), e.env(), e.workDir(), e.user(), e.tty(),
        e.interactive(), e.detach(), null, e.privileged()), streams, () -> { });
  }

  @Override
  public void logs(String nameOrId, boolean follow, int tail, boolean timestamps, OutputStream out, OutputStream err) {
    logs(nameOrId, follow, tail, timestamps, null, null, out, err);
  }

  @Override
  public void logs(String nameOrId, boolean follow, int tail, boolean timestamps, java.time.Instant since,
      java.time.Instant until, OutputStream out, OutputStream err) {
    var rec = svc().get(nameOrId);
    var lines = new K8sFileLog(java.nio.file.Path.of(rec.config().logPath())).readAll().stream()
        .filter(l -> (since == null || !l.time().toInstant().isBefore(since))
            && (until == null || !l.time().toInstant().isAfter(until)))
        .toList();
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
  public void pause(String nameOrId) {
    svc().pause(nameOrId);
  }

  @Override
  public void unpause(String nameOrId) {
    svc().unpause(nameOrId);
  }

  @Override
  public void restart(String nameOrId, Integer timeoutSeconds) {
    svc().restart(nameOrId, timeoutSeconds);
  }

  @Override
  public void rename(String nameOrId, String newName) {
    svc().rename(nameOrId, newName);
  }

  @Override
  public int await(String nameOrId, List<String> conditions) {
    if (conditions.isEmpty() || conditions.contains("stopped") || conditions.contains("exited")) {
      return svc().waitForExit(nameOrId);
    }
    try {
      while (true) {
        var s = svc().get(nameOrId).state().status();
        if (conditions.contains(s.cliName())
            || (s == io.jpod.core.container.ContainerStatus.CONFIGURED && conditions.contains("configured"))) {
          return -1;
        }
        Thread.sleep(250);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw io.jpod.common.JpodException.system("interrupted");
    }
  }

  @Override
  public List<List<String>> top(String nameOrId, List<String> descriptors) {
    throw new UnsupportedOperationException("top prints ps's own table locally");
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
