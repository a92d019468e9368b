package io.jpod.core.oci.conmon;

import io.jpod.common.JpodException;
import io.jpod.sys.Fd;
import io.jpod.sys.Pipe;
import io.jpod.sys.Processes;
import io.jpod.sys.Spawn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Spawns conmon with the sync pipe on fd 3 and the start pipe on fd 4 (and, for exec sessions, the
 * attach pipe on fd 5), the file descriptors {@code ProcessBuilder} cannot hand over.
 */
public final class ConmonLauncher {
  private final Path devNull = Path.of("/dev/null");

  /** A conmon that has been released and is now creating the container or exec process. */
  public record Launched(long conmonPid, SyncPipe sync, Fd attachPipe, Fd startPipe) implements AutoCloseable {
    @Override
    public void close() {
      sync.close();
      if (attachPipe != null) {
        attachPipe.close();
      }
      if (startPipe != null) {
        startPipe.close();
      }
    }
  }

  /**
   * Starts conmon, lets {@code placeInCgroup} move it while it is blocked on the start pipe, releases
   * it, waits for the first conmon process to daemonize and returns the daemon's pid.
   *
   * @param keepStartPipe exec sessions need a second start byte later (after attaching), so the write
   *     end is handed back instead of being closed
   */
  public Launched launch(
      List<String> argv,
      Map<String, String> env,
      Path conmonPidFile,
      boolean withAttachPipe,
      boolean keepStartPipe,
      LongConsumer placeInCgroup) {
    return launch(argv, env, conmonPidFile, withAttachPipe, keepStartPipe, placeInCgroup, List.of());
  }

  /**
   * {@link #launch(List, Map, Path, boolean, boolean, LongConsumer)} with {@code heldFds} passed on
   * the fds after the pipes (as podman passes its reserved host-port sockets); conmon never touches
   * them, so they stay open, and the ports taken, until it exits. The caller keeps and closes its own
   * copies.
   */
  public Launched launch(
      List<String> argv,
      Map<String, String> env,
      Path conmonPidFile,
      boolean withAttachPipe,
      boolean keepStartPipe,
      LongConsumer placeInCgroup,
      List<Fd> heldFds) {
    try (Pending pending = prepare(argv, env, conmonPidFile, withAttachPipe, keepStartPipe, placeInCgroup, heldFds, false)) {
      return pending.release();
    }
  }

  /**
   * The first half of {@link #launch(List, Map, Path, boolean, boolean, LongConsumer, List)}: starts
   * conmon, which blocks on the start pipe, and moves it into its cgroup on a second thread, so the
   * caller can go on preparing what conmon needs (the bundle's config.json) meanwhile: on cgroup v1 the
   * first write to a cgroup.procs waits for an RCU grace period in the kernel (~10 ms here).
   * {@link Pending#release()} finishes the launch; closing an unreleased one kills conmon.
   *
   * @param inheritStdio hand conmon this process's own stdin, stdout and stderr (the passthrough log
   *     driver, where the container writes straight to them); otherwise conmon gets /dev/null
   */
  public Pending prepare(
      List<String> argv,
      Map<String, String> env,
      Path conmonPidFile,
      boolean withAttachPipe,
      boolean keepStartPipe,
      LongConsumer placeInCgroup,
      List<Fd> heldFds,
      boolean inheritStdio) {
    Pipe sync = Pipe.open();
    Pipe start = Pipe.open();
    Pipe attach = withAttachPipe ? Pipe.open() : null;
    Map<String, String> fullEnv = new HashMap<>(env);
    fullEnv.put("_OCI_SYNCPIPE", "3");
    fullEnv.put("_OCI_STARTPIPE", "4");
    if (attach != null) {
      fullEnv.put("_OCI_ATTACHPIPE", "5");
    }
    List<String> envList = new ArrayList<>();
    fullEnv.forEach((k, v) -> envList.add(k + "=" + v));
    int pid;
    try (Fd nullIn = Fd.open(devNull.toString(), Fd.O_RDWR | Fd.O_CLOEXEC, 0)) {
      Map<Integer, Fd> fds = new HashMap<>();
      if (inheritStdio) {
        // jpod's own descriptors, never closed here: Fd.of only names them
        fds.put(0, Fd.of(0));
        fds.put(1, Fd.of(1));
        fds.put(2, Fd.of(2));
      } else {
        fds.put(0, nullIn);
        fds.put(1, nullIn);
      }
      fds.put(3, sync.write());
      fds.put(4, start.read());
      if (attach != null) {
        fds.put(5, attach.write());
      }
      int next = attach != null ? 6 : 5;
      for (Fd held : heldFds) {
        fds.put(next++, held);
      }
      // conmon writes its "oom" file into its working directory: like libpod, run it in the bundle.
      int b = argv.indexOf("-b");
      Path cwd = b >= 0 && b + 1 < argv.size() ? Path.of(argv.get(b + 1)) : null;
      pid = Spawn.spawn(argv.getFirst(), argv, envList, fds, true, cwd);
    } catch (RuntimeException e) {
      closeAll(sync, start, attach);
      throw e;
    } finally {
      sync.write().close();
      start.read().close();
      if (attach != null) {
        attach.write().close();
      }
    }
    io.jpod.common.Trace.mark("conmon spawned");
    Pending pending = new Pending(pid, sync, start, attach, conmonPidFile, keepStartPipe);
    pending.place(placeInCgroup);
    return pending;
  }

  /** A conmon blocked on its start pipe while it is moved into its cgroup. */
  public static final class Pending implements AutoCloseable {
    private final int pid;
    private final Pipe sync;
    private final Pipe start;
    private final Pipe attach;
    private final Path conmonPidFile;
    private final boolean keepStartPipe;
    private Thread placing;
    private volatile RuntimeException placeFailure;
    private boolean done;

    private Pending(int pid, Pipe sync, Pipe start, Pipe attach, Path conmonPidFile, boolean keepStartPipe) {
      this.pid = pid;
      this.sync = sync;
      this.start = start;
      this.attach = attach;
      this.conmonPidFile = conmonPidFile;
      this.keepStartPipe = keepStartPipe;
    }

    // A platform thread: the move blocks in the kernel, and a command-line jpod has no virtual
    // thread scheduler running that it would be worth starting for this.
    private void place(LongConsumer placeInCgroup) {
      placing = Thread.ofPlatform().daemon().name("jpod-conmon-cgroup").start(() -> {
        try {
          placeInCgroup.accept(pid);
        } catch (RuntimeException e) {
          placeFailure = e;
        }
      });
    }

    /**
     * Waits for the cgroup move, releases conmon, waits for the first conmon process to daemonize and
     * returns the daemon's pid.
     */
    public Launched release() {
      done = true;
      joinPlacing();
      io.jpod.common.Trace.mark("conmon placed");
      try {
        if (placeFailure != null) {
          throw placeFailure;
        }
        start.write().write(new byte[] {0}, 0, 1);
        if (!keepStartPipe) {
          start.write().close();
        }
        int status = Processes.waitpid(pid);
        if (status != 0) {
          throw JpodException.system("conmon failed: exit status " + status);
        }
        io.jpod.common.Trace.mark("conmon daemonized");
        long conmonPid = Long.parseLong(Files.readString(conmonPidFile).strip());
        return new Launched(
            conmonPid, new SyncPipe(sync.read()), attach == null ? null : attach.read(), keepStartPipe ? start.write() : null);
      } catch (IOException e) {
        closeAll(sync, start, attach);
        throw JpodException.system("reading conmon pid file " + conmonPidFile + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        closeAll(sync, start, attach);
        Processes.kill(pid, Processes.SIGKILL);
        throw e;
      }
    }

    /**
     * Kills a conmon that was never released, before closing its start pipe: a start pipe closed on
     * it would let it go on and run {@code runtime create}. Does nothing after {@link #release()}.
     */
    @Override
    public void close() {
      if (done) {
        return;
      }
      done = true;
      Processes.kill(pid, Processes.SIGKILL);
      joinPlacing();
      try {
        Processes.waitpid(pid);
      } catch (JpodException e) {
        // already reaped
      } finally {
        closeAll(sync, start, attach);
      }
    }

    private void joinPlacing() {
      boolean interrupted = false;
      while (true) {
        try {
          placing.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the move takes milliseconds: finish waiting, keep the interrupt
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void closeAll(Pipe... pipes) {
    for (Pipe p : pipes) {
      if (p != null) {
        p.read().close();
        p.write().close();
      }
    }
  }
}
