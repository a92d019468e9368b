package io.jpod.core.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The descriptor-anchored I/O under a fake container root that plants the classic escapes: "/escape"
 * pointing at "/" and "/x" pointing at "../../../../etc". Nothing may ever touch the host's /etc.
 */
class RootedCopyTest {
  @TempDir Path tmp;

  /** The planted links point outside the temp dir: remove them before JUnit cleans up. */
  @AfterEach
  void removeLinks() throws IOException {
    Files.deleteIfExists(tmp.resolve("root/escape"));
    Files.deleteIfExists(tmp.resolve("root/x"));
  }

  private Path root() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(root.resolve("tmp"));
    Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:container:/root:/bin/sh\n");
    Files.createSymbolicLink(root.resolve("escape"), Path.of("/"));
    Files.createSymbolicLink(root.resolve("x"), Path.of("../../../../etc"));
    return root;
  }

  @Test
  void symlinkLookupsStayInTheRoot() throws IOException {
    Path root = root();
    try (DirFd fd = DirFd.open(root)) {
      InRootPath.Links links = ContainerCopy.links(fd);
      assertThat(InRootPath.resolve("/x/passwd", links)).isEqualTo("/etc/passwd");
      assertThat(InRootPath.resolve("/escape/etc/passwd", links)).isEqualTo("/etc/passwd");
      // the kernel agrees: opening through the links lands in the root's etc, not the host's
      try (DirFd etc = fd.openDir("escape/etc", DirFd.IN_ROOT)) {
        assertThat(Files.readString(etc.child("passwd"))).contains("container");
      }
      try (DirFd etc = fd.openDir("x", DirFd.IN_ROOT)) {
        assertThat(Files.readString(etc.child("passwd"))).contains("container");
      }
      assertThat(ContainerCopy.stat(fd, "/etc/shadow")).isNull();
    }
  }

  @Test
  void walkingBeneathRefusesSymlinks() throws IOException {
    Path root = root();
    try (DirFd fd = DirFd.open(root)) {
      assertThatThrownBy(() -> fd.openDir("escape", DirFd.BENEATH)).isInstanceOf(FileSystemException.class);
      assertThatThrownBy(() -> fd.openDir("../..", DirFd.BENEATH)).isInstanceOf(FileSystemException.class);
    }
  }

  @Test
  void extractedEntriesLandInsideTheRootWhateverTheirNames() throws IOException {
    Path root = root();
    byte[] tar = tar(List.of("escape/etc/evil1", "x/evil2", "../../../../etc/evil3", "/etc/evil4"));
    try (DirFd fd = DirFd.open(root)) {
      new TreeTarExtractor(fd, "/", new TreeTarExtractor.Options(new Owner(0, 0), false, false))
          .extract(new ByteArrayInputStream(tar));
    }
    for (String evil : List.of("evil1", "evil2", "evil3", "evil4")) {
      assertThat(root.resolve("etc").resolve(evil)).hasContent("data:" + evil);
      assertThat(Path.of("/etc").resolve(evil)).doesNotExist();
    }
  }

  @Test
  void anExistingSymlinkAtTheTargetIsReplacedNotWrittenThrough() throws IOException {
    Path root = root();
    Path outside = Files.writeString(tmp.resolve("outside.txt"), "untouched");
    Files.createSymbolicLink(root.resolve("tmp/f"), outside);
    try (DirFd fd = DirFd.open(root)) {
      new TreeTarExtractor(fd, "/tmp", new TreeTarExtractor.Options(null, false, false))
          .extract(new ByteArrayInputStream(tar(List.of("f"))));
    }
    assertThat(Files.readString(outside)).isEqualTo("untouched");
    assertThat(Files.isSymbolicLink(root.resolve("tmp/f"))).isFalse();
    assertThat(Files.readString(root.resolve("tmp/f"))).isEqualTo("data:f");
  }

  @Test
  void archivingNeverFollowsSymlinksInTheTree() throws IOException {
    Path root = root();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DirFd fd = DirFd.open(root);
        TreeTarWriter w = new TreeTarWriter(out, new TreeTarWriter.Options(null, false, Set.of("/tmp")), HostNames.none())) {
      w.writeDirectory(fd, "/", "");
    }
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        names.add(e.getName() + (e.isSymbolicLink() ? " -> " + e.getLinkName() : ""));
      }
    }
    // (commons-compress' reader shows directory names with a trailing "/")
    assertThat(names).containsExactly("escape -> /", "etc/", "etc/passwd", "x -> ../../../../etc");
  }

  /** A tar of regular files, each holding "data:" + its name. */
  private static byte[] tar(List<String> names) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      for (String n : names) {
        byte[] data = ("data:" + n.substring(n.lastIndexOf('/') + 1)).getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(n, true);
        e.setSize(data.length);
        e.setMode(0100644);
        out.putArchiveEntry(e);
        out.write(data);
        out.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }
}
