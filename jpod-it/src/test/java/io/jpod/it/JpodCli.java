package io.jpod.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Runs {@code <jpod.home>/bin/jpod} against a private set of storage directories (graph root, run
 * root, tmp dir) inside one temporary directory. Output goes to files, so processes that outlive the
 * command (conmon) can never hold a pipe open; stdin is /dev/null unless bytes are given.
 */
public final class JpodCli implements AutoCloseable {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);
  private static final AtomicLong SEQ = new AtomicLong();

  private final Path home;
  private final Path launcher;
  private final Path dir;
  private final Path root;
  private final Path runRoot;
  private final Path tmpDir;
  private final Path io;

  /** Makes a fresh temporary directory under /tmp holding everything this CLI writes. */
  public JpodCli(String label) {
    try {
      this.home = jpodHome();
      this.launcher = home.resolve("bin/jpod");
      this.dir = Files.createTempDirectory(Path.of("/tmp"), "jpod-it-" + label + "-");
      this.root = Files.createDirectories(dir.resolve("root"));
      this.runRoot = Files.createDirectories(dir.resolve("run"));
      this.tmpDir = Files.createDirectories(dir.resolve("tmp"));
      this.io = Files.createDirectories(dir.resolve("io"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The jpod installation under test: {@code $JPOD_IT_HOME} when set (e.g. a copy of bin/ and lib/),
   * otherwise the {@code jpod.home} system property (the repository root).
   */
  public static Path jpodHome() {
    String h = System.getenv("JPOD_IT_HOME");
    if (h == null || h.isEmpty()) {
      h = System.getProperty("jpod.home");
    }
    if (h == null || h.isEmpty()) {
      throw new IllegalStateException("system property jpod.home is not set");
    }
    return Path.of(h).toAbsolutePath().normalize();
  }

  public Path home() { return home; }
  public Path launcher() { return launcher; }
  public Path dir() { return dir; }
  public Path root() { return root; }
  public Path runRoot() { return runRoot; }
  public Path tmpDir() { return tmpDir; }

  /** The full command line for {@code args}. */
  public List<String> command(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher.toString());
    cmd.addAll(List.of("--root", root.toString(), "--runroot", runRoot.toString(), "--tmpdir", tmpDir.toString()));
    cmd.addAll(Arrays.asList(args));
    return cmd;
  }

  /** Runs jpod with stdin closed and the default timeout. */
  public CliResult run(String... args) {
    return run(null, DEFAULT_TIMEOUT, args);
  }

  /** Runs jpod with {@code stdin} as its standard input. */
  public CliResult runWithInput(byte[] stdin, String... args) {
    return run(stdin, DEFAULT_TIMEOUT, args);
  }

  /**
   * Runs jpod; kills it (and fails the test with an AssertionError) when it takes longer than
   * {@code timeout}.
   */
  public CliResult run(byte[] stdin, Duration timeout, String... args) {
    Started s = start(stdin, args);
    try {
      if (!s.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        s.kill();
        throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", command(args))
            + "\n" + s.result(-1));
      }
      return s.result(s.process().exitValue());
    } catch (InterruptedException e) {
      s.kill();
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted: " + String.join(" ", command(args)), e);
    } finally {
      s.deleteFiles();
    }
  }

  /** A jpod process started in the background, with output going to files. */
  public record Started(Process process, Path stdout, Path stderr, Path stdin) {
    /** SIGKILLs the jpod process (only it: conmon and containers it started stay). */
    public void kill() {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    public CliResult result(int exitCode) {
      try {
        return new CliResult(exitCode, Files.readString(stdout, StandardCharsets.UTF_8),
            Files.readString(stderr, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void deleteFiles() {
      try {
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
        if (stdin != null) {
          Files.deleteIfExists(stdin);
        }
      } catch (IOException ignored) {
        // best effort
      }
    }
  }

  /** Starts jpod in the background (stdin closed unless bytes are given). */
  public Started start(byte[] stdin, String... args) {
    long n = SEQ.incrementAndGet();
    Path out = io.resolve(n + ".out");
    Path err = io.resolve(n + ".err");
    Path in = null;
    try {
      ProcessBuilder pb = new ProcessBuilder(command(args));
      pb.environment().put("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      if (stdin != null) {
        in = io.resolve(n + ".in");
        Files.write(in, stdin);
        pb.redirectInput(in.toFile());
      } else {
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      }
      return new Started(pb.start(), out, err, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Started start(String... args) {
    return start(null, args);
  }

  /**
   * Removes every container ({@code rm -af -t 0}), unmounts whatever is still mounted under the temp
   * directory (deepest first) and deletes it.
   */
  @Override
  public void close() {
    try {
      CliResult r = run(null, Duration.ofSeconds(120), "rm", "-af", "-t", "0");
      if (r.exitCode() != 0) {
        System.err.println("jpod-it cleanup: rm -af failed: " + r);
      }
    } catch (AssertionError e) {
      System.err.println("jpod-it cleanup: " + e.getMessage());
    }
    // conmon's exit commands (jpod container cleanup) may still be finishing: let them, or they
    // would recreate the storage directories after the delete
    waitForProcessesUsing(dir, Duration.ofSeconds(60));
    unmountAll(dir);
    deleteTree(dir);
  }

  /** Waits until no process (other than this JVM) has {@code dir} on its command line. */
  public static void waitForProcessesUsing(Path dir, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end && !processesUsing(dir).isEmpty()) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    List<Long> left = processesUsing(dir);
    if (!left.isEmpty()) {
      System.err.println("jpod-it cleanup: processes still using " + dir + ": " + left);
    }
  }

  static List<Long> processesUsing(Path dir) {
    String needle = dir.toString();
    long self = ProcessHandle.current().pid();
    List<Long> out = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.toList()) {
        String n = p.getFileName().toString();
        if (!n.chars().allMatch(Character::isDigit) || Long.parseLong(n) == self) {
          continue;
        }
        try {
          String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
          if (cmd.contains(needle)) {
            out.add(Long.parseLong(n));
          }
        } catch (IOException ignored) {
          // gone
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  /** Lazily unmounts every mount point at or below {@code top}, deepest first. */
  public static void unmountAll(Path top) {
    for (int round = 0; round < 5; round++) {
      List<String> mounts = mountsUnder(top);
      if (mounts.isEmpty()) {
        return;
      }
      mounts.sort(Comparator.comparingInt(String::length).reversed());
      for (String m : mounts) {
        try {
          Process p = new ProcessBuilder("umount", "-l", m).redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
          p.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
          // best effort
        }
      }
    }
  }

  static List<String> mountsUnder(Path top) {
    String prefix = top.toString();
    List<String> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] f = line.split(" ");
        if (f.length < 5) {
          continue;
        }
        String mp = unescape(f[4]);
        if (mp.equals(prefix) || mp.startsWith(prefix + "/")) {
          out.add(mp);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static String unescape(String s) {
    return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
  }

  public static void deleteTree(Path p) {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.deleteIfExists(x);
        } catch (IOException e) {
          System.err.println("jpod-it cleanup: cannot delete " + x + ": " + e);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      System.err.println("jpod-it cleanup: " + e);
    }
  }
}
