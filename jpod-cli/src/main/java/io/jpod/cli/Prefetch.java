package io.jpod.cli;

import io.jpod.config.ConfigLoader;
import io.jpod.config.JpodConfig;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Start-up work that does not depend on the parsed command line, done on a second thread while the
 * main thread builds it: parsing the annotations picocli reads (when the build generated no models), reading containers.conf and
 * storage.conf, loading SQLite, and, for commands that start a container process, linking the C
 * functions that needs. Each jpod command is a fresh, mostly interpreted JVM, usually on a machine
 * with a spare core; this overlaps some of its slowest first steps with the main thread's own.
 */
final class Prefetch {
  /** Commands that spawn conmon (directly or in a group: {@code container run}). */
  private static final Set<String> STARTS_CONTAINERS = Set.of("run", "start", "restart", "exec");

  private final FutureTask<JpodConfig> config = new FutureTask<>(ConfigLoader::loadDefault);

  private Prefetch() {}

  static Prefetch start(String[] args, boolean generatedModels) {
    Prefetch p = new Prefetch();
    List<String> words = Commands.commandWords(args);
    boolean spawns = words.stream().limit(2).anyMatch(STARTS_CONTAINERS::contains);
    Class<?> command = Commands.commandClass(words);
    Thread t = new Thread(() -> {
      // Warm-ups only: whatever fails here the main thread meets (and reports) again itself. The
      // configuration is always read, since the main thread waits for it.
      if (!generatedModels) {
        try {
          // first what the main thread needs first: picocli reads every field's and method's
          // annotations of the root and of the command when it builds them; parsed once here, the
          // JDK's reflection caches hand the main thread the same parsed annotations (with the
          // models the build generates, picocli reads none)
          readAnnotations(JpodCommand.class, new java.util.HashSet<>());
          if (command != null) {
            readAnnotations(command, new java.util.HashSet<>());
          }
        } catch (RuntimeException | LinkageError e) {
          // picocli parses them itself
        }
      }
      p.config.run(); // keeps its own failure for config()
      try {
        io.jpod.core.state.SqliteStateStore.warmUp();
        if (spawns) {
          io.jpod.sys.Prelink.containerStart();
        }
      } catch (RuntimeException | LinkageError e) {
        // linked again, and reported, where it is first called
      }
    }, "jpod-prefetch");
    t.setDaemon(true);
    t.start();
    return p;
  }

  private static void readAnnotations(Class<?> type, java.util.Set<Class<?>> seen) {
    for (Class<?> c = type; c != null && c != Object.class && seen.add(c); c = c.getSuperclass()) {
      c.getAnnotations();
      for (java.lang.reflect.Field f : c.getDeclaredFields()) {
        f.getDeclaredAnnotations();
        if (f.isAnnotationPresent(picocli.CommandLine.Mixin.class)
            || f.isAnnotationPresent(picocli.CommandLine.ArgGroup.class)) {
          readAnnotations(f.getType(), seen);
        }
      }
      for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
        m.getDeclaredAnnotations();
      }
    }
  }

  /** The configuration files as {@link ConfigLoader#loadDefault()} reads them (and fails). */
  JpodConfig config() {
    try {
      return config.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ConfigLoader.loadDefault();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
