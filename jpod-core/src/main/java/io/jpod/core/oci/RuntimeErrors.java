package io.jpod.core.oci;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text an OCI runtime prints when it fails into a {@link JpodException}. Runtimes report
 * only text, so this is the one place where jpod classifies messages: a missing executable becomes
 * exit code 127 and one that cannot be executed 126, as podman does.
 */
public final class RuntimeErrors {
  private static final Pattern JSON_MSG = Pattern.compile("\"msg\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private RuntimeErrors() {}

  /** The message of the last error line of a runtime's JSON log ({@code --log-format=json}), if any. */
  public static String lastLogError(Path ociLog) {
    try {
      if (!Files.exists(ociLog)) {
        return "";
      }
      List<String> lines = Files.readAllLines(ociLog);
      for (int i = lines.size() - 1; i >= 0; i--) {
        String line = lines.get(i);
        if (line.contains("\"error\"")) {
          Matcher m = JSON_MSG.matcher(line);
          if (m.find()) {
            return unescape(m.group(1));
          }
        }
      }
    } catch (IOException e) {
      // The log is only used to improve the message; the caller still reports the failure.
    }
    return "";
  }

  /** Classifies a runtime failure message. */
  public static JpodException classify(String runtimeName, String message) {
    String msg = message.strip();
    String lower = msg.toLowerCase();
    ErrorKind kind = ErrorKind.SYSTEM;
    if (lower.contains("executable file not found")
        || lower.contains("no such file or directory")
        || lower.contains("not found in $path")) {
      kind = ErrorKind.RUNTIME_NOT_FOUND;
    } else if (lower.contains("permission denied") || lower.contains("is a directory")) {
      kind = ErrorKind.RUNTIME_CANNOT_INVOKE;
    }
    String suffix =
        switch (kind) {
          case RUNTIME_NOT_FOUND -> ": OCI runtime attempted to invoke a command that was not found";
          case RUNTIME_CANNOT_INVOKE -> ": OCI permission denied";
          default -> ": OCI runtime error";
        };
    return new JpodException(kind, runtimeName + ": " + msg + suffix);
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        switch (n) {
          case 'n' -> out.append(' ');
          case 't' -> out.append('\t');
          case 'u' -> {
            if (i + 4 < s.length()) {
              out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
              i += 4;
            }
          }
          default -> out.append(n);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
