package io.jpod.core.container;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.Rollback;
import io.jpod.core.lock.ObjectLock;
import io.jpod.core.oci.ContainerPaths;
import io.jpod.core.oci.OciRuntime;
import io.jpod.core.oci.conmon.AttachSession;
import io.jpod.core.state.ContainerRecord;
import io.jpod.core.state.StateStore;
import io.jpod.sys.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The container lifecycle: every operation takes the container's lock, re-reads its state, checks the
 * transition, acts, saves and records an event, as libpod's container API does. The state machine
 * (libpod's, with its integer codes) is documented on {@link ContainerStatus}.
 */
public final class ContainerService {

  private final Libpod libpod;
  private final ContainerInit init;
  private final ContainerEvents events;
  private final ContainerSignals signals;
  private final ContainerChanges changes = new ContainerChanges();

  public ContainerService(Libpod libpod) {
    this.libpod = libpod;
    this.init = new ContainerInit(libpod);
    this.events = new ContainerEvents(libpod);
    this.signals = new ContainerSignals(libpod, this);
  }

  private StateStore state() {
    return libpod.state();
  }

  /** Paths of a container's runtime files. */
  public ContainerPaths paths(ContainerConfig cfg) {
    return init.paths(cfg);
  }

  // ---- queries ---------------------------------------------------------------------------------

  /** The container named or identified by {@code nameOrId}, with its state brought up to date. */
  public ContainerRecord get(String nameOrId) {
    ContainerRecord rec = state().lookupContainer(nameOrId);
    return needsSync(rec) ? locked(rec.config().id(), r -> r) : rec;
  }

  /** All containers, states up to date, oldest first. */
  public List<ContainerRecord> list() {
    List<ContainerRecord> out = new ArrayList<>();
    for (ContainerRecord rec : state().containers()) {
      if (needsSync(rec)) {
        try {
          rec = locked(rec.config().id(), r -> r);
        } catch (JpodException e) {
          if (e.kind() == ErrorKind.NOT_FOUND) {
            continue; // removed meanwhile by another process
          }
          throw e;
        }
      }
      out.add(rec);
    }
    return out;
  }

  public boolean exists(String nameOrId) {
    try {
      state().lookupContainer(nameOrId);
      return true;
    } catch (JpodException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  // ---- create ----------------------------------------------------------------------------------

  /** Creates a container (state "created"); nothing runs yet. */
  public ContainerRecord create(ContainerSpec spec) {
    ImageDefaults image = init.imageDefaults(spec);
    io.jpod.common.Trace.mark("image resolved");
    OciRuntime runtime = libpod.defaultRuntime();
    if (runtime instanceof io.jpod.core.oci.MissingOciRuntime missing) {
      // podman refuses to start at all without a usable runtime; refusing before anything is created
      // keeps a failed run from leaving a container behind.
      throw JpodException.system(missing.reason());
    }
    libpod.conmonPath();
    boolean generatedName = spec.name().filter(n -> !n.isEmpty()).isEmpty();
    ContainerFactory factory = new ContainerFactory(libpod.options(), libpod.ids(),
        ref -> state().lookupContainer(ref).config(),
        () -> state().containers().stream().map(ContainerRecord::config).toList(),
        names -> libpod.secrets().uses(names)); // the secrets store is opened only when secrets are named
    ContainerState st = ContainerState.configured();
    ContainerConfig cfg;
    try (Rollback podRollback = new Rollback()) {
      ContainerPlacement placement = new ContainerPlacement(
          libpod.networks().resolve(spec.network(), image.exposedPorts()),
          libpod.volumes().resolve(spec.volumes(), image.volumes()),
          null, NamespaceConfig.privateAll(), "/libpod_parent", null);
      if (spec.pod().isPresent()) {
        placement = libpod.pods().place(spec, placement, podRollback);
      }
      for (int attempt = 1; ; attempt++) {
        cfg = factory.build(spec, image, placement, runtime.name(), init.bundleRoot(), this::nameHolder);
        io.jpod.common.Trace.mark("config built");
        try (Rollback rb = new Rollback()) {
          init.createStorage(cfg, rb);
          if (!cfg.secrets().isEmpty()) {
            io.jpod.core.secret.SecretMounts.writeFiles(libpod.secrets(), cfg.secrets(), init.paths(cfg).bundle());
          }
          io.jpod.common.Trace.mark("storage created");
          libpod.volumes().createFor(cfg, rb);
          state().addContainer(cfg, st);
          rb.commit();
          break;
        } catch (JpodException e) {
          // Another jpod may take the same generated name between the check and the insert; like
          // podman, pick another name (the rollback has undone this attempt's storage).
          if (!generatedName || attempt >= 5 || e.kind() != io.jpod.common.ErrorKind.CONFLICT
              || !e.getMessage().contains("the container name \"" + cfg.name() + "\"")) {
            throw e;
          }
        }
      }
      podRollback.commit();
    }
    event("create", cfg, null);
    io.jpod.common.Trace.mark("db row added");
    return new ContainerRecord(cfg, st);
  }

  /**
   * Removes what interrupted creations left behind (storage without a database row) and returns how
   * many such leftovers there were; {@code container prune} and {@code rm --all} call it.
   */
  public int removeOrphans() {
    return init.removeOrphans(null);
  }

  // ---- start / attach --------------------------------------------------------------------------

  /** Starts a container (init first when needed); NOT_MODIFIED when it is already running. */
  public ContainerRecord start(String nameOrId) {
    ContainerRecord found = state().lookupContainer(nameOrId);
    String id = found.config().id();
    startDependencies(found.config());
    return locked(id, rec -> {
      rec = prepareStart(rec);
      return doStart(rec);
    });
  }

  /**
   * Starts a container like {@link #start(String)}, first handing conmon's attach socket to {@code
   * beforeStart} once the runtime has created the container and before its process runs: the REST
   * API's attach requests come before its start request, and connecting here keeps them from missing
   * the first output. The hook runs under the container's lock and must not block for long.
   */
  public ContainerRecord start(String nameOrId, java.util.function.Consumer<Path> beforeStart) {
    ContainerRecord found = state().lookupContainer(nameOrId);
    String id = found.config().id();
    startDependencies(found.config());
    return locked(id, rec -> {
      rec = prepareStart(rec);
      beforeStart.accept(paths(rec.config()).attachSocket());
      return doStart(rec);
    });
  }

  /**
   * {@code jpod init}: everything of a start up to {@code runtime create} (mounts, config.json,
   * conmon), leaving the container "initialized" for a later start. Only configured or stopped
   * containers qualify, as in podman.
   */
  public ContainerRecord initialize(String nameOrId) {
    ContainerRecord found = state().lookupContainer(nameOrId);
    String id = found.config().id();
    startDependencies(found.config());
    return locked(id, rec -> switch (rec.state().status()) {
      case STOPPED -> init.initialize(cleanup(rec));
      case CONFIGURED, EXITED, UNKNOWN -> init.initialize(rec);
      default -> throw JpodException.wrongState("container " + id + " has already been created in runtime");
    });
  }

  /** What the caller's terminal or streams are for an attached start. */
  public record Streams(InputStream in, OutputStream out, OutputStream err, List<Integer> detachKeys) {}

  /** The result of an attached run: the exit code, or that the user detached. */
  public record AttachResult(int exitCode, boolean detached) {}

  /**
   * Starts a container attached to {@code streams} (podman's {@code run} and {@code start -a}):
   * connects to conmon's attach socket before {@code runtime start} so no output is lost, copies until
   * the container exits, then returns its exit code (removing it when it is an --rm container).
   */
  public AttachResult startAttached(String nameOrId, Streams streams, Runnable onStarted) {
    ContainerRecord found = state().lookupContainer(nameOrId);
    String id = found.config().id();
    startDependencies(found.config());
    if (found.config().logDriver().equals("passthrough")) {
      // the container has this process's own stdio (conmon inherits it): nothing to attach to
      ContainerRecord started = start(id);
      onStarted.run();
      return new AttachResult(waitForExit(id, started.state().startedAt()), false);
    }
    AttachSession session;
    ContainerRecord started;
    try (ObjectLock lock = libpod.locks().lock(id)) {
      ContainerRecord rec = prepareStart(syncOrNotFound(id));
      session = AttachSession.connect(paths(rec.config()).attachSocket());
      try {
        started = doStart(rec);
      } catch (RuntimeException e) {
        session.close();
        throw e;
      }
    }
    io.jpod.common.Trace.mark("started");
    onStarted.run();
    event("attach", started.config(), null);
    AttachSession.End end;
    try (session) {
      end = session.copy(streams.in(), streams.out(), streams.err(), streams.detachKeys());
    }
    io.jpod.common.Trace.mark("output ended");
    if (end == AttachSession.End.DETACHED) {
      return new AttachResult(0, true);
    }
    return new AttachResult(waitForExit(id, started.state().startedAt()), false);
  }

  /** Attaches to a running container until it exits or the user detaches. */
  public AttachResult attach(String nameOrId, Streams streams) {
    ContainerRecord rec = get(nameOrId);
    if (rec.state().status() != ContainerStatus.RUNNING) {
      throw JpodException.wrongState("you can only attach to running containers");
    }
    AttachSession.End end;
    try (AttachSession session = AttachSession.connect(paths(rec.config()).attachSocket())) {
      event("attach", rec.config(), null);
      end = session.copy(streams.in(), streams.out(), streams.err(), streams.detachKeys());
    }
    if (end == AttachSession.End.DETACHED) {
      return new AttachResult(0, true);
    }
    return new AttachResult(waitForExit(rec.config().id()), false);
  }

  /**
   * Starts the containers whose namespaces this one joins (a pod's infra container, a
   * {@code --network container:} target) when they are not running, as podman's recursive start does.
   */
  private void startDependencies(ContainerConfig cfg) {
    for (String dep : cfg.dependencies()) {
      ContainerRecord d = get(dep);
      if (d.state().status() != ContainerStatus.RUNNING) {
        try {
          start(dep);
        } catch (JpodException e) {
          if (e.kind() != ErrorKind.NOT_MODIFIED) {
            throw e;
          }
        }
      }
    }
  }

  private ContainerRecord prepareStart(ContainerRecord rec) {
    return switch (rec.state().status()) {
      case RUNNING -> throw new JpodException(ErrorKind.NOT_MODIFIED, "container " + rec.config().id() + " is already running");
      case PAUSED -> throw JpodException.wrongState("cannot start paused container " + rec.config().id());
      case REMOVING -> throw JpodException.wrongState("container " + rec.config().id() + " is being removed");
      case STOPPING -> throw JpodException.wrongState("container " + rec.config().id() + " is stopping");
      case STOPPED -> init.initialize(cleanup(rec));
      case CONFIGURED, EXITED, UNKNOWN -> init.initialize(rec);
      case CREATED -> rec;
    };
  }

  private ContainerRecord doStart(ContainerRecord rec) {
    ContainerConfig cfg = rec.config();
    try {
      runtime(cfg).start(cfg.id());
    } catch (JpodException e) {
      ContainerRecord now = sync(rec, false); // no restart policy here: a start that fails would loop
      if (now != null) {
        ContainerStatus s = now.state().status();
        ContainerRecord failed = s == ContainerStatus.CREATED || s == ContainerStatus.STOPPED ? cleanup(now) : now;
        state().saveState(cfg.id(), failed.state().withError(e.getMessage()));
      }
      throw e;
    }
    ContainerState st = rec.state().withStarted(Instant.now());
    state().saveState(cfg.id(), st);
    event("start", cfg, null);
    io.jpod.core.supervision.Supervision.started(cfg.supervision(), cfg.id(), paths(cfg).runDir(), libpod.options().exitCommand());
    return new ContainerRecord(cfg, st);
  }

  // ---- wait / exit -----------------------------------------------------------------------------

  /**
   * Waits for the container to exit and returns its exit code. conmon writes the exit file the moment
   * the container's process ends (it exits itself only after its exit-command delay), so the exit
   * file, not conmon's death, is what is waited for.
   */
  public int waitForExit(String nameOrId) {
    return waitForExit(nameOrId, null);
  }

  /**
   * Waits for the run that began at {@code startedAt} (null: the current one) to end: a restart
   * policy may already have started the container again, and then the first run's exit code is the
   * answer, as podman's foreground run returns it.
   */
  private int waitForExit(String nameOrId, Instant startedAt) {
    String id = state().lookupContainer(nameOrId).config().id();
    while (true) {
      ContainerRecord rec;
      try {
        rec = get(id);
      } catch (JpodException e) {
        if (e.kind() == ErrorKind.NOT_FOUND) {
          return state().exitCode(id).orElseThrow(() -> e);
        }
        throw e;
      }
      ContainerStatus s = rec.state().status();
      if (s == ContainerStatus.EXITED || s == ContainerStatus.STOPPED || s == ContainerStatus.CONFIGURED) {
        return rec.state().exitCode();
      }
      if (startedAt == null && s == ContainerStatus.RUNNING) {
        startedAt = rec.state().startedAt();
      } else if (startedAt != null && rec.state().startedAt() != null && !startedAt.equals(rec.state().startedAt())) {
        return state().exitCode(id).orElse(rec.state().exitCode());
      }
      waitForFile(paths(rec.config()).exitFile(id), rec.state().conmonPid(), Duration.ofMillis(500));
    }
  }

  /**
   * The work of {@code jpod container cleanup}, which conmon runs when the container exits: record
   * the exit, release the runtime's and the storage's resources, and remove --rm containers.
   */
  public void cleanupAfterExit(String nameOrId) {
    String id = state().lookupContainer(nameOrId).config().id();
    try (ObjectLock lock = libpod.locks().lock(id)) {
      // sync records the exit, cleans up, and removes --rm containers: the whole job
      sync(state().lookupContainer(id));
    }
  }

  /**
   * Brings the saved state in line with reality: a live container whose exit file exists has exited
   * (and is cleaned up, or removed if it is an --rm container: then null is returned). Caller holds the
   * lock.
   */
  ContainerRecord sync(ContainerRecord rec) {
    return sync(rec, true);
  }

  private ContainerRecord sync(ContainerRecord rec, boolean restartPolicy) {
    if (rec.state().status() == ContainerStatus.STOPPED) {
      return finishCleanup(rec);
    }
    if (!needsSync(rec)) {
      return rec;
    }
    ContainerConfig cfg = rec.config();
    Path exitFile = paths(cfg).exitFile(cfg.id());
    int code;
    Instant finished;
    try {
      if (Files.exists(exitFile)) {
        String text = Files.readString(exitFile).strip();
        code = text.isEmpty() ? -1 : Integer.parseInt(text);
        finished = Files.getLastModifiedTime(exitFile).toInstant();
      } else if (rec.state().conmonPid() > 0 && !Processes.isAlive(rec.state().conmonPid())) {
        // conmon died without an exit file (killed, or the host rebooted): the container is gone too.
        code = -1;
        finished = Instant.now();
      } else {
        return rec;
      }
    } catch (IOException | NumberFormatException e) {
      throw JpodException.system("reading exit file " + exitFile + ": " + e.getMessage());
    }
    boolean oom = Files.exists(paths(cfg).oomFile());
    ContainerState st = rec.state().withExit(code, oom, finished);
    state().saveState(cfg.id(), st);
    state().recordExitCode(cfg.id(), code);
    event("died", cfg, code);
    // Whoever notices the exit first finishes the job (podman leaves it to the exit command, which is a
    // JVM start away here): release the runtime's resources, and remove --rm containers at once.
    ContainerRecord exited = finishCleanup(new ContainerRecord(cfg, st));
    libpod.pods().afterExit(cfg);
    if (exited == null) {
      return null; // podman's --rm takes the anonymous volumes along
    }
    if (exited.state().status() == ContainerStatus.STOPPED) {
      return exited; // cleanup failed (logged); the next look retries it
    }
    return restartPolicy ? restartByPolicy(exited) : exited;
  }

  /**
   * Restarts a container that just exited when its restart policy says so (podman's
   * handleRestartPolicy): the count goes up, a "restart" event is recorded, and it is initialized and
   * started again. A restart that fails leaves it exited with the error. Caller holds the lock.
   */
  private ContainerRecord restartByPolicy(ContainerRecord rec) {
    ContainerConfig cfg = rec.config();
    ContainerState st = rec.state();
    if (!cfg.supervision().restartPolicy().shouldRestart(st.exitCode(), st.stoppedByUser(), st.restartCount())) {
      return rec;
    }
    ContainerState counted = st.withRestartCount(st.restartCount() + 1);
    state().saveState(cfg.id(), counted);
    event("restart", cfg, null);
    ContainerRecord counting = new ContainerRecord(cfg, counted);
    try {
      return doStart(init.initialize(counting));
    } catch (JpodException e) {
      ContainerRecord now = state().container(cfg.id()).orElse(counting);
      state().saveState(cfg.id(), now.state().withError(e.getMessage()));
      return new ContainerRecord(cfg, now.state().withError(e.getMessage()));
    }
  }

  /** Syncs the container under the caller's lock; NOT_FOUND if an exit just removed it (--rm). */
  private ContainerRecord syncOrNotFound(String id) {
    ContainerRecord rec = sync(state().lookupContainer(id));
    if (rec == null) {
      throw JpodException.notFound("no container with name or ID \"" + id + "\" found: no such container");
    }
    return rec;
  }

  /**
   * An exit recorded whose cleanup did not finish (it failed, or the jpod doing it was killed): the
   * next look at the container finishes it, as podman's cleanup of a stopped container does. A
   * cleanup that fails again leaves it stopped, and the failure logged, rather than failing the look.
   */
  private ContainerRecord finishCleanup(ContainerRecord rec) {
    try {
      ContainerRecord exited = cleanup(rec);
      if (rec.config().autoRemove()) {
        removeLocked(exited, true);
        return null;
      }
      return exited;
    } catch (JpodException e) {
      io.jpod.common.Logrus.warn("cleaning up container " + rec.config().id() + ": " + e.getMessage());
      return rec;
    }
  }

  private static boolean needsSync(ContainerRecord rec) {
    ContainerStatus s = rec.state().status();
    return s.isAlive() || s == ContainerStatus.CREATED;
  }

  /** Releases a stopped container's runtime resources and storage mount. Caller holds the lock. */
  ContainerRecord cleanup(ContainerRecord rec) {
    ContainerConfig cfg = rec.config();
    ContainerStatus s = rec.state().status();
    if (s == ContainerStatus.CREATED && rec.state().conmonPid() > 0 && Processes.isAlive(rec.state().conmonPid())) {
      runtime(cfg).kill(cfg.id(), Processes.SIGKILL, false);
    }
    runtime(cfg).delete(cfg.id());
    io.jpod.common.Trace.mark("runtime deleted");
    libpod.networks().teardown(cfg, rec.state().network());
    libpod.volumes().unmountFor(cfg);
    new io.jpod.core.pod.PodShm(libpod).release(cfg, c -> paths(c).shmDir());
    init.releaseStorage(cfg);
    io.jpod.common.Trace.mark("storage released");
    ContainerPaths p = paths(cfg);
    for (Path f : List.of(p.attachSocket(), p.ctlFifo(), p.winszFifo(), p.oomFile(), p.exitFile(cfg.id()))) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        // leftover runtime files are harmless; the next init overwrites them
      }
    }
    io.jpod.core.supervision.Supervision.stopped(cfg.supervision(), p.runDir());
    ContainerStatus next = s == ContainerStatus.CREATED ? ContainerStatus.CONFIGURED : ContainerStatus.EXITED;
    ContainerState st = rec.state().withStatus(next).withPids(0, 0).withMountPoint(null).withNetwork(null);
    state().saveState(cfg.id(), st);
    event("cleanup", cfg, null);
    io.jpod.common.Trace.mark("cleaned up");
    return new ContainerRecord(cfg, st);
  }

  // ---- stop / kill / pause (ContainerSignals) -------------------------------------------------

  /**
   * Stops a container: its stop signal, then SIGKILL after {@code timeoutSeconds} (the container's own
   * stop timeout when null). Returns false when it was not running.
   */
  public boolean stop(String nameOrId, Integer timeoutSeconds) {
    return signals.stop(nameOrId, timeoutSeconds);
  }

  /** Sends a signal to the container's process. */
  public ContainerRecord kill(String nameOrId, int signal) {
    return signals.kill(nameOrId, signal);
  }

  public ContainerRecord pause(String nameOrId) {
    return signals.pause(nameOrId);
  }

  public ContainerRecord unpause(String nameOrId) {
    return signals.unpause(nameOrId);
  }

  public ContainerRecord restart(String nameOrId, Integer timeoutSeconds) {
    ContainerRecord current = get(nameOrId);
    if (current.state().status() == ContainerStatus.PAUSED || current.state().status() == ContainerStatus.UNKNOWN) {
      throw JpodException.wrongState("unable to restart a container in a paused or unknown state: container state improper");
    }
    String id = current.config().id();
    stop(id, timeoutSeconds);
    ContainerRecord rec = start(id);
    event("restart", rec.config(), null);
    return rec;
  }

  // ---- exec ------------------------------------------------------------------------------------

  /**
   * Runs {@code command} in the running container, attached to {@code streams} (or detached), and
   * returns its exit code (0 when detached).
   */
  public int exec(String nameOrId, List<String> command, List<String> env, String workDir, String user,
      boolean tty, boolean stdin, boolean detach, Streams streams, Runnable onStarted) {
    return exec(nameOrId, null, command, env, workDir, user, tty, stdin, detach, streams, onStarted);
  }

  /**
   * As above, with the session id chosen by the caller (null: a new one), so an API client's exec
   * id names the session's files: its terminal is resized through {@link #execCtlFifo}.
   */
  public int exec(String nameOrId, String sessionId, List<String> command, List<String> env, String workDir, String user,
      boolean tty, boolean stdin, boolean detach, Streams streams, Runnable onStarted) {
    return exec(nameOrId, new ExecRequest(command, env, workDir, user, tty, stdin, detach, sessionId, false), streams, onStarted);
  }

  /**
   * Runs a process in a running container through conmon's exec mode; returns its exit code (0 at
   * once when detached). {@code onStarted} runs once the process is attached.
   */
  public int exec(String nameOrId, ExecRequest req, Streams streams, Runnable onStarted) {
    return new ContainerExec(libpod, init).run(get(nameOrId), req, streams, onStarted);
  }

  /** conmon's control fifo of a running exec session (the container's is {@code paths(cfg).ctlFifo()}). */
  public java.nio.file.Path execCtlFifo(ContainerConfig cfg, String sessionId) {
    return paths(cfg).bundle().resolve(sessionId).resolve("ctl");
  }

  /** The exit command of a detached exec session: forget the finished session. */
  public void cleanupExecSession(String nameOrId, String sessionId) {
    ContainerRecord rec = state().lookupContainer(nameOrId);
    new ContainerExec(libpod, init).cleanupSession(rec.config(), sessionId);
  }

  // ---- remove / rename -------------------------------------------------------------------------

  /**
   * Removes a container. A running one is refused unless {@code force}, which stops it first (with
   * {@code timeoutSeconds}, or its stop timeout when null).
   */
  public void remove(String nameOrId, boolean force, Integer timeoutSeconds) {
    remove(nameOrId, force, timeoutSeconds, false);
  }

  /** Removes a container; with {@code removeVolumes} ({@code rm -v}) its anonymous volumes too. */
  public void remove(String nameOrId, boolean force, Integer timeoutSeconds, boolean removeVolumes) {
    ContainerRecord found = state().lookupContainer(nameOrId);
    String id = found.config().id();
    libpod.pods().podOfInfra(found.config().podId(), id).ifPresent(pod -> {
      throw JpodException.wrongState("container " + id + " is the infra container of pod " + pod.id()
          + " and cannot be removed without removing the pod");
    });
    removeChecked(id, force, timeoutSeconds, removeVolumes);
  }

  /** Removes a container of a pod being removed (its infra container included): PodService's step. */
  public void removeWithPod(String id, boolean force, Integer timeoutSeconds) {
    removeChecked(state().lookupContainer(id).config().id(), force, timeoutSeconds, false);
  }

  private void removeChecked(String id, boolean force, Integer timeoutSeconds, boolean removeVolumes) {
    ContainerRecord rec = get(id);
    if (rec.state().status().isAlive()) {
      if (!force) {
        throw JpodException.conflict(
            "cannot remove container " + id + " as it is " + rec.state().status().cliName()
                + " - running or paused containers cannot be removed without force: container state improper");
      }
      stop(id, timeoutSeconds);
    }
    try (ObjectLock lock = libpod.locks().lock(id)) {
      rec = sync(state().lookupContainer(id));
      if (rec == null) {
        return; // it was an --rm container and its exit removed it
      }
      if (rec.state().status().isAlive()) {
        throw JpodException.conflict("container " + id + " started again while being removed");
      }
      removeLocked(rec, removeVolumes);
    }
  }

  /** Removes a container that is not running. Caller holds its lock. */
  private void removeLocked(ContainerRecord rec, boolean removeVolumes) {
    String id = rec.config().id();
    if (rec.state().status() == ContainerStatus.STOPPED || rec.state().status() == ContainerStatus.CREATED) {
      rec = cleanup(rec);
    }
    // The database row is removed first: once it is gone the container no longer exists for anyone,
    // and leftover files are only garbage that a later removal sweeps.
    state().saveState(id, rec.state().withStatus(ContainerStatus.REMOVING));
    state().removeContainer(id);
    io.jpod.common.Trace.mark("row removed");
    init.removeStorage(rec.config());
    io.jpod.common.Trace.mark("storage removed");
    libpod.networks().release(rec.config());
    libpod.volumes().removeFor(rec.config(), removeVolumes);
    libpod.locks().remove(id);
    event("remove", rec.config(), null);
    io.jpod.common.Trace.mark("removed");
  }

  /**
   * {@code update}: validates the new limits against the container's current ones, applies them to a
   * live container through the runtime, and stores them so inspect and the next start keep them.
   */
  public ContainerRecord update(String nameOrId, io.jpod.core.resources.ResourceRequest request, Long pidsLimit) {
    return update(nameOrId, request, pidsLimit, null);
  }

  /**
   * {@code update} that may also replace the restart policy (Docker's update; podman 4.3 has no
   * {@code --restart} there). The policy is read from the stored config when the container exits, so
   * storing it is all it takes; an auto-removed container keeps none, as Docker refuses.
   */
  public ContainerRecord update(String nameOrId, io.jpod.core.resources.ResourceRequest request, Long pidsLimit,
      io.jpod.core.supervision.RestartPolicy restart) {
    String id = state().lookupContainer(nameOrId).config().id();
    return locked(id, rec -> {
      ContainerConfig old = rec.config();
      if (restart != null && old.autoRemove() && restart.restarts()) {
        throw JpodException.invalid("Restart policy cannot be updated because AutoRemove is enabled for the container");
      }
      if (restart != null) {
        var sup = old.supervision();
        old = old.withSupervision(new io.jpod.core.supervision.SupervisionConfig(restart, sup.healthcheck(),
            sup.healthOnFailure()));
      }
      var resources = new io.jpod.core.resources.ResourceParser(io.jpod.core.resources.ResourceParser.Host.system())
          .apply(old.resources(), request, false);
      long pids = pidsLimit != null ? pidsLimit : old.pidsLimit();
      ContainerConfig cfg = old.withResources(resources, pids);
      var status = rec.state().status();
      if (status == ContainerStatus.RUNNING || status == ContainerStatus.PAUSED || status == ContainerStatus.CREATED) {
        String json;
        try {
          json = io.jpod.common.Json.mapper().writeValueAsString(
              io.jpod.core.spec.ResourceSpec.forUpdate(resources, pids));
        } catch (java.io.IOException e) {
          throw JpodException.system("encoding resources: " + e.getMessage(), e);
        }
        runtime(cfg).update(id, json);
      }
      state().updateConfig(cfg);
      event("update", cfg, null);
      return new ContainerRecord(cfg, rec.state());
    });
  }

  /** The id of the container called {@code name}, or null when the name is free. */
  private String nameHolder(String name) {
    if (!state().nameInUse(name)) {
      return null;
    }
    try {
      return state().lookupContainer(name).config().id();
    } catch (JpodException e) {
      return "another container"; // removed meanwhile: still report the clash the insert will hit
    }
  }

  public ContainerRecord rename(String nameOrId, String newName) {
    if (!io.jpod.core.naming.Ids.validName(newName)) {
      throw JpodException.invalid("names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument");
    }
    String id = state().lookupContainer(nameOrId).config().id();
    return locked(id, rec -> {
      if (rec.config().name().equals(newName)) {
        return rec; // podman: renaming to the current name is a no-op
      }
      if (state().nameInUse(newName)) {
        throw JpodException.conflict("error renaming container " + id + ": the container name \"" + newName
            + "\" is already in use by " + nameHolder(newName) + ": that name is already in use");
      }
      ContainerConfig cfg = rec.config().withName(newName);
      state().updateConfig(cfg);
      event("rename", cfg, null);
      return new ContainerRecord(cfg, rec.state());
    });
  }

  /**
   * Waits until conmon writes the exit file (or is gone); false on timeout. Polls every millisecond at
   * first, since waits often begin just before the exit (a short --rm run, a stop), then backs off to
   * every 5 ms: a few dozen more stat calls per wait, milliseconds less between exit and cleanup.
   */
  boolean waitForFile(Path exitFile, long conmonPid, Duration timeout) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(exitFile) || (conmonPid > 0 && !Processes.isAlive(conmonPid))) {
        io.jpod.common.Trace.mark("exit seen");
        return true;
      }
      try {
        Thread.sleep(Math.min(5, 1 + (System.nanoTime() - start) / 20_000_000L));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw JpodException.system("interrupted while waiting for the container to exit");
      }
    }
    return Files.exists(exitFile);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  OciRuntime runtime(ContainerConfig cfg) {
    return init.runtimeFor(cfg);
  }

  /** Runs {@code op} on the freshly synced record while holding the container's lock. */
  <T> T locked(String id, java.util.function.Function<ContainerRecord, T> op) {
    try (ObjectLock lock = libpod.locks().lock(id)) {
      return op.apply(syncOrNotFound(id));
    }
  }

  void event(String status, ContainerConfig cfg, Integer exitCode) {
    events.write(status, cfg, exitCode);
    changes.signal();
  }

  /**
   * How many container events this process has recorded: a caller that polls a container's state
   * reads it first and then waits with {@link #awaitChange}, which returns early when one happens.
   */
  public long changeCount() {
    return changes.count();
  }

  /**
   * Sleeps for {@code max} or until this process records a container event after {@code seen} was
   * read (another process's changes are seen at the caller's next poll).
   */
  public void awaitChange(long seen, Duration max) {
    try {
      changes.await(seen, max);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw JpodException.system("interrupted");
    }
  }

}
