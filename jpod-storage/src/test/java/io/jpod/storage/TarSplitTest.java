package io.jpod.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.sys.Nodes;
import io.jpod.sys.Xattrs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers re-create their original tar byte for byte from the diff dir and the tar-split. */
class TarSplitTest {
  /** A v2 file capability (cap_setuid, permitted + effective): the kernel checks the format. */
  private static final byte[] CAP = {1, 0, 0, 2, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  @TempDir Path tmp;
  Store store;
  LayerStore layers;

  @BeforeEach
  void setUp() {
    store = Store.open(tmp.resolve("graph"), tmp.resolve("run"));
    layers = store.layers();
  }

  private LayerRecord roundTrip(byte[] blob, byte[] tar) throws Exception {
    LayerRecord l = layers.createFromTar(new ByteArrayInputStream(blob), null);
    assertThat(l.diffDigest()).isEqualTo(Digest.of(tar).toString());
    assertThat(layers.hasTarSplit(l.id())).isTrue();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    layers.writeLayerTar(l.id(), out);
    assertThat(Digest.of(out.toByteArray())).isEqualTo(Digest.of(tar));
    assertThat(out.toByteArray()).isEqualTo(tar);
    return l;
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void gnuLongNamesAndLinks() throws Exception {
    String longDir = "d".repeat(120) + "/" + "e".repeat(90);
    byte[] tar = Tars.gnu().dir(longDir, 0755).file(longDir + "/" + "f".repeat(150), "long")
        .symlink("s", "/" + "t".repeat(200)).hardlink("h".repeat(130), longDir + "/" + "f".repeat(150))
        .bytes();
    roundTrip(tar, tar);
  }

  @Test
  void paxHeadersXattrsAndBigIds() throws Exception {
    Map<String, byte[]> pax = new LinkedHashMap<>();
    pax.put("SCHILY.xattr.security.capability", CAP);
    pax.put("SCHILY.xattr.trusted.x", new byte[] {(byte) 0xff, 0, (byte) 0xfe});
    byte[] tar = new Tars().pax(pax).file("bin/ping", "elf", 0755, 0, 0)
        .file("u".repeat(200) + "/" + "v".repeat(150), "posix long name").file("big-ids", "b", 0644, 3_000_000, 4_000_000).bytes();
    LayerRecord l = roundTrip(tar, tar);
    assertThat(l.uidset()).contains(3_000_000);
  }

  @Test
  void sizesLinksAndEmptyFiles() throws Exception {
    Tars t = new Tars().dir("data", 0755);
    int[] sizes = {0, 1, 511, 512, 513, 100_000, 3 * 65536 + 7};
    for (int size : sizes) {
      t.bytes("data/f" + size, random(size, size), 0644);
    }
    byte[] tar = t.hardlink("data/link", "data/f513").symlink("data/sym", "f1").fifo("data/fifo")
        .device("data/null", TarConstants.LF_CHR, 1, 3, 0666, 0).bytes();
    roundTrip(tar, tar);
  }

  @Test
  void whiteoutsOpaqueMarkersAndSkippedEntries() throws Exception {
    byte[] tar = new Tars().file("etc/.wh.passwd", "").dir("usr", 0755).file("usr/.wh..wh..opq", "")
        .file(".wh..wh.plnk/42", "aufs hard link farm content")
        .typed("vol", (byte) 'V', "volume header payload".getBytes(StandardCharsets.UTF_8))
        .file("kept", "k").bytes();
    roundTrip(tar, tar);
  }

  @Test
  void compressedInputReproducesTheUncompressedTar() throws Exception {
    byte[] tar = new Tars().file("a", "gzip").bytes("b", random(70_000, 1), 0600).bytes();
    LayerRecord gz = roundTrip(Tars.gzip(tar), tar);
    assertThat(gz.compressedDiffDigest()).isEqualTo(Digest.of(Tars.gzip(tar)).toString());
    byte[] tar2 = new Tars().file("z", "zstd").bytes("y", random(70_000, 2), 0600).bytes();
    roundTrip(Tars.zstd(tar2), tar2);
  }

  @Test
  void contentThatALaterEntryReplacedIsKept() throws Exception {
    byte[] tar = new Tars().file("a", "first content of a").hardlink("b", "a").file("a", "second")
        .file("dir/x", "x in a directory that a file replaces").file("dir/y", "y too").file("dir", "now a file")
        .file("gone", "whited out later").file(".wh.gone", "").file("s", "becomes a symlink")
        .symlink("s", "a").bytes();
    LayerRecord l = roundTrip(tar, tar);
    Path diff = layers.diffDir(l.id());
    assertThat(Files.readString(diff.resolve("a"))).isEqualTo("second");
    assertThat(Files.readString(diff.resolve("b"))).isEqualTo("first content of a");
    assertThat(Files.readString(diff.resolve("dir"))).isEqualTo("now a file");
    try (var s = Files.list(layers.layerDir(l.id()))) {
      assertThat(s.map(p -> p.getFileName().toString()).toList())
          .containsExactlyInAnyOrder("diff", "link", "empty");
    }
  }

  @Test
  void tarsWithoutEndBlocksOrWithTrailingData() throws Exception {
    byte[] tar = new Tars().file("a", "aaa").bytes();
    byte[] noEnd = Arrays.copyOf(tar, 1024); // header + one data block, no end-of-archive blocks
    roundTrip(noEnd, noEnd);
    byte[] trailing = Arrays.copyOf(tar, tar.length + 4096);
    Arrays.fill(trailing, tar.length, trailing.length, (byte) 0);
    roundTrip(trailing, trailing);
  }

  @Test
  void tarsMadeByGnuTar() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/tar")));
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.write(src.resolve("small"), random(700, 7));
    Files.write(src.resolve("big"), random(300_000, 8));
    Files.createFile(src.resolve("empty"));
    Files.createLink(src.resolve("hard"), src.resolve("small"));
    Files.createSymbolicLink(src.resolve("sym"), Path.of("small"));
    Files.createDirectories(src.resolve("a/b/" + "c".repeat(120)));
    Files.writeString(src.resolve("a/b/" + "c".repeat(120) + "/" + "n".repeat(110)), "deep");
    Nodes.mknod(src.resolve("fifo"), Nodes.S_IFIFO | 0644, 0);
    Xattrs.set(src.resolve("small"), "trusted.bin", new byte[] {0, (byte) 0x80, (byte) 0xff});
    Xattrs.set(src.resolve("big"), "user.text", "hello".getBytes(StandardCharsets.UTF_8));
    try (RandomAccessFile sparse = new RandomAccessFile(src.resolve("sparse").toFile(), "rw")) {
      sparse.setLength(5 << 20);
      sparse.seek(2 << 20);
      sparse.write(random(10_000, 9));
    }
    for (String[] format : new String[][] {{"--format=posix", "--xattrs", "--xattrs-include=*"},
        {"--format=gnu", "--sparse"}, {"--format=posix", "--sparse"}, {"--format=ustar"}}) {
      if (format[0].equals("--format=ustar")) {
        Files.deleteIfExists(src.resolve("a/b/" + "c".repeat(120) + "/" + "n".repeat(110)));
        Files.deleteIfExists(src.resolve("a/b/" + "c".repeat(120)));
      }
      Path out = tmp.resolve("gnu.tar");
      String[] cmd = new String[format.length + 6];
      cmd[0] = "tar";
      System.arraycopy(format, 0, cmd, 1, format.length);
      System.arraycopy(new String[] {"-cf", out.toString(), "-C", src.toString(), "."}, 0, cmd,
          format.length + 1, 5);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(msg).isZero();
      byte[] tar = Files.readAllBytes(out);
      assertThat(tar.length % 10240).isZero(); // GNU tar pads to its 10 KiB blocking factor
      LayerRecord l = roundTrip(tar, tar);
      Path diff = layers.diffDir(l.id());
      assertThat(Files.size(diff.resolve("sparse"))).isEqualTo(5 << 20);
      assertThat(Files.getAttribute(diff.resolve("hard"), "unix:ino"))
          .isEqualTo(Files.getAttribute(diff.resolve("small"), "unix:ino"));
      if (format.length > 1 && format[1].equals("--xattrs")) {
        assertThat(Xattrs.get(diff.resolve("small"), "trusted.bin"))
            .hasValueSatisfying(v -> assertThat(v).containsExactly(0, (byte) 0x80, (byte) 0xff));
      }
      layers.delete(l.id());
    }
  }

  @Test
  void theSplitIsStoredGzipNextToLayersJson() throws Exception {
    byte[] tar = new Tars().file("a", "a").bytes();
    LayerRecord l = layers.createFromTar(new ByteArrayInputStream(tar), null);
    Path split = store.graphRoot().resolve("overlay-layers/" + l.id() + ".tar-split.gz");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(split))) {
      assertThat(new String(in.readNBytes(10), StandardCharsets.US_ASCII)).isEqualTo("JPODTSPLIT");
    }
    layers.delete(l.id());
    assertThat(split).doesNotExist();
  }

  @Test
  void aChangedLayerFileIsDetected() throws Exception {
    byte[] tar = new Tars().file("a", "original").file("b", "bbb").bytes();
    LayerRecord l = layers.createFromTar(new ByteArrayInputStream(tar), null);
    Files.writeString(layers.diffDir(l.id()).resolve("a"), "tampered");
    assertThatThrownBy(() -> layers.writeLayerTar(l.id(), new ByteArrayOutputStream()))
        .isInstanceOf(JpodException.class)
        .satisfies(e -> assertThat(((JpodException) e).kind()).isEqualTo(ErrorKind.SYSTEM))
        .hasMessageContaining("layer " + l.id()).hasMessageContaining("not " + l.diffDigest());
    Files.writeString(layers.diffDir(l.id()).resolve("a"), "short");
    assertThatThrownBy(() -> layers.writeLayerTar(l.id(), new ByteArrayOutputStream()))
        .isInstanceOf(JpodException.class).hasMessageContaining("shorter");
  }

  @Test
  void containerLayersAreWrittenAsTheirDiff() throws Exception {
    byte[] tar = new Tars().file("etc/hello", "hi").bytes();
    LayerRecord base = layers.createFromTar(new ByteArrayInputStream(tar), null);
    LayerRecord rw = layers.createWritable(base.id(), "c-layer");
    Files.writeString(layers.diffDir(rw.id()).resolve("new"), "n");
    ByteArrayOutputStream viaTar = new ByteArrayOutputStream();
    layers.writeLayerTar(rw.id(), viaTar);
    ByteArrayOutputStream viaDiff = new ByteArrayOutputStream();
    layers.writeDiff(rw.id(), viaDiff);
    assertThat(viaTar.toByteArray()).isEqualTo(viaDiff.toByteArray());
    assertThat(LayerDiffTest.names(viaTar.toByteArray())).containsExactly("new");
    assertThat(layers.hasTarSplit(rw.id())).isFalse();
  }

  @Test
  void aDiffTarExtractsToTheSameTree() throws Exception {
    // writeDiff output is itself a layer tar: extracting it and writing it again gives the same bytes.
    Map<String, byte[]> pax = new LinkedHashMap<>();
    pax.put("SCHILY.xattr.security.capability", CAP);
    byte[] tar = new Tars().dir("bin", 0755).pax(pax).file("bin/ping", "elf", 04755, 0, 0)
        .file("bin/.wh.ls", "").dir("tmp", 01777).file("tmp/.wh..wh..opq", "").hardlink("bin/pong", "bin/ping")
        .device("dev/null", TarConstants.LF_CHR, 1, 3, 0666, 0).file("u".repeat(200), "long").bytes();
    LayerRecord l = layers.createFromTar(new ByteArrayInputStream(tar), null);
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    layers.writeDiff(l.id(), first);
    LayerRecord again = layers.createFromTar(new ByteArrayInputStream(first.toByteArray()), null);
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    layers.writeDiff(again.id(), second);
    assertThat(second.toByteArray()).isEqualTo(first.toByteArray());
    assertThat(Xattrs.get(layers.diffDir(again.id()).resolve("bin/ping"), "security.capability"))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(CAP));
    assertThat(Whiteouts.isOpaque(layers.diffDir(again.id()).resolve("tmp"))).isTrue();
    assertThat(FileStat.of(layers.diffDir(again.id()).resolve("bin/ls")).isWhiteout()).isTrue();
  }
}
