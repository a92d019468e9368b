package io.jpod.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A minimal busybox root filesystem built from the host's static {@code /bin/busybox}: the binary,
 * one symlink per applet in /bin, /etc/passwd (root, nobody), /etc/group and a 1777 /tmp.
 */
public final class BusyboxImage {
  public static final String HOST_BUSYBOX = "/bin/busybox";
  public static final String NAME = "busybox";

  private final Path rootfs;
  private final Path tar;

  private BusyboxImage(Path rootfs, Path tar) {
    this.rootfs = rootfs;
    this.tar = tar;
  }

  /** The unpacked tree the tarball was made from. */
  public Path rootfs() { return rootfs; }

  /** The rootfs tarball. */
  public Path tar() { return tar; }

  /** Builds the tree and the tarball inside {@code workDir}. */
  public static BusyboxImage build(Path workDir) {
    try {
      Path rootfs = workDir.resolve("busybox-rootfs");
      Path bin = Files.createDirectories(rootfs.resolve("bin"));
      Path etc = Files.createDirectories(rootfs.resolve("etc"));
      Files.copy(Path.of(HOST_BUSYBOX), bin.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
      Files.setPosixFilePermissions(bin.resolve("busybox"), PosixFilePermissions.fromString("rwxr-xr-x"));
      for (String applet : exec(List.of(HOST_BUSYBOX, "--list")).split("\n")) {
        applet = applet.strip();
        if (applet.isEmpty() || applet.equals("busybox") || applet.contains("/")) {
          continue;
        }
        Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
      }
      Files.writeString(etc.resolve("passwd"),
          "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n",
          StandardCharsets.UTF_8);
      Files.writeString(etc.resolve("group"), "root:x:0:\nnobody:x:65534:\n", StandardCharsets.UTF_8);
      Path tmp = Files.createDirectories(rootfs.resolve("tmp"));
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
      exec(List.of("chmod", "1777", tmp.toString()));
      Path tar = workDir.resolve("busybox.tar");
      exec(List.of("tar", "--numeric-owner", "--owner=0", "--group=0", "-C", rootfs.toString(), "-cf", tar.toString(), "."));
      return new BusyboxImage(rootfs, tar);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds the image in the CLI's temp dir and imports it as {@code busybox}. */
  public static BusyboxImage buildAndImport(JpodCli cli) {
    BusyboxImage img = build(cli.dir());
    CliResult r = cli.run("import", img.tar().toString(), NAME);
    if (r.exitCode() != 0) {
      throw new AssertionError("importing busybox failed: " + r);
    }
    return img;
  }

  /** Extracts the tarball into a fresh directory {@code dest} (for --rootfs). */
  public Path extractTo(Path dest) {
    try {
      Files.createDirectories(dest);
      exec(List.of("tar", "--numeric-owner", "-C", dest.toString(), "-xpf", tar.toString()));
      return dest;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String exec(List<String> cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT)
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("command failed: " + cmd);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + cmd, e);
    }
    return out;
  }
}
