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

  /**
   * podman looks every named container up before it acts on any, so one unknown name fails the whole
   * command and nothing is stopped, started or removed. Prints that error and returns its exit code,
   * or 0 when all exist. (Through a service, each name is looked up as it is acted on.)
   */
  public static int firstMissingContainer(CliContext ctx, List<String> names, ToIntFunction<JpodException> code) {
    if (ctx.remote()) {
      return 0;
    }
    var containers = ctx.libpod().containers();
    for (String n : names) {
      try {
        containers.get(n);
      } catch (JpodException e) {
        if (e.kind() != ErrorKind.NOT_FOUND) {
          throw e;
        }
        ctx.err().println("Error: " + e.getMessage());
        return code.applyAsInt(e);
      }
    }
    return 0;
  }

  /** {@link #firstMissingContainer} with the usual exit code (125). */
  public static int firstMissingContainer(CliContext ctx, List<String> names) {
    return firstMissingContainer(ctx, names, e -> e.kind().exitCode());
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
