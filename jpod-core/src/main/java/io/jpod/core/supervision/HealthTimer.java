package io.jpod.core.supervision;

import io.jpod.sys.Processes;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The healthcheck's interval timer without systemd: one small {@code /bin/sh} loop per running
 * container, in its own session (setsid), with stdio on /dev/null, that sleeps the interval and runs
 * {@code jpod <global flags> healthcheck run ID} (podman's transient systemd timer runs the same
 * command). The loop owns a token written to {@code healthcheck.timer} next to the container's run dir
 * and exits at its next tick once the file holds another token or is gone: stopping the timer, a new
 * start (which writes a new token) and a wiped run root all end it, and stop also signals it at once.
 */
public final class HealthTimer {
  /** $1 token file, $2 token, $3 pid file, $4 interval in seconds, $5 container id, then the jpod command. */
  private static final String LOOP = """
      tf=$1; tok=$2; pf=$3; iv=$4; id=$5; shift 5
      echo $$ > "$pf"
      while sleep "$iv"; do
        [ "$(cat "$tf" 2>/dev/null)" = "$tok" ] || exit 0
        "$@" healthcheck run "$id" >/dev/null 2>&1
      done
      """;

  private HealthTimer() {}

  static Path tokenFile(Path runDir) {
    return runDir.getParent().resolve("healthcheck.timer");
  }

  static Path pidFile(Path runDir) {
    return runDir.getParent().resolve("healthcheck.timer.pid");
  }

  /**
   * Starts the loop for container {@code id}; {@code jpod} is the launcher followed by the global
   * flags (conmon's exit command without its subcommand). Nothing when there is no launcher.
   */
  public static void start(String id, Path runDir, long intervalNanos, List<String> jpod) {
    if (intervalNanos <= 0 || jpod.isEmpty()) {
      return;
    }
    stop(runDir);
    String token = UUID.randomUUID().toString();
    try {
      Files.createDirectories(runDir.getParent());
      Files.writeString(tokenFile(runDir), token);
      List<String> argv = new ArrayList<>(List.of(setsid(), "/bin/sh", "-c", LOOP, "jpod-healthcheck",
          tokenFile(runDir).toString(), token, pidFile(runDir).toString(),
          BigDecimal.valueOf(intervalNanos, 9).stripTrailingZeros().toPlainString(), id));
      argv.addAll(jpod);
      if (argv.getFirst().isEmpty()) {
        argv.removeFirst();
      }
      new ProcessBuilder(argv)
          .redirectInput(new File("/dev/null"))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      // a container without its timer still runs; `healthcheck run` keeps working by hand
      System.getLogger(HealthTimer.class.getName()).log(System.Logger.Level.WARNING,
          "starting the healthcheck timer of " + id + ": " + e.getMessage());
    }
  }

  /** Stops the loop of the container whose run dir is {@code runDir}, if one runs. */
  public static void stop(Path runDir) {
    try {
      Files.deleteIfExists(tokenFile(runDir));
      Path pf = pidFile(runDir);
      if (Files.exists(pf)) {
        String text = Files.readString(pf).strip();
        Files.deleteIfExists(pf);
        if (!text.isEmpty() && isLoop(text)) {
          // its sleep ends by itself within one interval
          Processes.kill(Integer.parseInt(text), Processes.SIGTERM);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // without the token the loop ends by itself at its next tick
    }
  }

  /** The pid is still our loop, not a process that reused its number. */
  private static boolean isLoop(String pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", pid, "cmdline"))).contains("jpod-healthcheck");
    } catch (IOException e) {
      return false;
    }
  }

  private static String setsid() {
    for (String p : List.of("/usr/bin/setsid", "/bin/setsid")) {
      if (Files.isExecutable(Path.of(p))) {
        return p;
      }
    }
    return "";
  }
}
