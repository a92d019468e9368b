package io.jpod.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Developer aids for finding where a command spends its time (benchmarks measure; this explains):
 * <ul>
 *   <li>{@code JPOD_TRACE=1}: phase timestamps on stderr;
 *   <li>{@code JPOD_PROFILE=FILE}: samples the main thread's stack every millisecond and appends the
 *       collapsed stacks to FILE at exit. An in-process sampler, because the JDK's flight recorder
 *       turns the AOT cache off and so profiles a different program.
 * </ul>
 * Both are off by default and cost one check.
 */
public final class Trace {
  private static final boolean ENABLED = "1".equals(System.getenv("JPOD_TRACE"));
  private static final Sampler SAMPLER = Sampler.start(System.getenv("JPOD_PROFILE"));

  private Trace() {}

  /** Whether marks are printed: for callers whose mark text costs something to build. */
  public static boolean enabled() {
    return ENABLED;
  }

  public static void mark(String phase) {
    if (ENABLED) {
      // Epoch milliseconds, so marks line up with a shell's `date +%s%3N` around the command; plain
      // concatenation because the first printf of a JVM costs tens of milliseconds.
      long now = System.currentTimeMillis();
      System.err.println("TRACE " + (now / 1000 % 1000) + "." + pad(now % 1000) + " " + phase);
    }
  }

  /** Writes the profile, if one is being taken. Called once, when the command ends. */
  public static void finish() {
    if (SAMPLER != null) {
      SAMPLER.write();
    }
  }

  private static String pad(long millis) {
    return millis < 10 ? "00" + millis : millis < 100 ? "0" + millis : Long.toString(millis);
  }

  private static final class Sampler implements Runnable {
    private final Path file;
    private final Thread target;
    private final Map<String, Integer> stacks = new HashMap<>();
    private volatile boolean done;

    private Sampler(Path file, Thread target) {
      this.file = file;
      this.target = target;
    }

    static Sampler start(String file) {
      if (file == null || file.isEmpty()) {
        return null;
      }
      Sampler s = new Sampler(Path.of(file), Thread.currentThread());
      Thread t = new Thread(s, "jpod-profiler");
      t.setDaemon(true);
      t.start();
      return s;
    }

    @Override
    public void run() {
      while (!done) {
        StackTraceElement[] trace = target.getStackTrace();
        if (trace.length > 0) {
          StringBuilder b = new StringBuilder();
          for (int i = trace.length - 1; i >= 0; i--) {
            if (b.length() > 0) {
              b.append(';');
            }
            b.append(trace[i].getClassName()).append('.').append(trace[i].getMethodName());
          }
          synchronized (stacks) {
            stacks.merge(b.toString(), 1, Integer::sum);
          }
        }
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void write() {
      done = true;
      StringBuilder out = new StringBuilder();
      synchronized (stacks) {
        stacks.forEach((k, v) -> out.append(k).append(' ').append(v).append('\n'));
      }
      try {
        Files.writeString(file, out, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        System.err.println("profile: " + e.getMessage());
      }
    }
  }
}
