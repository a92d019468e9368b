package io.jpod.core.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.oci.ConmonOptions;
import io.jpod.core.oci.ExecHandle;
import io.jpod.core.oci.ExecPaths;
import io.jpod.core.oci.OciRuntime;
import io.jpod.core.oci.conmon.AttachSession;
import io.jpod.core.spec.ProcessUser;
import io.jpod.core.spec.UserResolver;
import io.jpod.core.state.ContainerRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code exec}: a new process in a running container, run by conmon in exec mode with the container's
 * process settings (capabilities, rlimits, no_new_privs) and the caller's overrides.
 */
final class ContainerExec {
  private final Libpod libpod;
  private final ContainerInit init;

  ContainerExec(Libpod libpod, ContainerInit init) {
    this.libpod = libpod;
    this.init = init;
  }

  int run(ContainerRecord rec, ExecRequest req, ContainerService.Streams streams, Runnable onStarted) {
    ContainerConfig cfg = rec.config();
    if (rec.state().status() != ContainerStatus.RUNNING) {
      throw JpodException.wrongState("can only create exec sessions on running containers: container state improper");
    }
    if (req.command().isEmpty()) {
      throw JpodException.invalid("must provide a non-empty command to start an exec session: invalid argument");
    }
    String sessionId = req.sessionId() != null ? req.sessionId() : libpod.ids().newId();
    ExecPaths paths = new ExecPaths(sessionId, init.paths(cfg).bundle().resolve(sessionId));
    OciRuntime runtime = init.runtimeFor(cfg);
    boolean recorded = false;
    boolean keyDetached = false;
    try {
      Files.createDirectories(paths.exitDir());
      writeProcessSpec(rec, req, paths.processSpec());
      libpod.state().addExecSession(cfg.id(), sessionId, libpod.json().writeValueAsString(Map.of(
          "id", sessionId, "command", req.command(), "tty", req.tty(), "detached", req.detach())));
      recorded = true;
      ConmonOptions options = init.conmonOptions(cfg, runtime);
      // Only a detached session needs conmon to clean up after it; an attached one is cleaned up here.
      options = req.detach()
          ? options.withExitCommand(execCleanupCommand(options.exitCommand(), sessionId, cfg.id()))
          : options.withExitCommand(List.of());
      try (ExecHandle h = runtime.exec(cfg, paths, options, req.tty(), req.stdin())) {
        h.awaitAttachable();
        if (req.detach()) {
          h.release();
          return 0;
        }
        try (AttachSession session = AttachSession.connect(paths.attachSocket())) {
          h.release();
          new ContainerEvents(libpod).write("exec", cfg, null);
          onStarted.run();
          keyDetached = session.copy(streams.in(), streams.out(), streams.err(), streams.detachKeys())
              == AttachSession.End.DETACHED;
        }
        if (keyDetached) {
          // the session goes on without us; its record and directory go with the container. podman
          // reports no exit code for it, which its exec command turns into 255
          return 255;
        }
        int code = h.awaitExit();
        new ContainerEvents(libpod).write("exec_died", cfg, code);
        return code;
      }
    } catch (IOException e) {
      throw JpodException.system("preparing exec session: " + e.getMessage(), e);
    } finally {
      if (!req.detach() && !keyDetached) {
        if (recorded) {
          try {
            libpod.state().removeExecSession(sessionId);
          } catch (JpodException e) {
            // the container was removed meanwhile, and its sessions with it
          }
        }
        ContainerInit.deleteTree(paths.dir());
      }
    }
  }

  /** {@code jpod … container cleanup --exec SESSION CONTAINER}, from the container's exit command. */
  private static List<String> execCleanupCommand(List<String> containerExit, String sessionId, String ctrId) {
    int cleanup = containerExit.indexOf("container");
    List<String> base = cleanup < 0 ? containerExit : containerExit.subList(0, cleanup);
    List<String> cmd = new java.util.ArrayList<>(base);
    cmd.addAll(List.of("container", "cleanup", "--exec", sessionId, ctrId));
    return cmd;
  }

  /** Forgets a finished exec session: its record and its directory. */
  void cleanupSession(ContainerConfig cfg, String sessionId) {
    try {
      libpod.state().removeExecSession(sessionId);
    } catch (JpodException e) {
      // already gone (removed with the container, or cleaned before)
    }
    ContainerInit.deleteTree(init.paths(cfg).bundle().resolve(sessionId));
  }

  private void writeProcessSpec(ContainerRecord rec, ExecRequest req, Path target) throws IOException {
    var json = libpod.json();
    JsonNode config = json.readTree(init.paths(rec.config()).configJson().toFile());
    ObjectNode process = ((ObjectNode) config.get("process")).deepCopy();
    ArrayNode args = process.putArray("args");
    req.command().forEach(args::add);
    Map<String, String> env = new LinkedHashMap<>();
    process.withArray("env").forEach(e -> put(env, e.asText()));
    req.env().forEach(e -> put(env, e));
    ArrayNode envNode = process.putArray("env");
    env.forEach((k, v) -> envNode.add(k + "=" + v));
    if (req.workDir() != null && !req.workDir().isEmpty()) {
      process.put("cwd", req.workDir());
    }
    ProcessUser u = UserResolver.forExec(Path.of(rec.state().mountPoint()), req.user(), rec.config().user(),
        rec.config().security().groupAdd());
    ObjectNode user = process.putObject("user");
    user.put("uid", u.uid());
    user.put("gid", u.gid());
    JsonNode umask = config.path("process").path("user").get("umask");
    if (umask != null) {
      user.set("umask", umask);
    }
    if (!u.additionalGids().isEmpty()) {
      ArrayNode g = user.putArray("additionalGids");
      u.additionalGids().forEach(g::add);
    }
    if (req.privileged()) {
      // podman's exec --privileged: every capability jpod may hand on, in the sets the container's own
      // process has (a non-root user gets the bounding set only)
      ObjectNode caps = (ObjectNode) process.get("capabilities");
      if (caps == null) {
        caps = process.putObject("capabilities");
        caps.putArray("bounding");
      }
      List<String> all = ContainerFactory.boundingCaps();
      for (String set : List.of("bounding", "effective", "permitted", "inheritable", "ambient")) {
        if (caps.has(set)) {
          ArrayNode a = caps.putArray(set);
          all.forEach(a::add);
        }
      }
    }
    process.put("terminal", req.tty());
    json.writeValue(target.toFile(), process);
  }

  private static void put(Map<String, String> env, String kv) {
    int eq = kv.indexOf('=');
    if (eq > 0) {
      env.put(kv.substring(0, eq), kv.substring(eq + 1));
    } else if (eq < 0 && System.getenv(kv) != null) {
      env.put(kv, System.getenv(kv));
    }
  }
}
