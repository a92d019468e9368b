package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code jpod export}: the container's whole filesystem as podman lays out the tar. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ExportIT extends JpodTestBase {

  /** A stopped container whose filesystem holds one of every kind of file (made through jpod mount). */
  private String preparedContainer() throws IOException, InterruptedException {
    String name = uniqueName("export");
    assertThat(jpod("run", "--name", name, "busybox", "sh", "-c",
        "mkdir -p /data /srv/a/b; echo hi > /data/f; ln /data/f /data/hard; mkfifo /data/fifo; rm /bin/ls")).exitsCleanly();
    Path root = Path.of(jpod("mount", name).out());
    Process p = new ProcessBuilder("mknod", root.resolve("data/null").toString(), "c", "1", "3").inheritIO().start();
    assertThat(p.waitFor()).isZero();
    Files.writeString(root.resolve("data/owned"), "x");
    Files.setAttribute(root.resolve("data/owned"), "unix:uid", 1234);
    Files.setAttribute(root.resolve("data/owned"), "unix:gid", 5678);
    Files.setAttribute(root.resolve("data/owned"), "unix:mode", 04750);
    assertThat(jpod("umount", name)).exitsCleanly();
    return name;
  }

  @Test
  void exportWritesEveryKindOfFile() throws Exception {
    String name = preparedContainer();
    Path out = jpod.dir().resolve(name + ".tar");
    assertThat(jpod("export", "-o", out.toString(), name)).exitsCleanly().stdoutIs("");
    Map<String, TarListing.Entry> e = TarListing.entries(Files.readAllBytes(out));

    List<String> names = List.copyOf(e.keySet());
    assertThat(names.getFirst()).isEqualTo("bin/");
    assertThat(names).noneMatch(n -> n.startsWith("./") || n.startsWith("/"));
    assertThat(names).contains("etc/passwd", "srv/a/b/", "tmp/").doesNotContain("bin/ls");

    TarArchiveEntry busybox = e.get("bin/busybox").header();
    assertThat(busybox.isFile()).isTrue();
    assertThat(busybox.getMode() & 07777).isEqualTo(0755);
    assertThat(e.get("bin/busybox").content()).isEqualTo(Files.readAllBytes(Path.of("/bin/busybox")));
    assertThat(e.get("bin/sh").header().isSymbolicLink()).isTrue();
    assertThat(e.get("bin/sh").header().getLinkName()).isEqualTo("busybox");
    assertThat(e.get("data/f").text()).isEqualTo("hi\n");
    assertThat(e.get("data/hard").header().isLink()).isTrue();
    assertThat(e.get("data/hard").header().getLinkName()).isEqualTo("data/f");
    assertThat(e.get("data/fifo").header().isFIFO()).isTrue();
    TarArchiveEntry dev = e.get("data/null").header();
    assertThat(dev.isCharacterDevice()).isTrue();
    assertThat(dev.getDevMajor()).isEqualTo(1);
    assertThat(dev.getDevMinor()).isEqualTo(3);
    TarArchiveEntry owned = e.get("data/owned").header();
    assertThat(owned.getLongUserId()).isEqualTo(1234);
    assertThat(owned.getLongGroupId()).isEqualTo(5678);
    assertThat(owned.getMode() & 07777).isEqualTo(04750);
    assertThat(e.get("tmp/").header().getMode() & 07777).isEqualTo(01777);
    assertThat(e.get("etc/passwd").header().getUserName()).isEqualTo("root");

    assertThat(jpod("mount")).as("export unmounts again").exitsCleanly().stdoutIs("");
  }

  @Test
  void exportToStdoutAndOfARunningContainer() {
    String name = uniqueName("export-run");
    assertThat(jpod("run", "-d", "--name", name, "busybox", "sh", "-c", "echo live > /tmp/live; sleep 600")).exitsCleanly();
    assertThat(waitFor(java.time.Duration.ofSeconds(30),
        () -> jpod("exec", name, "cat", "/tmp/live").out().equals("live"))).isTrue();
    Map<String, TarListing.Entry> e = TarListing.entries(TarListing.stdout(jpod, "export", name));
    assertThat(e.get("tmp/live").text()).isEqualTo("live\n");
    assertThat(e).containsKey("bin/busybox");
    assertThat(state(name)).isEqualTo("running");
    assertThat(jpod("exec", name, "true")).exitsCleanly();
  }

  @Test
  void refusesToWriteToATerminal() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs script(1) for a pseudo terminal");
    String name = uniqueName("export-tty");
    assertThat(jpod("create", "--name", name, "busybox", "true")).exitsCleanly();
    Process p = new ProcessBuilder("/usr/bin/script", "-qec", String.join(" ", jpod.command("export", name)), "/dev/null")
        .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(125);
    assertThat(out).contains("Error: refusing to export to terminal. Use -o flag or redirect");
  }

  @Test
  void errorsAsPodman() {
    assertThat(jpod("export")).exitedWith(125).stderrIs("Error: accepts 1 arg(s), received 0");
    assertThat(jpod("export", "no-such-ctr")).exitedWith(125)
        .stderrIs("Error: no container with name or ID \"no-such-ctr\" found: no such container");
    String name = uniqueName("export-err");
    assertThat(jpod("create", "--name", name, "busybox", "true")).exitsCleanly();
    assertThat(jpod("export", "-o", "/no/such/dir/x.tar", name)).exitedWith(125)
        .stderrIs("Error: creating file \"/no/such/dir/x.tar\": open /no/such/dir/x.tar: no such file or directory");
  }
}
