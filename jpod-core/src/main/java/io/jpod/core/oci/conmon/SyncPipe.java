package io.jpod.core.oci.conmon;

import io.jpod.common.JpodException;
import io.jpod.sys.Fd;
import io.jpod.sys.Processes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads conmon's messages on the sync pipe (fd 3 in conmon, {@code _OCI_SYNCPIPE}).
 *
 * <pre>
 *  jpod                                conmon
 *   | -- spawn, fds 3 (sync) 4 (start) --> |
 *   | (moves conmon into its cgroup)       |  blocks reading fd 4
 *   | -- one byte on start pipe ---------> |
 *   |                                      |  forks, runs "runtime create"
 *   | <-- {"data": pid}\n ---------------- |  or {"data": -1, "message": "..."}
 *   | <-- {"data": exitcode}\n ----------- |  (exec sessions only, when the process exits)
 * </pre>
 *
 * Each message is one line of JSON with an integer {@code data} and an optional {@code message}.
 */
public final class SyncPipe implements AutoCloseable {
  private static final Pattern DATA = Pattern.compile("\"data\"\\s*:\\s*(-?\\d+)");
  private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final Fd fd;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  public SyncPipe(Fd fd) {
    this.fd = fd;
  }

  /** One message from conmon. */
  public record Message(int data, String message) {}

  /**
   * Reads the next message, waiting at most {@code timeout}. Throws if conmon closed the pipe or the
   * time ran out: both mean the runtime never reported.
   */
  public Message read(Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] buf = new byte[4096];
    while (true) {
      byte[] have = pending.toByteArray();
      int nl = indexOf(have, (byte) '\n');
      if (nl >= 0) {
        pending.reset();
        pending.write(have, nl + 1, have.length - nl - 1);
        return parse(new String(have, 0, nl, StandardCharsets.UTF_8));
      }
      long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
      if (left == 0 || !Processes.waitReadable(fd, left)) {
        throw JpodException.system(what + ": timed out waiting for conmon");
      }
      int n = fd.read(buf, 0, buf.length);
      if (n < 0) {
        if (have.length > 0) {
          pending.reset();
          return parse(new String(have, StandardCharsets.UTF_8));
        }
        throw JpodException.system(what + ": conmon exited before reporting");
      }
      pending.write(buf, 0, n);
    }
  }

  @Override
  public void close() {
    fd.close();
  }

  static Message parse(String line) {
    Matcher d = DATA.matcher(line);
    if (!d.find()) {
      throw JpodException.system("unexpected message from conmon: " + line);
    }
    Matcher m = MESSAGE.matcher(line);
    String msg = m.find() ? unescapeJson(m.group(1)) : "";
    return new Message(Integer.parseInt(d.group(1)), msg);
  }

  private static String unescapeJson(String s) {
    return s.replace("\\n", "\n").replace("\\t", "\t").replace("\\\"", "\"").replace("\\\\", "\\");
  }

  private static int indexOf(byte[] b, byte v) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == v) {
        return i;
      }
    }
    return -1;
  }
}
