package io.jpod.api.compat;

import io.jpod.common.JpodException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker's exec objects: created by one request, started by another, inspected after (Testcontainers
 * reads the exit code right after the stream closes). The engine runs an exec in one call, so the
 * service keeps the two halves together here; the oldest finished ones are forgotten past a bound.
 */
final class ExecSessions {
  private static final int MAX = 2000;

  /** One exec: what to run, and what became of it. */
  static final class Exec {
    final String id;
    final String containerId;
    final List<String> cmd;
    final List<String> env;
    final String workDir;
    final String user;
    final boolean tty;
    final boolean stdin;
    final boolean stdout;
    final boolean stderr;
    final String detachKeys;
    final boolean privileged;
    volatile boolean started;
    volatile boolean running;
    volatile Integer exitCode;

    Exec(String id, String containerId, List<String> cmd, List<String> env, String workDir, String user, boolean tty,
        boolean stdin, boolean stdout, boolean stderr, String detachKeys, boolean privileged) {
      this.id = id;
      this.containerId = containerId;
      this.cmd = List.copyOf(cmd);
      this.env = List.copyOf(env);
      this.workDir = workDir;
      this.user = user;
      this.tty = tty;
      this.stdin = stdin;
      this.stdout = stdout;
      this.stderr = stderr;
      this.detachKeys = detachKeys;
      this.privileged = privileged;
    }
  }

  private final Map<String, Exec> execs = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Exec> eldest) {
      return size() > MAX && !eldest.getValue().running;
    }
  };

  synchronized void add(Exec e) {
    execs.put(e.id, e);
  }

  synchronized Exec get(String id) {
    Exec e = execs.get(id);
    if (e == null) {
      throw JpodException.notFound("No such exec instance: " + id);
    }
    return e;
  }

  synchronized void forgetContainer(String containerId) {
    execs.values().removeIf(e -> e.containerId.equals(containerId) && !e.running);
  }
}
