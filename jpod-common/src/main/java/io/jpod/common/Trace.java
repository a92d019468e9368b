package io.jpod.common;

/**
 * Phase timestamps on stderr when {@code JPOD_TRACE=1}, for finding where a command spends its time
 * (benchmarks measure; this explains). Off by default and costs one boolean check.
 */
public final class Trace {
  private static final boolean ENABLED = "1".equals(System.getenv("JPOD_TRACE"));

  private Trace() {}

  public static void mark(String phase) {
    if (ENABLED) {
      System.err.printf("TRACE %d.%03d %s%n", System.currentTimeMillis() / 1000 % 1000, System.currentTimeMillis() % 1000, phase);
    }
  }
}
