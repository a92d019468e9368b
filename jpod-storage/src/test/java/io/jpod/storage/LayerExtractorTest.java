package io.jpod.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerExtractorTest {
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
  void skipsWhiteoutsAndFifos() throws Exception {
    byte[] tar = new Tars().file("etc/.wh.gone", "").fifo("pipe").file("kept", "k").bytes();
    LayerExtractor.Result r = extract(tar);
    assertThat(r.skipped()).containsExactly("etc/.wh.gone", "pipe");
    assertThat(root.resolve("pipe")).doesNotExist();
    assertThat(root.resolve("kept")).exists();
  }

  @Test
  void directoryMtimesSurviveChildren() throws Exception {
    byte[] tar = new Tars().dir("d", 0755).file("d/x", "x").bytes();
    extract(tar);
    assertThat(Files.getLastModifiedTime(root.resolve("d"), LinkOption.NOFOLLOW_LINKS).toMillis())
        .isLessThan(System.currentTimeMillis() - 1000);
  }

  @Test
  void zstdIsRefusedClearly() {
    byte[] zst = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0};
    assertThatThrownBy(() -> extract(zst)).hasMessageContaining("zstd");
  }
}
