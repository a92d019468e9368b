package io.jpod.core.container;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.Rollback;
import io.jpod.core.cgroup.CgroupMode;
import io.jpod.core.network.NetworkStatus;
import io.jpod.core.oci.ConmonOptions;
import io.jpod.core.oci.ContainerPaths;
import io.jpod.core.oci.OciRuntime;
import io.jpod.core.spec.ProcessUser;
import io.jpod.core.spec.RuntimeSpec;
import io.jpod.core.spec.SeccompProfiles;
import io.jpod.core.spec.SpecContext;
import io.jpod.core.spec.SpecGenerator;
import io.jpod.core.spec.SpecWriter;
import io.jpod.core.spec.UserResolver;
import io.jpod.core.state.ContainerRecord;
import io.jpod.storage.Image;
import io.jpod.storage.ImageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The "init" half of starting a container and the storage steps around it: mount the root
 * filesystem, write hosts/hostname/resolv.conf, generate config.json and have conmon run
 * {@code runtime create}.
 */
final class ContainerInit {
  private final Libpod libpod;

  ContainerInit(Libpod libpod) {
    this.libpod = libpod;
  }

  /** {@code <graphroot>/<driver>-containers}: the store's container dir (also for --rootfs containers). */
  Path bundleRoot() {
    return libpod.store().containers().graphDir();
  }

  ContainerPaths paths(ContainerConfig cfg) {
    return new ContainerPaths(
        bundleRoot().resolve(cfg.id()).resolve("userdata"),
        libpod.store().containers().runDir().resolve(cfg.id()).resolve("userdata"),
        libpod.options().tmpDir().resolve("exits"),
        Path.of(cfg.logPath()),
        blankToNull(cfg.runOptions().pidFile()),
        blankToNull(cfg.runOptions().conmonPidFile()));
  }

  private static Path blankToNull(String p) {
    return p == null || p.isEmpty() ? null : Path.of(p);
  }

  /** The image's defaults for a spec, or none for a --rootfs container. */
  ImageDefaults imageDefaults(ContainerSpec spec) {
    if (spec.rootfs().isPresent()) {
      Path rootfs = Path.of(spec.rootfs().get()).toAbsolutePath().normalize();
      if (!Files.isDirectory(rootfs)) {
        throw JpodException.invalid("rootfs " + rootfs + " does not exist or is not a directory");
      }
      return ImageDefaults.none(rootfs.toString());
    }
    String ref = spec.image().orElseThrow(() -> JpodException.invalid("an image or --rootfs is required"));
    io.jpod.common.Trace.mark("lookup image");
    Image image = libpod.store().images().lookup(ref);
    io.jpod.common.Trace.mark("image found");
    ImageConfig.Config c = libpod.store().images().config(image.id()).config();
    if (c == null) {
      c = ImageConfig.Config.empty();
    }
    String name = image.names().isEmpty() ? image.id() : image.names().getFirst();
    return new ImageDefaults(
        image.id(), name, c.env(), c.entrypoint(), c.cmd(), c.workingDir(), c.user(), c.labels(), c.stopSignal(),
        c.exposedPorts() == null ? List.of() : c.exposedPorts().keySet().stream().sorted().toList(),
        c.volumes() == null ? List.of() : c.volumes().keySet().stream().sorted().toList(),
        imageHealthcheck(image.id()));
  }

  /** The image config's Healthcheck, read from the raw config (the typed one does not carry it). */
  private io.jpod.core.supervision.Healthcheck imageHealthcheck(String imageId) {
    byte[] raw = libpod.store().images().bigData(imageId, io.jpod.storage.BigData.configKey(imageId));
    return io.jpod.core.supervision.SupervisionParser.fromImageConfig(raw);
  }

  /** Creates the container's storage (layer for image containers, plain dirs for --rootfs ones). */
  void createStorage(ContainerConfig cfg, Rollback rb) {
    ContainerPaths p = paths(cfg);
    if (cfg.imageId() != null) {
      removeOrphans(cfg.name());
      libpod.store().containers().create(cfg.id(), cfg.name(), cfg.imageId(), cfg.identity().uidMap(),
          cfg.identity().gidMap());
      rb.add(() -> libpod.store().containers().remove(cfg.id()));
    }
    try {
      Files.createDirectories(p.bundle());
      Files.createDirectories(p.runDir());
      rb.add(() -> deleteTree(p.bundle().getParent()));
      rb.add(() -> deleteTree(p.runDir().getParent()));
    } catch (IOException e) {
      throw JpodException.system("creating container directories: " + e.getMessage(), e);
    }
  }

  /**
   * Removes storage containers that have no database row: what a jpod killed between creating the
   * storage and committing the row leaves behind. With {@code name} only those holding that name.
   */
  int removeOrphans(String name) {
    int removed = 0;
    for (var sc : libpod.store().containers().list()) {
      if ((name == null || sc.nameList().contains(name)) && libpod.state().container(sc.id()).isEmpty()) {
        libpod.store().containers().remove(sc.id());
        deleteTree(bundleRoot().resolve(sc.id()));
        deleteTree(libpod.store().containers().runDir().resolve(sc.id()));
        removed++;
      }
    }
    return removed;
  }

  /**
   * Drops the container's own use of its root filesystem (image containers only); the overlay stays
   * mounted while {@code jpod mount} (or a cp in progress) still uses it, as in podman.
   */
  void releaseStorage(ContainerConfig cfg) {
    if (cfg.imageId() != null) {
      try {
        libpod.store().containers().unmount(cfg.id(), false);
      } catch (JpodException e) {
        if (e.kind() != ErrorKind.NOT_FOUND) {
          throw e;
        }
      }
    }
  }

  /** Deletes all of the container's files; tolerant of parts already gone. */
  void removeStorage(ContainerConfig cfg) {
    if (cfg.imageId() != null) {
      try {
        libpod.store().containers().remove(cfg.id());
      } catch (JpodException e) {
        if (e.kind() != ErrorKind.NOT_FOUND) {
          throw e;
        }
      }
    }
    ContainerPaths p = paths(cfg);
    deleteTree(p.bundle().getParent());
    deleteTree(p.runDir().getParent());
  }

  /**
   * podman's resolveWorkDir: a working directory given with -w must exist (or lie on a mount, or go
   * through a symlink the runtime resolves); only the image's own WORKDIR is made when missing.
   */
  private void checkWorkDir(ContainerConfig cfg, Path rootfs, List<RuntimeSpec.Mount> mounts) {
    String wd = cfg.workingDir();
    if (wd == null || wd.isEmpty() || wd.equals("/") || !wd.startsWith("/")) {
      return;
    }
    Path resolved;
    try {
      resolved = io.jpod.core.spec.RootfsPaths.resolve(rootfs, wd);
    } catch (java.io.IOException e) {
      return; // a symlink loop: the runtime reports it
    }
    if (Files.exists(resolved)) {
      if (!Files.isDirectory(resolved)) {
        throw new JpodException(io.jpod.common.ErrorKind.RUNTIME_CANNOT_INVOKE,
            "workdir \"" + wd + "\" exists on container " + cfg.id() + ", but is not a directory");
      }
      return;
    }
    List<String> onMounts = new ArrayList<>(List.of("/proc", "/dev", "/sys"));
    mounts.forEach(m -> onMounts.add(m.destination()));
    cfg.mounts().forEach(m -> onMounts.add(m.destination()));
    for (String d : onMounts) {
      if (wd.equals(d) || wd.startsWith(d.endsWith("/") ? d : d + "/")) {
        return;
      }
    }
    if (!resolved.equals(rootfs.resolve(wd.substring(1)).normalize())) {
      return; // through a symlink, perhaps to a mount made later: the runtime decides
    }
    if (cfg.imageId() != null) {
      ImageConfig.Config image = libpod.store().images().config(cfg.imageId()).config();
      if (image != null && wd.equals(image.workingDir())) {
        return; // the image's WORKDIR: made by the runtime
      }
    }
    throw new JpodException(io.jpod.common.ErrorKind.RUNTIME_CANNOT_INVOKE,
        "workdir \"" + wd + "\" does not exist on container " + cfg.id());
  }

  /** The task's result, computed here and now if nobody started it (FutureTask runs once). */
  private static String result(java.util.concurrent.FutureTask<String> task) {
    task.run();
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return null;
    }
  }

  /** Configured/exited → created: everything up to and including {@code runtime create}. */
  ContainerRecord initialize(ContainerRecord rec) {
    ContainerConfig cfg = rec.config();
    ContainerPaths p = paths(cfg);
    // host.containers.internal of a container without a bridge is the host's address: looking it up
    // costs a fresh JVM some milliseconds, so it runs beside the mount and the conmon start
    java.util.concurrent.FutureTask<String> hostAddress = new java.util.concurrent.FutureTask<>(ContainerFiles::hostAddress);
    if (!cfg.network().noHosts() && List.of("none", "host").contains(cfg.networkMode())) {
      Thread.ofVirtual().start(hostAddress);
    }
    OciRuntime runtime = runtimeFor(cfg);
    try (Rollback rb = new Rollback(); var heldPorts = libpod.networks().reservePorts(cfg);
        OciRuntime.PreparedCreate conmon = prepareRuntime(cfg, p, runtime, heldPorts.fds())) {
      Map<String, String> secretEnv = cfg.secrets().isEmpty() ? Map.of()
          : io.jpod.core.secret.SecretMounts.env(libpod.secrets(), cfg.secrets());
      Path rootfs;
      if (cfg.imageId() != null) {
        rootfs = libpod.store().containers().mount(cfg.id(), cfg.autoRemove());
        rb.add(() -> libpod.store().containers().unmount(cfg.id(), false));
      } else {
        rootfs = Path.of(cfg.rootfs());
      }
      ContainerFiles.ensureMtab(cfg, rootfs);
      io.jpod.common.Trace.mark("mounted");
      Map<String, String> joined = joinedNamespaces(cfg);
      NetworkStatus network = libpod.networks().setup(cfg, rb);
      List<RuntimeSpec.Mount> userMounts = io.jpod.core.secret.SecretMounts.addTo(
          libpod.volumes().mountsFor(cfg, rootfs, rb), cfg.secrets(), p.bundle());
      checkWorkDir(cfg, rootfs, userMounts);
      Path networkFilesDir = null;
      if (cfg.network().joinsContainer()) {
        networkFilesDir = paths(libpod.state().lookupContainer(cfg.network().target()).config()).runDir();
      }
      ContainerFiles.write(cfg, p, Path.of("/etc/resolv.conf"), network, networkFilesDir == null,
          () -> result(hostAddress));
      Path shm = new io.jpod.core.pod.PodShm(libpod).prepare(cfg, c -> paths(c).shmDir(), rb);
      RuntimeSpec spec = io.jpod.core.secret.SecretMounts.withEnv(
          SpecGenerator.generate(cfg, specContext(cfg, p, rootfs, network, userMounts, joined, networkFilesDir, shm)), secretEnv);
      SpecWriter.write(spec, p.configJson());
      // after the spec: podman resolves the user's groups before it adds the user's entries
      io.jpod.core.identity.IdentityFiles.apply(cfg, p, rootfs);
      io.jpod.common.Trace.mark("spec written");
      OciRuntime.CreatedContainer created = conmon.create();
      io.jpod.common.Trace.mark("runtime created");
      // whatever fails from here on must not leave the runtime's container (and conmon, which exits
      // with it) behind
      rb.add(() -> {
        try {
          runtime.kill(cfg.id(), io.jpod.sys.Processes.SIGKILL, false);
        } catch (JpodException e) {
          // already gone: the delete below is what matters
        }
        runtime.delete(cfg.id());
      });
      if (network == null && io.jpod.core.network.NetworkService.postConfigured(cfg)) {
        // in a user namespace the runtime made the network namespace: wire it before the process runs,
        // then write /etc/hosts and resolv.conf again (in place: they are bind-mounted) with its addresses
        network = libpod.networks().setupCreated(cfg, created.pid(), rb);
        ContainerFiles.write(cfg, p, Path.of("/etc/resolv.conf"), network, networkFilesDir == null,
            () -> result(hostAddress));
      }
      ContainerState st = rec.state().withStatus(ContainerStatus.CREATED)
          .withPids(created.pid(), created.conmonPid())
          .withMountPoint(rootfs.toString())
          .withNetwork(network)
          .withError("");
      libpod.state().saveState(cfg.id(), st);
      rb.commit();
      new ContainerEvents(libpod).write("init", cfg, null);
      return new ContainerRecord(cfg, st);
    } catch (JpodException e) {
      libpod.state().saveState(cfg.id(), rec.state().withError(e.getMessage()));
      throw e;
    }
  }

  /**
   * Clears the run directory of the last run's files and starts conmon, which waits (moved into its
   * cgroup meanwhile) until the caller has written the bundle and lets it run {@code runtime create}.
   */
  private OciRuntime.PreparedCreate prepareRuntime(ContainerConfig cfg, ContainerPaths p, OciRuntime runtime,
      List<io.jpod.sys.Fd> heldFds) {
    prepareRunDir(p);
    return runtime.prepareCreate(cfg, p, conmonOptions(cfg, runtime).withHeldFds(heldFds));
  }

  private void prepareRunDir(ContainerPaths p) {
    try {
      Files.createDirectories(p.runDir());
      Files.createDirectories(p.bundle());
      Files.createDirectories(p.exitDir());
      // config.json too: a conmon whose start pipe closes early (this process killed) goes on to
      // `runtime create`, which must then fail rather than run the last run's configuration
      for (Path stale : List.of(p.configJson(), p.pidFile(), p.conmonPidFile(), p.ociLog(),
          p.exitFile(p.bundle().getParent().getFileName().toString()))) {
        Files.deleteIfExists(stale);
      }
    } catch (IOException e) {
      throw JpodException.system("preparing " + p.runDir() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The namespace files of the containers this one joins (network, ipc, uts, pid), which must be
   * running: podman refuses to start a container whose namespace owner is not.
   */
  private Map<String, String> joinedNamespaces(ContainerConfig cfg) {
    Map<String, String> paths = new HashMap<>();
    var nsc = cfg.namespaces();
    Map<String, String> targets = new HashMap<>();
    if (cfg.network().joinsContainer()) {
      targets.put("network", cfg.network().target());
    }
    if (cfg.identity().joinedContainer() != null) {
      targets.put("user", cfg.identity().joinedContainer());
    }
    for (var e : Map.of("ipc", nsc.ipc(), "uts", nsc.uts(), "pid", nsc.pid()).entrySet()) {
      String t = NamespaceConfig.joinedContainer(e.getValue());
      if (t != null) {
        targets.put(e.getKey(), t);
      }
    }
    for (var e : targets.entrySet()) {
      ContainerRecord target = libpod.state().lookupContainer(e.getValue());
      if (target.state().status() != ContainerStatus.RUNNING || target.state().pid() <= 0) {
        throw JpodException.wrongState("cannot join the " + e.getKey() + " namespace of container "
            + target.config().id() + ": it is not running: container state improper");
      }
      String file = e.getKey().equals("network") ? "net" : e.getKey();
      paths.put(e.getKey(), "/proc/" + target.state().pid() + "/ns/" + file);
    }
    return paths;
  }

  private SpecContext specContext(ContainerConfig cfg, ContainerPaths p, Path rootfs, NetworkStatus network,
      List<RuntimeSpec.Mount> userMounts, Map<String, String> joined, Path networkFilesDir, Path shm) {
    ProcessUser user = UserResolver.resolve(rootfs, cfg.user());
    CgroupMode mode = libpod.cgroupMode();
    SpecContext.CgroupVersion version =
        switch (mode) {
          case V1 -> SpecContext.CgroupVersion.V1;
          case HYBRID -> SpecContext.CgroupVersion.HYBRID;
          case V2 -> SpecContext.CgroupVersion.V2;
        };
    RuntimeSpec.Seccomp seccomp =
        SeccompProfiles.forContainer(cfg.seccompProfile(), SeccompProfiles.DEFAULT_PROFILE, cfg.capabilities(), "amd64");
    return new SpecContext(
        rootfs,
        p.runDir(),
        shm,
        version,
        libpod.options().cgroupManager().equals("systemd")
            ? SpecContext.CgroupManager.SYSTEMD
            : SpecContext.CgroupManager.CGROUPFS,
        true,
        io.jpod.core.cgroup.CgroupFlags.privateNamespace(cfg.identity().cgroupnsMode(), mode == CgroupMode.V2),
        network == null ? null : network.netnsPath(),
        seccomp,
        user,
        userMounts,
        joined,
        networkFilesDir);
  }

  ConmonOptions conmonOptions(ContainerConfig cfg, OciRuntime runtime) {
    var o = libpod.options();
    List<String> exit = new ArrayList<>(o.exitCommand());
    if (!exit.isEmpty()) {
      // --exit: run by conmon, not by a user (quiet, and bin/jpod answers it without a JVM when the
      // foreground jpod has cleaned up already)
      exit.addAll(List.of("container", "cleanup", "--exit"));
      exit.add(cfg.id());
    }
    Map<String, String> env = new HashMap<>();
    for (String k : List.of("PATH", "HOME", "LANG", "CONTAINERS_CONF", "JAVA_HOME", "TMPDIR", "XDG_RUNTIME_DIR")) {
      String v = System.getenv(k);
      if (v != null) {
        env.put(k, v);
      }
    }
    env.putIfAbsent("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    boolean placeConmon = cfg.cgroupsMode().equals("enabled") && System.getenv("INVOCATION_ID") == null;
    return new ConmonOptions(
        libpod.conmonPath(),
        o.logLevel().equals("debug") || o.logLevel().equals("trace") ? "debug" : "warning",
        env,
        exit,
        o.runtimeSupportsJson().contains(runtime.name()),
        o.noPivot(),
        o.cgroupManager().equals("systemd"),
        pid -> {
          if (placeConmon) {
            libpod.cgroups().moveConmon(cfg.cgroupParent(), pid);
          }
        });
  }

  OciRuntime runtimeFor(ContainerConfig cfg) {
    OciRuntime def = libpod.defaultRuntime();
    return def.name().equals(cfg.runtime()) ? def : libpod.runtimes().get(cfg.runtime());
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw JpodException.system("removing " + dir + ": " + e.getMessage(), e);
    }
  }
}
