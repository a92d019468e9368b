package io.jpod.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.sys.Nodes;
import io.jpod.sys.Xattrs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vfs driver: complete trees per layer, whiteouts applied for real, copies and naive diffs. */
class VfsDriverTest {
  private static final String CTR = "5e".repeat(32);

  @TempDir Path tmp;
  Store store;
  Path graph;

  @BeforeEach
  void setUp() {
    graph = tmp.resolve("graph");
    store = Store.open(graph, tmp.resolve("run"), "vfs", List.of("overlay.mountopt=nodev"));
  }

  /** A base image with one of every kind of file. */
  private Image baseImage() {
    byte[] tar = new Tars().dir("etc", 0755).file("etc/passwd", "root:x:0:0\n").file("etc/hosts", "h")
        .dir("bin", 0755).file("bin/ls", "ls").file("bin/cat", "cat").hardlink("bin/cat2", "bin/cat")
        .pax(Map.of("SCHILY.xattr.security.capability", new byte[] {1, 0, 0, 2, 0, 0x20, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0}))
        .file("bin/ping", "elf", 04755, 0, 0)
        .dir("tmp", 01777).file("tmp/old", "o").dir("usr", 0755).dir("usr/share", 0755)
        .file("usr/share/doc", "d").file("usr/share/more", "m")
        .dir("home", 0750, 1000, 1000).file("home/me", "mine", 0600, 1000, 1001)
        .symlink("etc/link", "/etc/passwd").fifo("run.fifo", 0640, 7)
        .device("dev/null", TarConstants.LF_CHR, 1, 3, 0666, 0).bytes();
    return store.images().importRootfs(new ByteArrayInputStream(tar), Optional.of("vfsbase"),
        ImportOptions.defaults());
  }

  @Test
  void layoutIsContainersStorageVfs() throws Exception {
    Image image = baseImage();
    assertThat(store.driverName()).isEqualTo("vfs");
    Path dir = graph.resolve("vfs/dir/" + image.topLayer());
    assertThat(store.layers().diffDir(image.topLayer())).isEqualTo(dir);
    assertThat(Files.readString(dir.resolve("etc/passwd"))).isEqualTo("root:x:0:0\n");
    assertThat(graph.resolve("vfs-layers/layers.json")).exists();
    assertThat(graph.resolve("vfs-layers/" + image.topLayer() + ".tar-split.gz")).exists();
    assertThat(graph.resolve("vfs-images/images.json")).exists();
    assertThat(graph.resolve("vfs-images/" + image.id())).isDirectory();
    assertThat(graph.resolve("overlay")).doesNotExist();
    assertThat(graph.resolve("overlay-layers")).doesNotExist();
    assertThat(stagingLeft()).isEmpty();

    store.containers().create(CTR, "v1", image.id());
    assertThat(graph.resolve("vfs-containers/containers.json")).exists();
    assertThat(store.containers().userdataDir(CTR)).isEqualTo(graph.resolve("vfs-containers/" + CTR + "/userdata"));
    assertThat(store.containers().runUserdataDir(CTR))
        .isEqualTo(tmp.resolve("run/vfs-containers/" + CTR + "/userdata"));
  }

  @Test
  void layersStackWithWhiteoutsAndOpaqueDirsApplied() throws Exception {
    Image image = baseImage();
    String base = image.topLayer();
    byte[] upper = new Tars().file("bin/.wh.ls", "").file("usr/share/.wh..wh..opq", "")
        .file("usr/share/new", "n").file("etc/hosts", "replaced").file(".wh.tmp", "")
        .dir("etc/passwd", 0700).file("etc/passwd/now-a-dir", "x").file(".wh.home", "").file("home", "a file")
        .file("opt/tool", "t", 0755, 0, 0).bytes();
    LayerRecord mid = store.layers().createFromTar(new ByteArrayInputStream(upper), base);
    Path m = store.layers().diffDir(mid.id());
    assertThat(m).isEqualTo(graph.resolve("vfs/dir/" + mid.id()));
    assertThat(m.resolve("bin/ls")).doesNotExist();
    assertThat(Files.readString(m.resolve("bin/cat"))).isEqualTo("cat");
    assertThat(list(m.resolve("usr/share"))).containsExactly("new");
    assertThat(Files.readString(m.resolve("etc/hosts"))).isEqualTo("replaced");
    assertThat(m.resolve("tmp")).doesNotExist();
    assertThat(Files.isDirectory(m.resolve("etc/passwd"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    assertThat(Files.readString(m.resolve("home"))).isEqualTo("a file");
    assertThat(Files.readString(m.resolve("opt/tool"))).isEqualTo("t");
    // No overlay artefacts in a vfs tree: no whiteout devices, no opaque xattrs.
    try (Stream<Path> all = Files.walk(m)) {
      for (Path p : all.toList()) {
        FileStat st = FileStat.of(p);
        assertThat(st.isWhiteout()).as(p.toString()).isFalse();
        assertThat(Xattrs.list(p)).as(p.toString()).noneMatch(Whiteouts::isOverlayXattr);
      }
    }
    // The parent is untouched.
    Path b = store.layers().diffDir(base);
    assertThat(b.resolve("bin/ls")).exists();
    assertThat(list(b.resolve("usr/share"))).containsExactly("doc", "more");
    assertThat(Files.readString(b.resolve("etc/hosts"))).isEqualTo("h");

    // The layer's exact tar comes back from the complete tree and its tar-split.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.layers().writeLayerTar(mid.id(), out);
    assertThat(Digest.of(out.toByteArray()).toString()).isEqualTo(mid.diffDigest());

    // A third layer brings back what the second deleted.
    byte[] top = new Tars().file("bin/ls", "ls again").file("tmp/fresh", "f").bytes();
    LayerRecord t = store.layers().createFromTar(new ByteArrayInputStream(top), mid.id());
    Path tt = store.layers().diffDir(t.id());
    assertThat(Files.readString(tt.resolve("bin/ls"))).isEqualTo("ls again");
    assertThat(list(tt.resolve("tmp"))).containsExactly("fresh");
    assertThat(list(tt.resolve("usr/share"))).containsExactly("new");
    assertThat(store.layers().chain(t.id())).containsExactly(base, mid.id(), t.id());
    assertThat(store.layers().lowerDirs(t.id())).isEmpty();

    List<String> changes = letters(store.layers().changes(mid.id()));
    assertThat(changes).contains("D /bin/ls", "D /tmp", "D /usr/share/doc", "A /usr/share/new",
        "C /etc/hosts", "C /etc/passwd", "A /etc/passwd/now-a-dir", "C /home", "A /opt", "A /opt/tool");
    assertThat(stagingLeft()).isEmpty();
  }

  @Test
  void containerLayerIsAFaithfulCopyAndMountsWithoutAMount() throws Exception {
    Image image = baseImage();
    Path b = store.layers().diffDir(image.topLayer());
    // Nanoseconds must survive the copy, or every file would look changed.
    Nodes.setTimes(b.resolve("etc/passwd"), Instant.ofEpochSecond(1_600_000_000, 123_456_789),
        Instant.ofEpochSecond(1_600_000_000, 987_654_321));
    Xattrs.set(b.resolve("usr/share"), "trusted.note", "hi".getBytes(StandardCharsets.UTF_8));

    ContainerLayer c = store.containers().create(CTR, "v1", image.id());
    assertThat(c.diffDir()).isEqualTo(graph.resolve("vfs/dir/" + c.layerId()));
    assertThat(c.mergedDir()).isEqualTo(c.diffDir());
    assertThat(c.workDir()).isNull();
    assertThat(store.layers().get(c.layerId()).orElseThrow().parent()).isEqualTo(image.topLayer());

    List<String> paths = new ArrayList<>();
    try (Stream<Path> all = Files.walk(b)) {
      all.forEach(p -> paths.add(b.relativize(p).toString()));
    }
    for (String rel : paths) {
      Path src = b.resolve(rel);
      Path dst = c.diffDir().resolve(rel);
      FileStat s = FileStat.of(src);
      FileStat d = FileStat.of(dst);
      assertThat(d).as(rel).isNotNull();
      assertThat(d.mode()).as(rel).isEqualTo(s.mode());
      assertThat(d.uid()).as(rel).isEqualTo(s.uid());
      assertThat(d.gid()).as(rel).isEqualTo(s.gid());
      assertThat(d.rdev()).as(rel).isEqualTo(s.rdev());
      assertThat(d.mtime()).as(rel).isEqualTo(s.mtime());
      assertThat(d.ino()).as(rel).isNotEqualTo(s.ino());
      if (!s.isDir()) {
        assertThat(d.size()).as(rel).isEqualTo(s.size());
      }
      assertThat(Xattrs.list(dst)).as(rel).containsExactlyInAnyOrderElementsOf(Xattrs.list(src));
      if (s.isSymlink()) {
        assertThat(Files.readSymbolicLink(dst)).isEqualTo(Files.readSymbolicLink(src));
      }
    }
    FileStat cat = FileStat.of(c.diffDir().resolve("bin/cat"));
    assertThat(cat.nlink()).isEqualTo(2);
    assertThat(FileStat.of(c.diffDir().resolve("bin/cat2")).ino()).isEqualTo(cat.ino());
    assertThat(FileStat.of(c.diffDir().resolve("run.fifo")).type()).isEqualTo(Nodes.S_IFIFO);
    assertThat(FileStat.of(c.diffDir().resolve("bin/ping")).mode() & 07777).isEqualTo(04755);
    assertThat(Xattrs.get(c.diffDir().resolve("bin/ping"), "security.capability")).isPresent();
    assertThat(store.layers().changes(c.layerId())).isEmpty();

    Path root = store.containers().mount(CTR);
    assertThat(root).isEqualTo(c.diffDir());
    store.containers().mount(CTR, true);
    assertThat(store.containers().mountCount(CTR)).isEqualTo(2);
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(root.toString());
    assertThat(tmp.resolve("run/vfs-layers/mountpoints.json")).exists();
    store.containers().unmount(CTR, false);
    assertThat(store.containers().mountCount(CTR)).isEqualTo(1);
    store.containers().unmount(CTR, true);
    assertThat(store.containers().mountCount(CTR)).isZero();
    assertThat(root.resolve("etc/passwd")).exists(); // unmounting a vfs container hides nothing

    store.containers().remove(CTR);
    assertThat(c.diffDir()).doesNotExist();
    assertThat(graph.resolve("vfs-containers/" + CTR)).doesNotExist();
    store.images().remove(image.id());
    assertThat(b).doesNotExist();
    assertThat(list(graph.resolve("vfs/dir"))).isEmpty();
  }

  @Test
  void changesAndDiffOfAContainerAndCommittingThem() throws Exception {
    Image image = baseImage();
    store.containers().create(CTR, "v1", image.id());
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
    Nodes.lchown(m.resolve("new/sub/x"), 1000, 0);
    Nodes.chmod(m.resolve("new/sub/x"), 04755);
    Xattrs.set(m.resolve("new/sub/x"), "trusted.note", "hello".getBytes(StandardCharsets.UTF_8));
    Nodes.chmod(m.resolve("usr/share/doc"), 0600); // an attribute change only
    store.containers().unmount(CTR, false);

    String layer = store.containers().get(CTR).layerId();
    // As overlay would list it, except that a recreated tmp is a change with its old content deleted.
    assertThat(letters(store.layers().changes(layer))).containsExactly(
        "C /bin", "D /bin/ls", "C /etc", "C /etc/passwd", "A /new", "A /new/fifo", "A /new/link", "A /new/null",
        "A /new/sub", "A /new/sub/x", "A /new/sub/y", "C /tmp", "D /tmp/old", "C /usr", "C /usr/share",
        "C /usr/share/doc");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.layers().writeDiff(layer, out);
    Map<String, TarArchiveEntry> entries = LayerDiffTest.entries(out.toByteArray());
    assertThat(entries.keySet()).containsExactly("bin/", "bin/.wh.ls", "etc/", "etc/passwd", "new/",
        "new/fifo", "new/link", "new/null", "new/sub/", "new/sub/x", "new/sub/y", "tmp/", "tmp/.wh.old",
        "usr/", "usr/share/", "usr/share/doc");
    TarArchiveEntry wh = entries.get("bin/.wh.ls");
    assertThat(wh.isFile()).isTrue();
    assertThat(wh.getSize()).isZero();
    TarArchiveEntry x = entries.get("new/sub/x");
    assertThat(x.getMode() & 07777).isEqualTo(04755);
    assertThat(x.getLongUserId()).isEqualTo(1000);
    assertThat(x.getExtraPaxHeaders()).containsEntry("SCHILY.xattr.trusted.note", "hello");
    assertThat(entries.get("new/sub/y").isLink()).isTrue();
    assertThat(entries.get("new/sub/y").getLinkName()).isEqualTo("new/sub/x");
    assertThat(entries.get("new/null").isCharacterDevice()).isTrue();
    assertThat(entries.get("usr/share/doc").getMode() & 07777).isEqualTo(0600);
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    store.layers().writeDiff(layer, again);
    assertThat(again.toByteArray()).isEqualTo(out.toByteArray());
    // Without a tar-split, the layer's tar is its diff.
    ByteArrayOutputStream layerTar = new ByteArrayOutputStream();
    store.layers().writeLayerTar(layer, layerTar);
    assertThat(layerTar.toByteArray()).isEqualTo(out.toByteArray());

    // Commit: the diff staged as a layer on the image's reproduces the container's tree.
    StagedLayer s = store.layers().stage(new ByteArrayInputStream(out.toByteArray()));
    LayerRecord committed = store.layers().commitStaged(s, image.topLayer());
    Path c = store.layers().diffDir(committed.id());
    assertThat(c.resolve("bin/ls")).doesNotExist();
    assertThat(c.resolve("tmp/old")).doesNotExist();
    assertThat(Files.readString(c.resolve("new/sub/y"))).isEqualTo("payload");
    assertThat(FileStat.of(c.resolve("new/sub/y")).ino()).isEqualTo(FileStat.of(c.resolve("new/sub/x")).ino());
    assertThat(NaiveDiff.compute(c, m)).isEmpty();
    assertThat(letters(store.layers().changes(committed.id())))
        .isEqualTo(letters(store.layers().changes(layer)));
    ByteArrayOutputStream committedTar = new ByteArrayOutputStream();
    store.layers().writeLayerTar(committed.id(), committedTar);
    assertThat(committedTar.toByteArray()).isEqualTo(out.toByteArray());
  }

  @Test
  void aContainerWithoutAnImageStartsEmpty() throws Exception {
    ContainerLayer c = store.containers().create(CTR, null, null);
    assertThat(list(c.diffDir())).isEmpty();
    Files.writeString(store.containers().mount(CTR).resolve("f"), "x");
    assertThat(letters(store.layers().changes(c.layerId()))).containsExactly("A /f");
    store.containers().remove(CTR);
    assertThat(c.diffDir()).doesNotExist();
  }

  @Test
  void unknownDriversAreRefusedByName() {
    assertThatThrownBy(() -> Store.open(tmp.resolve("g"), tmp.resolve("r"), "btrfs", List.of()))
        .isInstanceOf(JpodException.class)
        .satisfies(e -> assertThat(((JpodException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
        .hasMessage("unsupported storage driver \"btrfs\": jpod supports overlay, vfs");
    assertThat(Store.open(tmp.resolve("g"), tmp.resolve("r"), "", List.of()).driverName()).isEqualTo("overlay");
    assertThat(Store.open(tmp.resolve("g"), tmp.resolve("r"), "VFS", List.of()).driverName()).isEqualTo("vfs");
    assertThat(Store.supportedDrivers()).containsExactly("overlay", "vfs");
  }

  @Test
  void overlayAndVfsStoresShareARootWithoutSeeingEachOther() {
    Image image = baseImage();
    Store overlay = Store.open(graph, tmp.resolve("run"));
    assertThat(overlay.images().list()).isEmpty();
    assertThat(store.images().list()).extracting(Image::id).containsExactly(image.id());
  }

  private List<String> stagingLeft() throws Exception {
    Path staging = graph.resolve("vfs/staging");
    return Files.isDirectory(staging) ? list(staging) : List.of();
  }

  private static List<String> list(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<String> letters(List<Change> changes) {
    return changes.stream().map(ch -> ch.kind().letter() + " " + ch.path()).toList();
  }
}
