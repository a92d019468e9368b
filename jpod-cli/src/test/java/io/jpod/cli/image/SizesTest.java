package io.jpod.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SizesTest {
  @Test
  void imagesAndHistorySizes() {
    // values podman 4.3.1 printed for the same byte counts
    assertThat(Sizes.spaced(2141255)).isEqualTo("2.14 MB");
    assertThat(Sizes.spaced(2140160)).isEqualTo("2.14 MB");
    assertThat(Sizes.spaced(0)).isEqualTo("0 B");
    assertThat(Sizes.spaced(999)).isEqualTo("999 B");
    assertThat(Sizes.spaced(1000)).isEqualTo("1 kB");
    assertThat(Sizes.spaced(1500)).isEqualTo("1.5 kB");
    assertThat(Sizes.spaced(123_456_789)).isEqualTo("123 MB");
    // Go's %.3g switches to exponent form when rounding reaches the next power of ten
    assertThat(Sizes.spaced(999_600)).isEqualTo("1e+03 kB");
  }

  @Test
  void diskUsageSizes() {
    assertThat(Sizes.human(4282541)).isEqualTo("4.283MB");
    assertThat(Sizes.human(2141286)).isEqualTo("2.141MB");
    assertThat(Sizes.human(24)).isEqualTo("24B");
    assertThat(Sizes.human(0)).isEqualTo("0B");
    assertThat(Sizes.human(6424082)).isEqualTo("6.424MB");
  }

  @Test
  void goG() {
    assertThat(Sizes.goG(2.5, 3)).isEqualTo("2.5");
    assertThat(Sizes.goG(100, 3)).isEqualTo("100");
    assertThat(Sizes.goG(0.000012345, 3)).isEqualTo("1.23e-05");
    assertThat(Sizes.goG(2.125, 3)).isEqualTo("2.12");
  }
}
