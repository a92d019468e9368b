package io.jpod.image.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jpod.image.transport.ImageDestination;
import io.jpod.image.transport.LayerCompression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads jpod's archives with the real podman, into a throw-away store of its own (vfs driver, no
 * events), so that the host's podman images are never touched.
 */
class PodmanInteropTest {
  private static final Path PODMAN = Path.of("/usr/bin/podman");

  @TempDir Path tmp;

  private String podman(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(PODMAN.toString(), "--root", tmp.resolve("root").toString(),
        "--runroot", tmp.resolve("run").toString(), "--storage-driver", "vfs", "--events-backend", "none",
        "--tmpdir", tmp.resolve("libpod-tmp").toString()));
    cmd.addAll(List.of(args));
    return TestImages.run(cmd.toArray(String[]::new));
  }

  @Test
  void podmanLoadsOurDockerAndOciArchives() throws Exception {
    assumeTrue(Files.isExecutable(PODMAN) && "root".equals(System.getProperty("user.name")),
        "needs podman and root");
    byte[] layer = TestImages.layer("etc/hello", "hello");
    Path src = tmp.resolve("src");
    TestImages.ociLayout(src, "v1", TestImages.config(List.of(layer), "cat /etc/hello"), List.of(layer));

    Path docker = tmp.resolve("d.tar");
    try (ImageDestination d = DockerArchiveWriter.singleImage(docker, List.of("example.com/hello:1"),
        tmp.resolve("spool"))) {
      TestImages.copy(OciLayoutReader.openDirectory(src).source("v1"), d);
    }
    assertThat(podman("load", "-i", docker.toString())).contains("Loaded image: example.com/hello:1");

    Path oci = tmp.resolve("o.tar");
    try (ImageDestination d = OciArchiveWriter.singleImage(oci, "example.com/hello:2", tmp.resolve("spool"),
        LayerCompression.GZIP)) {
      TestImages.copy(OciLayoutReader.openDirectory(src).source("v1"), d);
    }
    assertThat(podman("load", "-i", oci.toString())).contains("example.com/hello:2");
    assertThat(podman("images", "--format", "{{.Repository}}:{{.Tag}}"))
        .contains("example.com/hello:1", "example.com/hello:2");
  }
}
