package io.jpod.common;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Warnings and errors on stderr in the shape podman's logger (logrus) gives them: {@code WARN[0000]
 * message} when stderr is a terminal, {@code time="..." level=warning msg="..."} when it is not
 * (scripts and tests compare that form).
 */
public final class Logrus {
  private Logrus() {}

  public static void warn(String message) {
    print(System.err, "warning", message);
  }

  public static void error(String message) {
    print(System.err, "error", message);
  }

  static void print(PrintStream err, String level, String message) {
    var console = System.console();
    if (console != null && console.isTerminal()) {
      err.println(level.substring(0, 4).toUpperCase() + "[0000] " + message);
    } else {
      err.println("time=\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\" level=" + level + " msg=\""
          + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }
  }
}
