package io.jpod.image.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarAndCompressionTest {
  @TempDir Path tmp;

  @Test
  void longNamesAndLinksGoIntoPaxRecordsThatOtherToolsRead() throws Exception {
    String longName = "dir/" + "n".repeat(150) + "/file";
    String longLink = "../" + "t".repeat(120);
    Path file = tmp.resolve("long.tar");
    try (var out = Files.newOutputStream(file)) {
      TarSink sink = new TarSink(out);
      sink.directory("dir", 0755);
      sink.file(longName, 0444, "data".getBytes(StandardCharsets.UTF_8));
      sink.symlink("link", longLink);
      sink.finish();
    }
    Map<String, byte[]> entries = TestImages.tarEntries(file);
    assertThat(entries.keySet()).containsExactly("dir/", longName, "link");
    assertThat(new String(entries.get(longName), StandardCharsets.UTF_8)).isEqualTo("data");
    assertThat(new String(entries.get("link"), StandardCharsets.UTF_8)).isEqualTo("-> " + longLink);
    // GNU tar agrees, and so does our own index
    assertThat(TestImages.run("tar", "-tf", file.toString())).isEqualTo("dir/\n" + longName + "\nlink\n");
    try (TarIndex index = TarIndex.open(file, "long.tar")) {
      assertThat(index.sizeOf(longName)).isEqualTo(4);
    }
  }

  @Test
  void zstdAndBzip2AreRecognizedAndDecompressed() throws Exception {
    byte[] data = "some layer bytes".repeat(100).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream zst = new ByteArrayOutputStream();
    try (ZstdCompressorOutputStream z = new ZstdCompressorOutputStream(zst)) {
      z.write(data);
    }
    try (InputStream in = BlobCompression.autoDecompress(new ByteArrayInputStream(zst.toByteArray()), "x")) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    byte[] gz = TestImages.gzip(data);
    assertThat(BlobCompression.sniff(gz, gz.length)).isEqualTo(BlobCompression.GZIP);
    assertThat(BlobCompression.sniff(data, data.length)).isEqualTo(BlobCompression.NONE);
  }

  @Test
  void hostPlatformUsesGoNames() {
    Platform host = Platform.host();
    assertThat(host.os()).isEqualTo("linux");
    assertThat(host.architecture()).isIn("amd64", "arm64", "386", "ppc64le", "s390x", "riscv64");
    assertThat(new Platform("arm64", "linux", null).accepts(new Platform("arm64", "linux", "v8"))).isTrue();
    assertThat(new Platform("arm", "linux", "v7").accepts(new Platform("arm", "linux", "v6"))).isFalse();
  }
}
