package io.jpod.cli;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Runs a command on several names the way podman does: each failure is printed as its own
 * {@code Error:} line, the others still run, and the exit code is that of the last failure.
 */
public final class Batch {
  private Batch() {}

  /** Exit codes of podman's rm family: 1 for a missing object, 2 for one in use. */
  public static int rmFamily(JpodException e) {
    return switch (e.kind()) {
      case NOT_FOUND -> 1;
      case CONFLICT -> 2;
      default -> e.kind().exitCode();
    };
  }

  public static int each(CliContext ctx, List<String> names, Consumer<String> op) {
    return each(ctx, names, op, e -> e.kind().exitCode());
  }

  public static int each(CliContext ctx, List<String> names, Consumer<String> op, ToIntFunction<JpodException> code) {
    int rc = 0;
    for (String n : names) {
      try {
        op.accept(n);
      } catch (JpodException e) {
        if (e.kind() == ErrorKind.NOT_MODIFIED) {
          ctx.out().println(n);
          continue;
        }
        ctx.out().flush();
        ctx.err().println("Error: " + e.getMessage());
        rc = code.applyAsInt(e);
      }
    }
    ctx.out().flush();
    return rc;
  }
}
