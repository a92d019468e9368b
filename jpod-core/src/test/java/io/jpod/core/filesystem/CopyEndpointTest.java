package io.jpod.core.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CopyEndpointTest {
  @Test
  void containerPrefixBeforeTheFirstColon() {
    assertThat(CopyEndpoint.parse("ctr:/etc/passwd")).isEqualTo(new CopyEndpoint("ctr", "/etc/passwd"));
    assertThat(CopyEndpoint.parse("ctr:a:b")).isEqualTo(new CopyEndpoint("ctr", "a:b"));
    assertThat(CopyEndpoint.parse("ctr:")).isEqualTo(new CopyEndpoint("ctr", ""));
  }

  @Test
  void hostPaths() {
    assertThat(CopyEndpoint.parse("/tmp/a:b").onHost()).isTrue();
    assertThat(CopyEndpoint.parse("./a:b").onHost()).isTrue();
    assertThat(CopyEndpoint.parse("file.txt")).isEqualTo(new CopyEndpoint(null, "file.txt"));
    assertThat(CopyEndpoint.parse("-").isStream()).isTrue();
    assertThat(CopyEndpoint.parse("ctr:-").isStream()).isFalse();
  }

  @Test
  void trailingDotAndSlash() {
    assertThat(CopyEndpoint.parse("dir/.").contentsOnly()).isTrue();
    assertThat(CopyEndpoint.parse(".").contentsOnly()).isTrue();
    assertThat(CopyEndpoint.parse("c:/").contentsOnly()).isTrue();
    assertThat(CopyEndpoint.parse("dir").contentsOnly()).isFalse();
    assertThat(CopyEndpoint.parse("c:/tmp/").mustBeDirectory()).isTrue();
    assertThat(CopyEndpoint.parse("c:/tmp").mustBeDirectory()).isFalse();
  }
}
