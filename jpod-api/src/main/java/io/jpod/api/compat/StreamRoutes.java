package io.jpod.api.compat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.api.http.Exchange;
import io.jpod.api.http.Route;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.container.ContainerService;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.logs.K8sFileLog;
import io.jpod.core.logs.LogLine;
import io.jpod.core.oci.conmon.AttachSession;
import io.jpod.core.state.ContainerRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The streaming container endpoints: wait, logs, attach and exec. */
final class StreamRoutes {
  private static final List<Integer> DOCKER_DETACH = AttachSession.parseDetachKeys("ctrl-p,ctrl-q");

  private final Libpod libpod;
  private final ContainerRoutes containers;
  private final PendingAttaches pending;
  private final ExecSessions execs = new ExecSessions();

  StreamRoutes(Libpod libpod, ContainerRoutes containers, PendingAttaches pending) {
    this.libpod = libpod;
    this.containers = containers;
    this.pending = pending;
  }

  private ContainerService svc() {
    return libpod.containers();
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", "/containers/{id}/wait", this::await),
        Route.of("GET", "/containers/{id}/logs", this::logs),
        Route.of("POST", "/containers/{id}/attach", ex -> attach(ex, false)),
        Route.of("GET", "/containers/{id}/attach/ws", ex -> attach(ex, true)),
        Route.of("POST", "/containers/{id}/exec", this::execCreate),
        Route.of("POST", "/exec/{id}/start", this::execStart),
        Route.of("POST", "/exec/{id}/resize", this::execResize),
        Route.of("GET", "/exec/{id}/json", this::execInspect));
  }

  // ---- wait ------------------------------------------------------------------------------------

  private void await(Exchange ex) throws IOException {
    String condition = ex.query("condition");
    if (condition == null || condition.isEmpty()) {
      condition = "not-running";
    }
    if (!List.of("not-running", "next-exit", "removed").contains(condition)) {
      throw JpodException.invalid("invalid condition: \"" + condition + "\"");
    }
    ContainerRecord rec = containers.get(ex);
    String id = rec.config().id();
    // the headers go out before the wait: docker run starts the container only once it has them
    OutputStream out = ex.stream(200, "application/json");
    String cond = condition;
    Integer code = ex.untilHangUp(() -> switch (cond) {
      case "not-running" -> waitNotRunning(rec);
      case "next-exit" -> waitNextExit(rec, false);
      default -> waitNextExit(rec, true);
    });
    if (code == null) {
      return; // docker run -d drops its wait once the container has started
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("StatusCode", code);
    body.put("Error", null);
    out.write(ex.json().writeValueAsBytes(body));
    out.write('\n');
    out.flush();
    execs.forgetContainer(id);
  }

  private int waitNotRunning(ContainerRecord rec) {
    if (!rec.state().status().isAlive()) {
      return rec.state().exitCode();
    }
    return svc().waitForExit(rec.config().id());
  }

  /**
   * Waits for the container's next exit (it may not have started yet: docker run waits before it
   * starts), and with {@code removed} also for its removal; the exit code survives the removal.
   */
  private int waitNextExit(ContainerRecord rec, boolean removed) {
    String id = rec.config().id();
    Instant startedBefore = rec.state().startedAt();
    boolean sawRun = rec.state().status().isAlive();
    Integer code = null;
    while (true) {
      long seen = svc().changeCount();
      ContainerRecord now;
      try {
        now = svc().get(id);
      } catch (JpodException e) {
        if (e.kind() != ErrorKind.NOT_FOUND) {
          throw e;
        }
        return code != null ? code : libpod.state().exitCode(id).orElse(0);
      }
      ContainerStatus s = now.state().status();
      boolean restarted = now.state().startedAt() != null && !now.state().startedAt().equals(startedBefore);
      if (s.isAlive()) {
        sawRun = true;
        try {
          code = svc().waitForExit(id);
        } catch (JpodException e) {
          if (e.kind() != ErrorKind.NOT_FOUND) {
            throw e;
          }
          return libpod.state().exitCode(id).orElse(0);
        }
        if (!removed) {
          return code;
        }
        continue;
      }
      if ((sawRun || restarted) && (s == ContainerStatus.EXITED || s == ContainerStatus.STOPPED)) {
        code = now.state().exitCode();
        if (!removed) {
          return code;
        }
      }
      // docker run sends its wait before its start: a start by this service wakes the wait at once
      svc().awaitChange(seen, java.time.Duration.ofMillis(removed && code != null ? 20 : 10));
    }
  }

  // ---- logs ------------------------------------------------------------------------------------

  private void logs(Exchange ex) throws IOException {
    boolean stdout = ex.bool("stdout", false);
    boolean stderr = ex.bool("stderr", false);
    if (!stdout && !stderr) {
      throw JpodException.invalid("Bad parameters: you must choose at least one stream");
    }
    ContainerRecord rec = containers.get(ex);
    if (!rec.config().logsToFile()) {
      throw JpodException.invalid("configured logging driver does not support reading");
    }
    boolean follow = ex.bool("follow", false);
    boolean timestamps = ex.bool("timestamps", false);
    Instant since = blank(ex.query("since")) || "0".equals(ex.query("since")) ? null : Times.parse(ex.query("since"));
    Instant until = blank(ex.query("until")) || "0".equals(ex.query("until")) ? null : Times.parse(ex.query("until"));
    String tailArg = ex.query("tail");
    int tail = blank(tailArg) || tailArg.equals("all") ? -1 : parseTail(tailArg);
    boolean mux = !rec.config().tty();
    OutputStream sink = ex.stream(200, mux && ex.version().atLeast(1, 42) ? Exchange.MULTIPLEXED_STREAM : Exchange.RAW_STREAM);
    OutputStream out = stdout ? Frames.stream(sink, Frames.STDOUT, mux) : Frames.discard();
    OutputStream err = stderr ? Frames.stream(sink, Frames.STDERR, mux) : Frames.discard();
    LogReplay.stream(libpod, rec, since, until, tail, follow, sink, ex::clientGone, l -> print(l, timestamps, out, err));
  }

  private static boolean blank(String s) {
    return s == null || s.isEmpty();
  }

  private static int parseTail(String s) {
    try {
      return Math.max(-1, Integer.parseInt(s));
    } catch (NumberFormatException e) {
      throw JpodException.invalid("invalid value for tail: " + s);
    }
  }


  private static void print(LogLine l, boolean timestamps, OutputStream out, OutputStream err) throws IOException {
    StringBuilder sb = new StringBuilder();
    if (timestamps) {
      sb.append(l.time().toInstant().toString()).append(' ');
    }
    sb.append(l.content());
    if (l.complete()) {
      sb.append('\n');
    }
    (l.stderr() ? err : out).write(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  // ---- attach ----------------------------------------------------------------------------------

  /**
   * Attach over a hijacked connection or a websocket. {@code logs=1} replays the container's log
   * first; {@code stream=0} ends the attach after that replay. A websocket carries the raw output
   * (no multiplexing), as Docker's does.
   */
  private void attach(Exchange ex, boolean websocket) {
    ContainerRecord rec = containers.get(ex);
    String id = rec.config().id();
    boolean logs = ex.bool("logs", false);
    boolean stream = ex.bool("stream", true);
    if (!logs && !stream) {
      throw JpodException.invalid("at least one of Logs or Stream must be set");
    }
    boolean stdin = ex.bool("stdin", false) && rec.config().stdin() && stream;
    boolean stdout = ex.bool("stdout", false);
    boolean stderr = ex.bool("stderr", false);
    boolean tty = rec.config().tty();
    boolean mux = !tty && !websocket;
    String keys = ex.query("detachKeys");
    List<Integer> detach = keys != null ? AttachSession.parseDetachKeys(keys) : tty && stdin ? DOCKER_DETACH : List.of();
    if (websocket) {
      ex.requireWebSocketHandshake();
    }
    // registered before the answer: docker run sends its start as soon as the attach is upgraded
    CompletableFuture<AttachSession> waiting = stream && !rec.state().status().isAlive() ? pending.register(id) : null;
    java.util.function.Consumer<Exchange.Streams> body = s -> {
      OutputStream out = stdout ? Frames.stream(s.out(), Frames.STDOUT, mux) : Frames.discard();
      OutputStream err = stderr ? Frames.stream(s.out(), Frames.STDERR, mux) : Frames.discard();
      if (logs) {
        try {
          replayLog(rec, out, err);
        } catch (IOException e) {
          if (waiting != null) {
            pending.cancel(id, waiting);
          }
          return; // the client went away during the replay
        }
      }
      if (!stream) {
        return;
      }
      AttachSession session = connectAttach(id, waiting, s.out(), mux);
      if (session == null) {
        return;
      }
      try (session) {
        session.copy(stdin ? s.in() : null, out, err, detach);
      }
    };
    if (websocket) {
      ex.hijackWebSocket(body);
    } else {
      ex.hijack(tty ? Exchange.RAW_STREAM : Exchange.MULTIPLEXED_STREAM, body);
    }
  }

  /**
   * The container's attach socket: at once when it runs, else after the start that a {@code docker
   * run} sends once it has attached; null when the container goes away first.
   */
  private AttachSession connectAttach(String id, CompletableFuture<AttachSession> waiting, OutputStream raw, boolean mux) {
    try {
      return waiting != null ? awaitStart(id, waiting) : AttachSession.connect(svc().paths(svc().get(id).config()).attachSocket());
    } catch (RuntimeException e) {
      systemError(raw, mux, e.getMessage());
      return null;
    }
  }

  private static void replayLog(ContainerRecord rec, OutputStream out, OutputStream err) throws IOException {
    Path file = Path.of(rec.config().logPath());
    if (!rec.config().logsToFile() || !Files.exists(file)) {
      return;
    }
    for (LogLine l : new K8sFileLog(file).readAll()) {
      print(l, false, out, err);
    }
    out.flush();
    err.flush();
  }

  /** Waits for the start that connects this attach; null when the container went away first. */
  private AttachSession awaitStart(String id, CompletableFuture<AttachSession> waiting) {
    try {
      while (true) {
        try {
          return waiting.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          if (!svc().exists(id)) {
            pending.cancel(id, waiting);
            return null;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pending.cancel(id, waiting);
      return null;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : JpodException.system(String.valueOf(e.getCause()));
    }
  }

  private static void systemError(OutputStream out, boolean mux, String message) {
    try {
      byte[] m = (message + "\n").getBytes(StandardCharsets.UTF_8);
      if (mux) {
        out.write(Frames.header(Frames.SYSTEM_ERROR, m.length));
      }
      out.write(m);
      out.flush();
    } catch (IOException e) {
      // the client is gone too
    }
  }

  // ---- exec ------------------------------------------------------------------------------------

  private void execCreate(Exchange ex) {
    ContainerRecord rec = containers.get(ex);
    JsonNode b = ex.bodyObject();
    List<String> cmd = Body.strs(b, "Cmd");
    if (cmd == null || cmd.isEmpty()) {
      throw JpodException.invalid("No exec command specified");
    }
    if (rec.state().status() == ContainerStatus.PAUSED) {
      throw JpodException.conflict("Container " + rec.config().id() + " is paused, unpause the container before exec");
    }
    if (rec.state().status() != ContainerStatus.RUNNING) {
      throw JpodException.conflict("Container " + rec.config().id() + " is not running");
    }
    List<String> env = Body.strs(b, "Env");
    String wd = Body.str(b, "WorkingDir");
    String user = Body.str(b, "User");
    ExecSessions.Exec e = new ExecSessions.Exec(libpod.ids().newId(), rec.config().id(), cmd, env == null ? List.of() : env,
        wd == null || wd.isEmpty() ? null : wd, user == null || user.isEmpty() ? null : user, Body.bool(b, "Tty"),
        Body.bool(b, "AttachStdin"), Body.bool(b, "AttachStdout"), Body.bool(b, "AttachStderr"), Body.str(b, "DetachKeys"),
        Body.bool(b, "Privileged"));
    execs.add(e);
    ex.json(201, Map.of("Id", e.id));
  }

  private void execStart(Exchange ex) {
    ExecSessions.Exec e = execs.get(ex.param("id"));
    JsonNode b = ex.bodyObject();
    synchronized (e) {
      if (e.started) {
        throw JpodException.conflict("Exec " + e.id + " has already been started");
      }
      e.started = true;
    }
    ContainerRecord rec = containers.lookup(e.containerId);
    if (rec.state().status() != ContainerStatus.RUNNING) {
      throw JpodException.conflict("Container " + e.containerId + " is not running");
    }
    boolean tty = e.tty || Body.bool(b, "Tty");
    if (Body.bool(b, "Detach")) {
      e.running = true;
      svc().exec(e.containerId, new io.jpod.core.container.ExecRequest(e.cmd, e.env, e.workDir, e.user, tty, false, true,
          null, e.privileged), new ContainerService.Streams(null, OutputStream.nullOutputStream(), OutputStream.nullOutputStream(), List.of()), () -> {});
      e.running = false;
      ex.status(200);
      return;
    }
    List<Integer> detach = e.detachKeys != null && !e.detachKeys.isEmpty() ? AttachSession.parseDetachKeys(e.detachKeys)
        : tty && e.stdin ? DOCKER_DETACH : List.of();
    ex.hijack(tty ? Exchange.RAW_STREAM : Exchange.MULTIPLEXED_STREAM, s -> {
      OutputStream out = e.stdout ? Frames.stream(s.out(), Frames.STDOUT, !tty) : Frames.discard();
      OutputStream err = e.stderr ? Frames.stream(s.out(), Frames.STDERR, !tty) : Frames.discard();
      InputStream in = e.stdin ? s.in() : null;
      int code;
      try {
        e.running = true;
        code = svc().exec(e.containerId, new io.jpod.core.container.ExecRequest(e.cmd, e.env, e.workDir, e.user, tty,
            e.stdin, false, e.id, e.privileged), new ContainerService.Streams(in, out, err, detach), () -> {});
      } catch (JpodException x) {
        systemError(s.out(), !tty, x.getMessage());
        code = x.kind().exitCode();
      } finally {
        e.running = false;
      }
      // recorded before the stream closes: clients inspect the exec as soon as it does
      e.exitCode = code;
    });
  }

  /** Resizes a running exec's terminal through conmon's control fifo; without a terminal there is nothing to do. */
  private void execResize(Exchange ex) {
    ExecSessions.Exec e = execs.get(ex.param("id"));
    int[] size = ContainerRoutes.terminalSize(ex);
    if (e.tty && e.running) {
      ContainerRecord rec = containers.lookup(e.containerId);
      ContainerRoutes.writeResize(svc().execCtlFifo(rec.config(), e.id), size);
    }
    ex.status(200);
  }

  private void execInspect(Exchange ex) {
    ExecSessions.Exec e = execs.get(ex.param("id"));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ID", e.id);
    m.put("ContainerID", e.containerId);
    m.put("Running", e.running);
    m.put("ExitCode", e.exitCode);
    m.put("Pid", 0);
    m.put("OpenStdin", e.stdin);
    m.put("OpenStdout", e.stdout);
    m.put("OpenStderr", e.stderr);
    m.put("CanRemove", false);
    m.put("DetachKeys", e.detachKeys == null ? "" : e.detachKeys);
    Map<String, Object> pc = new LinkedHashMap<>();
    pc.put("entrypoint", e.cmd.getFirst());
    pc.put("arguments", e.cmd.subList(1, e.cmd.size()));
    pc.put("tty", e.tty);
    pc.put("privileged", e.privileged);
    pc.put("user", e.user == null ? "" : e.user);
    m.put("ProcessConfig", pc);
    ex.json(200, m);
  }
}
