package io.jpod.cli.format;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;

/** Builds Go-style one-line template errors ({@code template: name:1:2: ...}) as INVALID_ARGUMENT. */
final class TemplateError {
  private TemplateError() {}

  static int line(String src, int pos) {
    int line = 1;
    for (int i = 0; i < Math.min(pos, src.length()); i++) {
      if (src.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  static int col(String src, int pos) {
    int p = Math.min(pos, src.length());
    return p - src.lastIndexOf('\n', p - 1) - 1;
  }

  /** A parse error: {@code template: name:LINE: message}. */
  static JpodException parse(String name, String src, int pos, String message) {
    return new JpodException(
        ErrorKind.INVALID_ARGUMENT, "template: " + name + ":" + line(src, pos) + ": " + oneLine(message));
  }

  /** An execution error: {@code template: name:LINE:COL: executing "name" at <context>: message}. */
  static JpodException exec(String name, String src, int pos, int columnShift, String context, String message) {
    int line = line(src, pos);
    int col = col(src, pos) + (line == 1 ? columnShift : 0);
    return new JpodException(
        ErrorKind.INVALID_ARGUMENT,
        "template: " + name + ":" + line + ":" + col + ": executing \"" + name
            + "\" at <" + oneLine(context) + ">: " + oneLine(message));
  }

  static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }
}
