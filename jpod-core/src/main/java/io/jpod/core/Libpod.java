package io.jpod.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jpod.common.Json;
import io.jpod.common.JpodException;
import io.jpod.core.cgroup.CgroupMode;
import io.jpod.core.cgroup.CgroupfsManager;
import io.jpod.core.container.ContainerService;
import io.jpod.core.events.EventLog;
import io.jpod.core.filesystem.ContainerFilesystem;
import io.jpod.core.lock.LockManager;
import io.jpod.core.naming.Ids;
import io.jpod.core.oci.MissingOciRuntime;
import io.jpod.core.oci.OciRuntime;
import io.jpod.core.oci.OciRuntimes;
import io.jpod.core.state.SqliteStateStore;
import io.jpod.core.state.StatePaths;
import io.jpod.core.state.StateStore;
import io.jpod.storage.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The engine: jpod's equivalent of libpod's {@code Runtime}. Build one with {@link #open} and use
 * {@link #containers()} to create, start, wait for, read logs of and remove containers. No daemon is
 * involved: every call works directly on the state database, the store and conmon, so several
 * processes (CLIs, API services, JVM programs) can share one set of directories at once.
 *
 * <pre>{@code
 * try (Libpod libpod = Libpod.open(options)) {
 *   var c = libpod.containers().create(ContainerSpec.of("busybox", List.of("echo", "hi")));
 *   libpod.containers().start(c.config().id());
 *   int code = libpod.containers().waitForExit(c.config().id());
 * }
 * }</pre>
 */
public final class Libpod implements AutoCloseable {
  private final LibpodOptions options;
  private final Ids ids = new Ids();
  private final CgroupMode cgroupMode = CgroupMode.detect(Path.of("/sys/fs/cgroup"));
  private final ConcurrentHashMap<String, Object> lazy = new ConcurrentHashMap<>();

  private Libpod(LibpodOptions options) {
    this.options = options;
  }

  /**
   * Opens the engine over the directories in {@code options}; cheap, everything opens on first use. An
   * unknown storage driver fails here, as podman fails every command then.
   */
  public static Libpod open(LibpodOptions options) {
    Store.requireSupportedDriver(options.storageDriver());
    return new Libpod(options);
  }

  /**
   * Opens the engine the way the jpod CLI does without flags (containers.conf, jpod's default
   * directories). {@code jpodLauncher} is the {@code bin/jpod} that conmon runs when a container exits;
   * null if there is none (exits are then noticed by the next call that looks at the container).
   */
  public static Libpod openDefault(Path jpodLauncher) {
    return open(LibpodOptions.fromConfig(jpodLauncher));
  }

  public LibpodOptions options() {
    return options;
  }

  public ObjectMapper json() {
    return Json.mapper(); // made on first use: most commands never need reflection-based binding
  }

  public Ids ids() {
    return ids;
  }

  public CgroupMode cgroupMode() {
    return cgroupMode;
  }

  @SuppressWarnings("unchecked")
  private <T> T once(String key, Supplier<T> make) {
    return (T) lazy.computeIfAbsent(key, k -> make.get());
  }

  public StateStore state() {
    return once("state", () -> {
      StateStore store = new SqliteStateStore(new StatePaths(options.graphRoot(), options.runRoot(), options.tmpDir(), options.storageDriver()));
      Refresh.ifNeeded(this, store);
      return store;
    });
  }

  public LockManager locks() {
    return once("locks", () -> new LockManager(options.tmpDir().resolve("locks")));
  }

  public Store store() {
    return once("store", () -> Store.open(options.graphRoot(), options.runRoot(), options.storageDriver(), options.storageOptions()));
  }

  public EventLog events() {
    return once(
        "events",
        () -> new EventLog(options.tmpDir().resolve("events").resolve("events.log"), !options.eventsLogger().equals("none")));
  }

  public CgroupfsManager cgroups() {
    return once("cgroups", () -> new CgroupfsManager(Path.of("/sys/fs/cgroup"), cgroupMode));
  }

  public OciRuntimes runtimes() {
    return once("runtimes", () -> new OciRuntimes(options.runtimePaths(), cgroupMode));
  }

  /** The runtime new containers use: the configured one, or the first that works on this host. */
  public OciRuntime defaultRuntime() {
    return once("defaultRuntime", () -> {
      if (!options.runtime().isEmpty()) {
        return runtimes().get(options.runtime());
      }
      return runtimes()
          .firstUsable()
          .orElseGet(() -> new MissingOciRuntime("crun", "", "no OCI runtime found: install runc or crun"));
    });
  }

  /** The conmon binary: the first configured candidate that exists. */
  public String conmonPath() {
    return once("conmon", () -> {
      for (String p : options.conmonPaths()) {
        if (Files.isExecutable(Path.of(p))) {
          return p;
        }
      }
      throw JpodException.system(
          "could not find a working conmon binary (configured options: " + options.conmonPaths() + "): no such file or directory");
    });
  }

  public ContainerService containers() {
    return once("containers", () -> new ContainerService(this));
  }

  /** Containers' root filesystems: mount, export, cp, diff, commit. */
  public ContainerFilesystem filesystem() {
    return once("filesystem", () -> new ContainerFilesystem(this));
  }

  /** Local images: list, inspect, history, tag, remove, prune, disk usage. */
  public io.jpod.core.image.ImageService images() {
    return once("images", () -> new io.jpod.core.image.ImageService(this));
  }

  /** Networks and containers' network namespaces. */
  public io.jpod.core.network.NetworkService networks() {
    return once("networks", () -> new io.jpod.core.network.NetworkService(this));
  }

  /** Volumes and containers' mounts. */
  public io.jpod.core.volume.VolumeService volumes() {
    return once("volumes", () -> new io.jpod.core.volume.VolumeService(this));
  }

  /** Pods and their infra containers. */
  public io.jpod.core.pod.PodService pods() {
    return once("pods", () -> new io.jpod.core.pod.PodService(this));
  }

  /** Secrets (podman's secrets manager, file driver). */
  public io.jpod.core.secret.SecretService secrets() {
    return once("secrets", () -> new io.jpod.core.secret.SecretService(options.graphRoot(), Json.mapper()));
  }

  @Override
  public void close() {
    Object s = lazy.get("state");
    if (s instanceof StateStore st) {
      st.close();
    }
  }
}
