package io.jpod.it;

import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One private jpod (storage directories under a /tmp temp dir) and one imported busybox image per
 * test class; every container is removed after each test and everything is torn down after the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class JpodTestBase {
  protected JpodCli jpod;
  protected BusyboxImage busybox;

  @BeforeAll
  void setUpJpod() {
    jpod = new JpodCli(getClass().getSimpleName());
    busybox = BusyboxImage.buildAndImport(jpod);
  }

  @AfterEach
  void removeContainers() {
    if (jpod != null) {
      CliResult r = jpod.run("rm", "-af", "-t", "0");
      if (r.exitCode() != 0) {
        System.err.println("jpod-it: rm -af after test failed: " + r);
      }
    }
  }

  @AfterAll
  void tearDownJpod() {
    if (jpod != null) {
      jpod.close();
    }
  }

  protected CliResult jpod(String... args) {
    return jpod.run(args);
  }

  /** This class's own network definitions: the host's /etc/containers/networks is shared. */
  protected java.nio.file.Path networkConfigDir() {
    return jpod.dir().resolve("networks.d");
  }

  /** {@code jpod --network-config-dir <networkConfigDir()> args...}. */
  protected CliResult net(String... args) {
    return jpod(withFlags(java.util.List.of("--network-config-dir", networkConfigDir().toString()), args));
  }

  /** Removes every container, then every network but the default, running jpod with {@code flags}. */
  protected void removeContainersAndNetworks(java.util.List<String> flags) {
    jpod(withFlags(flags, "rm", "-af", "-t", "0"));
    for (String n : jpod(withFlags(flags, "network", "ls", "-q")).lines()) {
      if (!n.isBlank() && !n.equals("podman")) {
        jpod(withFlags(flags, "network", "rm", "-f", n.strip()));
      }
    }
  }

  /** {@code flags} followed by {@code args}. */
  protected static String[] withFlags(java.util.List<String> flags, String... args) {
    var all = new java.util.ArrayList<String>(flags);
    all.addAll(java.util.Arrays.asList(args));
    return all.toArray(String[]::new);
  }

  /** A container name no other test uses. */
  protected static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Polls {@code cond} every 200 ms until it holds or {@code timeout} passes. */
  protected static boolean waitFor(Duration timeout, BooleanSupplier cond) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (cond.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return cond.getAsBoolean();
  }

  /**
   * One field of {@code name}'s {@code ps -a --no-trunc} row (a Go template over podman's ps fields:
   * {@code {{.ID}}}, {@code {{.State}}}, {@code {{.ExitCode}}}, {@code {{.Pid}}}, ...).
   */
  protected String psField(String name, String template) {
    CliResult r = jpod("ps", "-a", "--no-trunc", "--filter", "name=" + name, "--format", template);
    CliResultAssert.assertThat(r).exitsCleanly();
    org.assertj.core.api.Assertions.assertThat(r.lines()).as("ps rows for %s", name).hasSize(1);
    return r.lines().getFirst().strip();
  }

  /** The container's status as {@code ps} shows it: created, running, paused, exited. */
  protected String state(String name) {
    return psField(name, "{{.State}}");
  }

  /** The container's full id. */
  protected String id(String name) {
    return psField(name, "{{.ID}}");
  }

  /** {@code inspect --format <fmt> <name>}'s trimmed output. */
  protected String inspect(String name, String format) {
    CliResult r = jpod("inspect", "--format", format, name);
    CliResultAssert.assertThat(r).exitsCleanly();
    return r.out();
  }
}
