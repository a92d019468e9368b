package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** save and load in docker-archive, oci-archive and oci-dir, checked against skopeo as a peer. */
class SaveLoadIT extends JpodTestBase {
  private final ObjectMapper json = new ObjectMapper();

  private String imageId() {
    return jpod("images", "-q", "--no-trunc", BusyboxImage.NAME).out().strip().replace("sha256:", "");
  }

  @Test
  void dockerArchiveIsReadBySkopeoAndLoadsBack() throws Exception {
    Path archive = jpod.dir().resolve("docker.tar");
    assertThat(jpod("save", "-q", "-o", archive.toString(), BusyboxImage.NAME)).exitsCleanly();
    JsonNode inspect = json.readTree(run("skopeo", "inspect", "docker-archive:" + archive));
    assertThat(inspect.path("Layers")).hasSize(1);
    JsonNode config = json.readTree(run("skopeo", "inspect", "--config", "docker-archive:" + archive));
    assertThat(config.path("rootfs").path("diff_ids")).hasSize(1);
    assertThat(jpod("tag", BusyboxImage.NAME, "keep-layers")).exitsCleanly();
    assertThat(jpod("rmi", "localhost/busybox:latest")).exitsCleanly();
    CliResult load = jpod("load", "-q", "-i", archive.toString());
    assertThat(load).exitsCleanly().stdoutIs("Loaded image: localhost/busybox:latest");
    assertThat(jpod("run", "--rm", BusyboxImage.NAME, "echo", "loaded")).exitsCleanly().stdoutIs("loaded");
  }

  @Test
  void runAndCreateTakeAnImageFromAnArchive() throws Exception {
    Path archive = jpod.dir().resolve("run-from.tar");
    assertThat(jpod("save", "-q", "-o", archive.toString(), BusyboxImage.NAME)).exitsCleanly();
    assertThat(jpod("run", "--rm", "docker-archive:" + archive, "echo", "from-archive"))
        .exitedWith(0).stdoutIs("from-archive"); // the copy's progress is on stderr, as podman's
    Path oci = jpod.dir().resolve("run-from-oci.tar");
    assertThat(jpod("save", "-q", "--format", "oci-archive", "-o", oci.toString(), BusyboxImage.NAME)).exitsCleanly();
    String name = uniqueName("from-oci");
    assertThat(jpod("create", "--name", name, "oci-archive:" + oci, "true")).exitedWith(0);
    // the container names the image it was stored as, not the archive
    assertThat(jpod("ps", "-a", "--filter", "name=" + name, "--format", "{{.Image}}")).exitsCleanly()
        .stdoutIs("localhost/" + BusyboxImage.NAME + ":latest");
    assertThat(jpod("run", "--rm", "docker-archive:" + jpod.dir().resolve("none.tar"), "true")).exitedWith(125)
        .stderrContains("no such file or directory");
  }

  @Test
  void ociArchiveIsReadBySkopeo() throws Exception {
    Path archive = jpod.dir().resolve("oci.tar");
    assertThat(jpod("save", "-q", "--format", "oci-archive", "-o", archive.toString(), BusyboxImage.NAME))
        .exitsCleanly();
    JsonNode raw = json.readTree(run("skopeo", "inspect", "--raw", "oci-archive:" + archive));
    assertThat(raw.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
    assertThat(raw.path("layers").get(0).path("mediaType").asText()).endsWith("tar+gzip");
    assertThat(raw.path("config").path("digest").asText()).isEqualTo("sha256:" + imageId());
  }

  @Test
  void ociDirIsALayout() throws Exception {
    Path dir = jpod.dir().resolve("oci-dir");
    assertThat(jpod("save", "-q", "--format", "oci-dir", "-o", dir.toString(), BusyboxImage.NAME)).exitsCleanly();
    assertThat(dir.resolve("oci-layout")).exists();
    run("skopeo", "inspect", "oci:" + dir + ":localhost/busybox:latest");
  }

  @Test
  void archivesSkopeoWritesLoad() throws Exception {
    Path mine = jpod.dir().resolve("src.tar");
    assertThat(jpod("save", "-q", "-o", mine.toString(), BusyboxImage.NAME)).exitsCleanly();
    Path ociArchive = jpod.dir().resolve("skopeo-oci.tar");
    Path dockerArchive = jpod.dir().resolve("skopeo-docker.tar");
    run("skopeo", "copy", "-q", "docker-archive:" + mine, "oci-archive:" + ociArchive + ":peer/oci:1");
    run("skopeo", "copy", "-q", "docker-archive:" + mine, "docker-archive:" + dockerArchive + ":peer/docker:2");
    assertThat(jpod("load", "-q", "-i", ociArchive.toString())).exitsCleanly()
        .stdoutIs("Loaded image: localhost/peer/oci:1");
    assertThat(jpod("load", "-q", "-i", dockerArchive.toString())).exitsCleanly()
        .stdoutIs("Loaded image: docker.io/peer/docker:2");
    assertThat(jpod("run", "--rm", "localhost/peer/oci:1", "echo", "oci")).exitsCleanly().stdoutIs("oci");
    assertThat(jpod("run", "--rm", "docker.io/peer/docker:2", "echo", "docker")).exitsCleanly().stdoutIs("docker");
  }

  @Test
  void multiImageArchiveThroughStdinAndStdout() throws Exception {
    assertThat(jpod("tag", BusyboxImage.NAME, "second:v1")).exitsCleanly();
    assertThat(jpod("import", "-q", "-c", "LABEL x=y", busybox.tar().toString(), "third")).exitsCleanly();
    Path out = jpod.dir().resolve("multi.tar");
    // Through stdout: the bytes, not a decoded string.
    JpodCli.Started save = jpod.start("save", "-m", BusyboxImage.NAME, "third");
    assertThat(save.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(save.process().exitValue()).as(Files.readString(save.stderr())).isEqualTo(0);
    Files.copy(save.stdout(), out);
    save.deleteFiles();
    run("skopeo", "inspect", "docker-archive:" + out + ":localhost/third:latest");
    assertThat(jpod("rmi", "-f", "third")).exitsCleanly();
    CliResult load = jpod.runWithInput(Files.readAllBytes(out), "load");
    assertThat(load).exitedWith(0);
    assertThat(load.lines()).contains("Loaded image: localhost/busybox:latest", "Loaded image: localhost/third:latest");
  }

  @Test
  void badArchivesLeaveNothing() throws Exception {
    Path archive = jpod.dir().resolve("whole.tar");
    assertThat(jpod("save", "-q", "-o", archive.toString(), BusyboxImage.NAME)).exitsCleanly();
    byte[] all = Files.readAllBytes(archive);
    Path truncated = jpod.dir().resolve("truncated.tar");
    Files.write(truncated, Arrays.copyOf(all, all.length / 3));
    List<String> before = jpod("images", "-a", "--no-trunc", "-q").lines();
    long layers = countLayers();
    assertThat(jpod("load", "-i", truncated.toString())).exitedWith(125).singleErrorLine();
    assertThat(jpod("load", "-i", jpod.dir().resolve("missing.tar").toString())).exitedWith(125).singleErrorLine();
    Path notTar = jpod.dir().resolve("not.tar");
    Files.writeString(notTar, "hello, this is not an archive\n".repeat(100));
    assertThat(jpod("load", "-i", notTar.toString())).exitedWith(125).singleErrorLine();
    assertThat(jpod("images", "-a", "--no-trunc", "-q").lines()).isEqualTo(before);
    assertThat(countLayers()).isEqualTo(layers);
    assertThat(jpod("save", "-o", jpod.dir().resolve("x.tar").toString(), "--format", "zip", BusyboxImage.NAME))
        .exitedWith(125).singleErrorLine();
    assertThat(jpod("save", "-o", jpod.dir().resolve("y.tar").toString(), "nosuchimage")).exitedWith(125)
        .singleErrorLine();
    assertThat(jpod.dir().resolve("y.tar")).doesNotExist();
  }

  private long countLayers() throws IOException {
    try (Stream<Path> s = Files.list(jpod.root().resolve("overlay"))) {
      return s.filter(p -> !p.getFileName().toString().equals("l")).count();
    }
  }

  private static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).start();
    String out = new String(p.getInputStream().readAllBytes());
    String err = new String(p.getErrorStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + err);
    }
    return out;
  }
}
