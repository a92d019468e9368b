package io.jpod.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.jpod.sys.Nodes;
import io.jpod.sys.Xattrs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Change lists and diff tars of container layers, made by a real overlay mount. */
class LayerDiffTest {
  private static final String CTR = "3c".repeat(32);

  @TempDir Path tmp;
  Store store;
  Image image;

  @BeforeEach
  void setUp() {
    store = Store.open(tmp.resolve("graph"), tmp.resolve("run"));
    byte[] tar = new Tars().dir("etc", 0755).file("etc/passwd", "root:x:0:0\n").file("etc/hosts", "h")
        .dir("bin", 0755).file("bin/ls", "ls").file("bin/cat", "cat")
        .dir("tmp", 01777).file("tmp/old", "o").dir("usr", 0755).dir("usr/share", 0755)
        .file("usr/share/doc", "d").bytes();
    image = store.images().importRootfs(new ByteArrayInputStream(tar), Optional.of("difftest"),
        ImportOptions.defaults());
  }

  @AfterEach
  void cleanUp() {
    try {
      store.containers().unmount(CTR, true);
    } catch (RuntimeException ignored) {
      // not mounted
    }
  }

  @Test
  void changesAndDiffOfAContainerLayer() throws Exception {
    ContainerLayer c = store.containers().create(CTR, "d1", image.id());
    Path m = store.containers().mount(CTR);
    Files.writeString(m.resolve("etc/passwd"), "root:x:0:0\nme:x:1:1\n");
    Files.delete(m.resolve("bin/ls"));
    Files.delete(m.resolve("tmp/old"));
    Files.delete(m.resolve("tmp"));
    Files.createDirectory(m.resolve("tmp"));
    Files.createDirectories(m.resolve("new/sub"));
    Files.writeString(m.resolve("new/sub/x"), "payload");
    Files.createLink(m.resolve("new/sub/y"), m.resolve("new/sub/x"));
    Files.createSymbolicLink(m.resolve("new/link"), Path.of("/etc/passwd"));
    Nodes.mknod(m.resolve("new/fifo"), Nodes.S_IFIFO | 0640, 0);
    Nodes.mknod(m.resolve("new/null"), Nodes.S_IFCHR | 0666, Nodes.makedev(1, 3));
    Files.setAttribute(m.resolve("new/sub/x"), "unix:uid", 1000);
    Files.setAttribute(m.resolve("new/sub/x"), "unix:mode", 04755);
    Xattrs.set(m.resolve("new/sub/x"), "trusted.note", "hello".getBytes(StandardCharsets.UTF_8));
    store.containers().unmount(CTR, true);

    List<String> changes = store.layers().changes(c.layerId()).stream()
        .map(ch -> ch.kind().letter() + " " + ch.path()).toList();
    assertThat(changes).containsExactly(
        "C /bin", "D /bin/ls", "C /etc/passwd", "A /new", "A /new/fifo", "A /new/link", "A /new/null",
        "A /new/sub", "A /new/sub/x", "A /new/sub/y", "D /tmp");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.layers().writeDiff(c.layerId(), out);
    Map<String, TarArchiveEntry> entries = entries(out.toByteArray());
    assertThat(entries.keySet()).containsExactly("bin/", "bin/.wh.ls", "etc/", "etc/passwd", "new/",
        "new/fifo", "new/link", "new/null", "new/sub/", "new/sub/x", "new/sub/y", "tmp/",
        "tmp/.wh..wh..opq");
    TarArchiveEntry wh = entries.get("bin/.wh.ls");
    assertThat(wh.isFile()).isTrue();
    assertThat(wh.getSize()).isZero();
    assertThat(wh.getMode() & 07777).isZero();
    TarArchiveEntry x = entries.get("new/sub/x");
    assertThat(x.getMode() & 07777).isEqualTo(04755);
    assertThat(x.getLongUserId()).isEqualTo(1000);
    assertThat(x.getExtraPaxHeaders()).containsEntry("SCHILY.xattr.trusted.note", "hello");
    assertThat(x.getExtraPaxHeaders().keySet()).noneMatch(k -> k.contains("overlay"));
    assertThat(entries.get("new/sub/y").isLink()).isTrue();
    assertThat(entries.get("new/sub/y").getLinkName()).isEqualTo("new/sub/x");
    assertThat(entries.get("new/link").getLinkName()).isEqualTo("/etc/passwd");
    assertThat(entries.get("new/fifo").isFIFO()).isTrue();
    assertThat(entries.get("new/null").isCharacterDevice()).isTrue();
    assertThat(entries.get("new/null").getDevMajor()).isEqualTo(1);
    assertThat(entries.get("new/null").getDevMinor()).isEqualTo(3);
    assertThat(entries.get("tmp/").getExtraPaxHeaders()).isEmpty();

    ByteArrayOutputStream again = new ByteArrayOutputStream();
    store.layers().writeDiff(c.layerId(), again);
    assertThat(again.toByteArray()).isEqualTo(out.toByteArray());
  }

  @Test
  void imageLayerChangesAreAgainstItsParent() throws Exception {
    byte[] upper = new Tars().dir("etc", 0700).file("etc/hosts", "new").file("etc/.wh.passwd", "")
        .file("bin/.wh..wh..opq", "").file("bin/sh", "sh").file("opt/tool", "t").bytes();
    LayerRecord top = store.layers().createFromTar(new ByteArrayInputStream(upper), image.topLayer());
    List<String> changes = store.layers().changes(top.id()).stream()
        .map(ch -> ch.kind().letter() + " " + ch.path()).toList();
    // bin is opaque over an existing bin: containers/storage calls that a deletion.
    assertThat(changes).containsExactly("D /bin", "A /bin/sh", "C /etc", "C /etc/hosts", "D /etc/passwd",
        "A /opt", "A /opt/tool");
    assertThat(store.layers().changes(image.topLayer())).extracting(ch -> ch.kind().letter())
        .containsOnly("A");
  }

  @Test
  void lowerWhiteoutsAndOpaqueDirsHideWhatIsBelowThem() throws Exception {
    byte[] middle = new Tars().file("etc/.wh.hosts", "").dir("usr", 0755).file("usr/.wh..wh..opq", "")
        .bytes();
    LayerRecord mid = store.layers().createFromTar(new ByteArrayInputStream(middle), image.topLayer());
    byte[] top = new Tars().file("etc/hosts", "back").file("usr/share/doc", "again").file("bin/cat", "c2")
        .bytes();
    LayerRecord t = store.layers().createFromTar(new ByteArrayInputStream(top), mid.id());
    List<String> changes = store.layers().changes(t.id()).stream()
        .map(ch -> ch.kind().letter() + " " + ch.path()).toList();
    assertThat(changes).contains("A /etc/hosts", "A /usr/share", "A /usr/share/doc", "C /bin/cat");
  }

  static Map<String, TarArchiveEntry> entries(byte[] tar) throws Exception {
    Map<String, TarArchiveEntry> out = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.put(e.getName(), e);
      }
    }
    return out;
  }

  static List<String> names(byte[] tar) throws Exception {
    return new ArrayList<>(entries(tar).keySet());
  }
}
