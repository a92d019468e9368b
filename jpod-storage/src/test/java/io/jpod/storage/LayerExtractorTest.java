package io.jpod.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import io.jpod.sys.Nodes;
import io.jpod.sys.Xattrs;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerExtractorTest {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  @TempDir Path tmp;
  Path root;
  Path outside;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("layer/diff"));
    outside = Files.createDirectories(tmp.resolve("outside"));
  }

  private LayerExtractor.Result extract(byte[] tar) throws Exception {
    return LayerExtractor.extract(new ByteArrayInputStream(tar), root);
  }

  @Test
  void extractsFilesDirsLinksWithAttributes() throws Exception {
    byte[] tar = new Tars().dir("./", 0755).dir("etc", 0750).file("etc/passwd", "root:x:0:0\n", 04755, 12, 34)
        .symlink("etc/link", "/etc/passwd").hardlink("etc/hard", "etc/passwd")
        .file("deep/a/b/c.txt", "c").bytes();
    LayerExtractor.Result r = extract(tar);

    Path passwd = root.resolve("etc/passwd");
    assertThat(Files.readString(passwd)).isEqualTo("root:x:0:0\n");
    assertThat(Files.getAttribute(passwd, "unix:mode")).isEqualTo(0104755);
    assertThat(Files.getAttribute(passwd, "unix:uid")).isEqualTo(12);
    assertThat(Files.getAttribute(passwd, "unix:gid")).isEqualTo(34);
    assertThat(Files.getLastModifiedTime(passwd)).isEqualTo(FileTime.fromMillis(1_000_000_000_000L));
    assertThat(Files.readSymbolicLink(root.resolve("etc/link"))).isEqualTo(Path.of("/etc/passwd"));
    assertThat(Files.getAttribute(root.resolve("etc/hard"), "unix:ino"))
        .isEqualTo(Files.getAttribute(passwd, "unix:ino"));
    assertThat(Files.getAttribute(root.resolve("etc"), "unix:mode")).isEqualTo(040750);
    assertThat(Files.getAttribute(root.resolve("deep/a"), "unix:mode")).isEqualTo(040755);
    assertThat(r.diffDigest()).isEqualTo(Digest.of(tar));
    assertThat(r.diffSize()).isEqualTo(tar.length);
    assertThat(r.compressedDigest()).isEqualTo(Digest.of(tar));
    assertThat(r.uids()).containsExactly(0, 12);
    assertThat(r.gids()).containsExactly(0, 34);
    assertThat(r.gzip()).isFalse();
  }

  @Test
  void gzipIsDetectedAndDiffIdIsOfTheUncompressedTar() throws Exception {
    byte[] tar = new Tars().file("hello", "world").bytes();
    byte[] gz = Tars.gzip(tar);
    LayerExtractor.Result r = extract(gz);
    assertThat(r.gzip()).isTrue();
    assertThat(r.diffDigest()).isEqualTo(Digest.of(tar));
    assertThat(r.compressedDigest()).isEqualTo(Digest.of(gz));
    assertThat(Files.readString(root.resolve("hello"))).isEqualTo("world");
  }

  @Test
  void rejectsDotDot() {
    byte[] tar = new Tars().file("a/../../outside/evil", "x").bytes();
    assertThatThrownBy(() -> extract(tar)).isInstanceOf(JpodException.class).hasMessageContaining("..");
    assertThat(outside.resolve("evil")).doesNotExist();
  }

  @Test
  void rejectsAbsolutePaths() {
    byte[] tar = new Tars().file(outside.resolve("evil").toString(), "x").bytes();
    assertThatThrownBy(() -> extract(tar)).isInstanceOf(JpodException.class)
        .hasMessageContaining("absolute");
    assertThat(outside.resolve("evil")).doesNotExist();
  }

  @Test
  void neverWritesThroughAnEarlierSymlinkedDirectory() {
    byte[] tar = new Tars().symlink("escape", outside.toString()).file("escape/evil", "x").bytes();
    assertThatThrownBy(() -> extract(tar)).isInstanceOf(JpodException.class)
        .hasMessageContaining("symbolic link");
    assertThat(outside.resolve("evil")).doesNotExist();
  }

  @Test
  void relativeSymlinkDirectoryIsNotFollowedEither() {
    byte[] tar = new Tars().symlink("up", "../../outside").file("up/evil", "x").bytes();
    assertThatThrownBy(() -> extract(tar)).isInstanceOf(JpodException.class);
    assertThat(outside.resolve("evil")).doesNotExist();
  }

  @Test
  void aFileReplacesAnEarlierSymlinkInsteadOfWritingThroughIt() throws Exception {
    Path victim = Files.writeString(outside.resolve("victim"), "safe");
    byte[] tar = new Tars().symlink("f", victim.toString()).file("f", "replaced").bytes();
    extract(tar);
    assertThat(Files.readString(victim)).isEqualTo("safe");
    assertThat(Files.isSymbolicLink(root.resolve("f"))).isFalse();
    assertThat(Files.readString(root.resolve("f"))).isEqualTo("replaced");
  }

  @Test
  void rejectsHardlinksOutsideTheLayer() throws Exception {
    Files.writeString(outside.resolve("secret"), "s");
    byte[] tar = new Tars().hardlink("h", "../outside/secret").bytes();
    assertThatThrownBy(() -> extract(tar)).isInstanceOf(JpodException.class);
    byte[] abs = new Tars().hardlink("h", outside.resolve("secret").toString()).bytes();
    assertThatThrownBy(() -> extract(abs)).isInstanceOf(JpodException.class);
    byte[] viaLink = new Tars().symlink("d", outside.toString()).hardlink("h", "d/secret").bytes();
    assertThatThrownBy(() -> extract(viaLink)).isInstanceOf(JpodException.class);
    assertThat(root.resolve("h")).doesNotExist();
  }

  @Test
  void aHardLinkToASymlinkLinksTheSymlinkNotItsTarget() throws Exception {
    Path secret = Files.writeString(outside.resolve("secret"), "s");
    extract(new Tars().symlink("s", secret.toString()).hardlink("h", "s").bytes());
    assertThat(Files.isSymbolicLink(root.resolve("h"))).isTrue();
    assertThat(Files.getAttribute(secret, "unix:nlink")).isEqualTo(1);
  }

  @Test
  void directoryMtimesSurviveChildren() throws Exception {
    byte[] tar = new Tars().dir("d", 0755).file("d/x", "x").bytes();
    extract(tar);
    assertThat(Files.getLastModifiedTime(root.resolve("d"), LinkOption.NOFOLLOW_LINKS).toMillis())
        .isLessThan(System.currentTimeMillis() - 1000);
  }

  @Test
  void zstdIsDetected() throws Exception {
    byte[] tar = new Tars().file("hello", "zstd world").bytes();
    byte[] zst = Tars.zstd(tar);
    LayerExtractor.Result r = extract(zst);
    assertThat(r.compression()).isEqualTo(Compression.ZSTD);
    assertThat(r.diffDigest()).isEqualTo(Digest.of(tar));
    assertThat(r.compressedDigest()).isEqualTo(Digest.of(zst));
    assertThat(r.compressedSize()).isEqualTo(zst.length);
    assertThat(Files.readString(root.resolve("hello"))).isEqualTo("zstd world");
  }

  @Test
  void devicesAndFifosWithOwnersAndModes() throws Exception {
    byte[] tar = new Tars().device("dev/null", TarConstants.LF_CHR, 1, 3, 0666, 7)
        .device("dev/loop0", TarConstants.LF_BLK, 7, 300, 0660, 0).fifo("run/pipe", 0640, 9).bytes();
    LayerExtractor.Result r = extract(tar);
    assertThat(r.skipped()).isEmpty();
    Path nul = root.resolve("dev/null");
    assertThat(mode(nul)).isEqualTo(Nodes.S_IFCHR | 0666);
    assertThat(rdev(nul)).isEqualTo(Nodes.makedev(1, 3));
    assertThat(Files.getAttribute(nul, "unix:uid", NOFOLLOW)).isEqualTo(7);
    Path loop = root.resolve("dev/loop0");
    assertThat(mode(loop)).isEqualTo(Nodes.S_IFBLK | 0660);
    assertThat(rdev(loop)).isEqualTo(Nodes.makedev(7, 300));
    Path pipe = root.resolve("run/pipe");
    assertThat(mode(pipe)).isEqualTo(Nodes.S_IFIFO | 0640);
    assertThat(Files.getAttribute(pipe, "unix:uid", NOFOLLOW)).isEqualTo(9);
    assertThat(r.uids()).containsExactly(0, 7, 9);
  }

  @Test
  void whiteoutsBecomeOverlayWhiteouts() throws Exception {
    byte[] tar = new Tars().dir("usr", 0755).file("usr/.wh..wh..opq", "")
        .file("etc/.wh.gone", "", 0644, 5, 6).file(".wh.toplevel", "")
        .file(".wh..wh.plnk/1234", "hardlink farm").dir(".wh..wh.aufs", 0700).file("kept", "k").bytes();
    LayerExtractor.Result r = extract(tar);
    Path gone = root.resolve("etc/gone");
    assertThat(mode(gone)).isEqualTo(Nodes.S_IFCHR);
    assertThat(rdev(gone)).isZero();
    assertThat(Files.getAttribute(gone, "unix:uid", NOFOLLOW)).isEqualTo(5);
    assertThat(Files.getAttribute(gone, "unix:gid", NOFOLLOW)).isEqualTo(6);
    assertThat(mode(root.resolve("toplevel"))).isEqualTo(Nodes.S_IFCHR);
    assertThat(root.resolve("etc/.wh.gone")).doesNotExist();
    assertThat(Xattrs.get(root.resolve("usr"), "trusted.overlay.opaque"))
        .hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("y"));
    assertThat(root.resolve("usr/.wh..wh..opq")).doesNotExist();
    assertThat(root.resolve(".wh..wh.plnk")).doesNotExist();
    assertThat(root.resolve(".wh..wh.aufs")).doesNotExist();
    assertThat(root.resolve("kept")).exists();
    assertThat(r.skipped()).isEmpty();
  }

  @Test
  void aWhiteoutReplacesWhatAnEarlierEntryMade() throws Exception {
    byte[] tar = new Tars().file("d/f", "x").file(".wh.d", "").bytes();
    extract(tar);
    assertThat(mode(root.resolve("d"))).isEqualTo(Nodes.S_IFCHR);
  }

  @Test
  void xattrsFromPaxHeadersAreExactBytes() throws Exception {
    byte[] cap = {1, 0, 0, 2, (byte) 0x80, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    Map<String, byte[]> pax = new LinkedHashMap<>();
    pax.put("SCHILY.xattr.security.capability", cap);
    pax.put("SCHILY.xattr.user.comment", "caf\u00e9".getBytes(StandardCharsets.UTF_8));
    pax.put("SCHILY.xattr.trusted.overlay.redirect", "/elsewhere".getBytes(StandardCharsets.UTF_8));
    pax.put("mtime", "1000000000.5".getBytes(StandardCharsets.US_ASCII));
    byte[] tar = new Tars().pax(pax).file("bin/ping", "elf", 0755, 0, 0).file("bin/plain", "p").bytes();
    extract(tar);
    Path ping = root.resolve("bin/ping");
    assertThat(Xattrs.get(ping, "security.capability")).hasValueSatisfying(v -> assertThat(v).isEqualTo(cap));
    assertThat(Xattrs.get(ping, "user.comment"))
        .hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("caf\u00e9"));
    assertThat(Xattrs.list(ping)).noneMatch(n -> n.startsWith("trusted.overlay"));
    assertThat(Xattrs.list(root.resolve("bin/plain"))).isEmpty();
    assertThat(Files.getLastModifiedTime(ping, NOFOLLOW).toMillis()).isEqualTo(1_000_000_000_500L);
  }

  @Test
  void specialModeBitsSurviveTheOwnerChange() throws Exception {
    byte[] tar = new Tars().dir("tmp", 01777, 0, 0).dir("shared", 02775, 1000, 1000)
        .file("bin/su", "su", 04755, 1000, 1000).file("bin/wall", "w", 02755, 0, 5).bytes();
    extract(tar);
    assertThat(mode(root.resolve("tmp"))).isEqualTo(Nodes.S_IFDIR | 01777);
    assertThat(mode(root.resolve("shared"))).isEqualTo(Nodes.S_IFDIR | 02775);
    assertThat(mode(root.resolve("bin/su"))).isEqualTo(Nodes.S_IFREG | 04755);
    assertThat(mode(root.resolve("bin/wall"))).isEqualTo(Nodes.S_IFREG | 02755);
  }

  @Test
  void symlinkOwnersAndTimesAreTheLinksOwn() throws Exception {
    Path victim = Files.writeString(outside.resolve("victim"), "v");
    byte[] tar = new Tars().symlink("link", victim.toString()).bytes();
    extract(tar);
    Path link = root.resolve("link");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.getAttribute(victim, "unix:uid")).isEqualTo(0);
    assertThat(Files.getLastModifiedTime(victim).toMillis()).isGreaterThan(1_000_000_000_000L);
  }

  @Test
  void whiteoutsAndMarkersCannotEscape() throws Exception {
    assertThatThrownBy(() -> extract(new Tars().file("a/.wh...", "").bytes()))
        .isInstanceOf(JpodException.class).hasMessageContaining("\"a/.wh...\"");
    assertThatThrownBy(() -> extract(new Tars().file(".wh..", "").bytes()))
        .isInstanceOf(JpodException.class).hasMessageContaining("refusing");
    assertThatThrownBy(() -> extract(new Tars().symlink("d", outside.toString()).file("d/.wh.x", "").bytes()))
        .isInstanceOf(JpodException.class).hasMessageContaining("symbolic link");
    assertThatThrownBy(() -> extract(new Tars().symlink("o", outside.toString())
        .file("o/.wh..wh..opq", "").bytes()))
        .isInstanceOf(JpodException.class).hasMessageContaining("symbolic link");
    assertThatThrownBy(() -> extract(new Tars().symlink("e", outside.toString())
        .device("e/null", TarConstants.LF_CHR, 1, 3, 0666, 0).bytes()))
        .isInstanceOf(JpodException.class).hasMessageContaining("\"e/null\"");
    assertThat(Xattrs.list(outside)).isEmpty();
    try (var s = Files.list(outside)) {
      assertThat(s.toList()).isEmpty();
    }
  }

  @Test
  void garbageHeadersAreRefusedNamingTheEntryBefore() {
    byte[] good = new Tars().file("first", "1").bytes();
    byte[] tar = Arrays.copyOf(good, good.length + 1024);
    // Replace the end-of-archive blocks with a header block of junk (bad checksum).
    int junkAt = 1024;
    for (int i = 0; i < 512; i++) {
      tar[junkAt + i] = (byte) ('A' + i % 26);
    }
    assertThatThrownBy(() -> extract(tar)).isInstanceOf(JpodException.class)
        .hasMessageStartingWith("layer tar: invalid header after entry \"first\"")
        .hasMessageNotContaining("\n");
  }

  @Test
  void oversizedHeadersAreRefusedBeforeTheyFillMemory() {
    byte[] huge = new byte[(int) LayerExtractor.MAX_HEADER_BYTES + 4096];
    Arrays.fill(huge, (byte) 'a');
    byte[] longName = Tars.gnu().typed("././@LongLink", TarConstants.LF_GNUTYPE_LONGNAME, huge).bytes();
    assertThatThrownBy(() -> extract(longName)).isInstanceOf(JpodException.class)
        .hasMessageContaining("exceed 16 MiB");
    Map<String, byte[]> pax = Map.of("comment", huge);
    byte[] bigPax = new Tars().pax(pax).file("x", "x").bytes();
    assertThatThrownBy(() -> extract(bigPax)).isInstanceOf(JpodException.class)
        .hasMessageContaining("exceed 16 MiB");
  }

  @Test
  void truncatedContentIsRefusedNamingTheEntry() {
    byte[] tar = new Tars().bytes("big", new byte[100_000], 0644).bytes();
    byte[] cut = Arrays.copyOf(tar, 512 + 50_000);
    assertThatThrownBy(() -> extract(cut)).isInstanceOf(JpodException.class)
        .hasMessageStartingWith("layer tar entry \"big\"");
    byte[] gz = Tars.gzip(tar);
    byte[] cutGz = Arrays.copyOf(gz, gz.length / 2);
    assertThatThrownBy(() -> extract(cutGz)).isInstanceOf(JpodException.class);
  }

  @Test
  void failuresOfTheSourceStayIoErrors() {
    byte[] tar = new Tars().bytes("big", new byte[100_000], 0644).bytes();
    InputStream failing = new FilterInputStream(new ByteArrayInputStream(tar)) {
      int read;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (read > 20_000) {
          throw new IOException("connection reset");
        }
        int n = super.read(b, off, Math.min(len, 4096));
        read += Math.max(n, 0);
        return n;
      }
    };
    assertThatThrownBy(() -> LayerExtractor.extract(failing, root)).isInstanceOf(IOException.class)
        .hasMessage("connection reset");
  }

  @Test
  void overlongNameComponentsAreRefused() {
    assertThatThrownBy(() -> extract(new Tars().file("a/" + "n".repeat(256), "x").bytes()))
        .isInstanceOf(JpodException.class).hasMessageContaining("longer than 255 bytes");
  }

  @Test
  void unknownEntryTypesAreSkippedAndReported() throws Exception {
    byte[] tar = new Tars().typed("vol", (byte) 'V', new byte[0]).file("kept", "k").bytes();
    LayerExtractor.Result r = extract(tar);
    assertThat(r.skipped()).containsExactly("vol");
    assertThat(root.resolve("kept")).exists();
  }

  private static int mode(Path p) throws Exception {
    return (int) Files.getAttribute(p, "unix:mode", NOFOLLOW);
  }

  private static long rdev(Path p) throws Exception {
    return (long) Files.getAttribute(p, "unix:rdev", NOFOLLOW);
  }
}
