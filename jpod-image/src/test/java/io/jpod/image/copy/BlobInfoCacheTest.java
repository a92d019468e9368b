package io.jpod.image.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jpod.image.transport.BlobInfo;
import io.jpod.image.transport.MediaTypes;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobInfoCacheTest {
  @TempDir Path dir;

  private static String d(char c) {
    return "sha256:" + String.valueOf(c).repeat(64);
  }

  @Test
  void remembersVariantsAndWhereTheyWereSeen() {
    BlobInfoCache cache = new BlobInfoCache(dir);
    BlobInfo gz = new BlobInfo(MediaTypes.OCI_LAYER_GZIP, d('a'), 10);
    ImageManifest m = new ImageManifest(MediaTypes.OCI_MANIFEST, new BlobInfo(MediaTypes.OCI_CONFIG, d('c'), 5), List.of(gz));
    cache.recordImage(m, List.of(d('1')), "reg:5000/team/app");
    cache.recordImage(m, List.of(d('1')), "reg:5000/other/app");
    cache.recordImage(m, List.of(d('1')), "elsewhere.io/x");
    assertThat(new BlobInfoCache(dir).variants(d('1'))).containsExactly(gz);
    assertThat(cache.variants(d('2'))).isEmpty();
    assertThat(cache.repositories(d('a'), "reg:5000")).containsExactly("team/app", "other/app");
    assertThat(cache.repositories(d('a'), "reg")).isEmpty();
  }

  @Test
  void mismatchedManifestAndConfigRecordNothing() {
    BlobInfoCache cache = new BlobInfoCache(dir);
    ImageManifest m = new ImageManifest(MediaTypes.OCI_MANIFEST, new BlobInfo(MediaTypes.OCI_CONFIG, d('c'), 5),
        List.of(new BlobInfo(MediaTypes.OCI_LAYER_GZIP, d('a'), 10)));
    cache.recordImage(m, List.of(), "r/x");
    assertThat(cache.variants(d('a'))).isEmpty();
  }
}
