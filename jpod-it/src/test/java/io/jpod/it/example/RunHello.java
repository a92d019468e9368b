package io.jpod.it.example;

import io.jpod.core.Libpod;
import io.jpod.core.LibpodOptions;
import io.jpod.core.container.ContainerSpec;
import io.jpod.core.logs.K8sFileLog;
import io.jpod.core.logs.LogLine;
import io.jpod.core.state.ContainerRecord;
import io.jpod.storage.ImportOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The jpod Java API example: run {@code echo hello} in a busybox container without the CLI.
 *
 * <ol>
 *   <li>Build {@link LibpodOptions} for a set of storage directories ({@link #options}).
 *   <li>{@link Libpod#open} the engine and import a rootfs tarball as the image {@code busybox}
 *       through {@code libpod.store().images().importRootfs(...)}.
 *   <li>Create the container from a {@link ContainerSpec}, start it, wait for its exit code.
 *   <li>Read its output from the k8s-file log at {@code config.logPath()} with {@link K8sFileLog}.
 *   <li>Remove the container.
 * </ol>
 *
 * <p>Run it as root: {@code RunHello <jpod home> <busybox rootfs tar> [<work dir>]}; the work dir
 * (default: a new temp dir) receives the root/, run/ and tmp/ storage directories.
 */
public final class RunHello {

  /** What the container did: its exit code and its log lines (stdout and stderr, in order). */
  public record Result(String containerId, int exitCode, List<String> output) {}

  /** The 11 capabilities podman grants a container by default. */
  public static final List<String> DEFAULT_CAPABILITIES = List.of(
      "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_NET_BIND_SERVICE",
      "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP", "CAP_SETUID", "CAP_SYS_CHROOT");

  private RunHello() {}

  /**
   * Options equivalent to podman's defaults for the storage directories {@code root}, {@code runRoot}
   * and {@code tmpDir}; conmon runs {@code <jpodHome>/bin/jpod} with the same directories when a
   * container exits.
   */
  public static LibpodOptions options(Path jpodHome, Path root, Path runRoot, Path tmpDir) {
    Map<String, List<String>> runtimePaths = new LinkedHashMap<>();
    runtimePaths.put("runc", List.of("/usr/sbin/runc", "/usr/bin/runc"));
    runtimePaths.put("crun", List.of("/usr/bin/crun"));
    var defaults = new LibpodOptions.ContainerDefaults(
        DEFAULT_CAPABILITIES,
        Map.of("net.ipv4.ping_group_range", "0 0"),
        List.of(),
        List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"),
        "/usr/bin/catatonit",
        2048,
        "k8s-file",
        -1,
        65536000,
        "",
        10,
        "enabled",
        "ctrl-p,ctrl-q");
    List<String> exitCommand = List.of(
        jpodHome.resolve("bin/jpod").toString(),
        "--root", root.toString(), "--runroot", runRoot.toString(), "--tmpdir", tmpDir.toString());
    return new LibpodOptions(
        root, runRoot, tmpDir,
        "",                       // runtime: the first usable one
        runtimePaths,
        List.of("/usr/bin/conmon"),
        "cgroupfs",
        "warning",
        "file",
        List.of("crun", "runc"),
        false,
        exitCommand,
        defaults);
  }

  /** Imports {@code rootfsTar} as the image {@code name}; returns the image id. */
  public static String importImage(Libpod libpod, Path rootfsTar, String name) throws IOException {
    try (InputStream in = Files.newInputStream(rootfsTar)) {
      return libpod.store().images().importRootfs(in, Optional.of(name), ImportOptions.defaults()).id();
    }
  }

  /** Creates, starts and waits for a container running {@code command} in {@code image}; removes it. */
  public static Result run(Libpod libpod, String image, List<String> command) {
    ContainerRecord c = libpod.containers().create(
        ContainerSpec.builder().image(image).command(command).build());
    String id = c.config().id();
    try {
      libpod.containers().start(id);
      int exitCode = libpod.containers().waitForExit(id);
      List<String> output = new ArrayList<>();
      for (LogLine line : new K8sFileLog(Path.of(c.config().logPath())).readAll()) {
        output.add(line.content());
      }
      return new Result(id, exitCode, output);
    } finally {
      libpod.containers().remove(id, true, 0);
    }
  }

  /** The whole example: open the engine, import busybox, run {@code echo hello}. */
  public static Result runHello(Path jpodHome, Path busyboxTar, Path workDir) throws IOException {
    LibpodOptions opts = options(jpodHome,
        Files.createDirectories(workDir.resolve("root")),
        Files.createDirectories(workDir.resolve("run")),
        Files.createDirectories(workDir.resolve("tmp")));
    try (Libpod libpod = Libpod.open(opts)) {
      importImage(libpod, busyboxTar, "busybox");
      return run(libpod, "busybox", List.of("echo", "hello"));
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: RunHello <jpod home> <busybox rootfs tar> [<work dir>]");
      System.exit(2);
    }
    Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("jpod-hello-");
    Path nativeLib = Path.of(args[0], "lib", "native");
    if (Files.isDirectory(nativeLib) && System.getProperty("org.sqlite.lib.path") == null) {
      System.setProperty("org.sqlite.lib.path", nativeLib.toString());
      System.setProperty("org.sqlite.lib.name", "libsqlitejdbc.so");
    }
    Result r = runHello(Path.of(args[0]), Path.of(args[1]), work);
    r.output().forEach(System.out::println);
    System.out.println("exit code: " + r.exitCode());
    System.exit(r.exitCode());
  }
}
