package io.jpod.cli;

import io.jpod.common.JpodException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** podman's "[y/N]" questions: the text on stdout, one line read from stdin. */
public final class Prompts {
  private Prompts() {}

  /**
   * Prints {@code question} and reads the answer: true for an answer starting with y; input that
   * ends before a newline is Go's io.EOF, which podman reports as the error "EOF".
   */
  public static boolean confirm(CliContext ctx, String question) throws IOException {
    ctx.out().print(question);
    ctx.out().flush();
    String answer = readLine(ctx.in());
    if (answer == null) {
      throw JpodException.invalid("EOF");
    }
    return answer.toLowerCase(Locale.ROOT).startsWith("y");
  }

  /** Go's ReadString('\n'): the line with its newline, or null when input ends before one. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      line.write(b);
      if (b == '\n') {
        return line.toString(StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
