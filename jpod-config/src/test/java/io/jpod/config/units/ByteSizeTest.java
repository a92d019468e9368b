package io.jpod.config.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizeTest {

  @ParameterizedTest
  @CsvSource({"10k, 10000", "10kb, 10000", "1.5m, 1500000", "2g, 2000000000", "512, 512"})
  void decimalSizesAsFromHumanSize(String text, long bytes) {
    assertThat(ByteSize.parseDecimal(text)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "1024, 1024",
    "10b, 10",
    "10B, 10",
    "1k, 1024",
    "1K, 1024",
    "1kb, 1024",
    "1KiB, 1024",
    "512m, 536870912",
    "512M, 536870912",
    "512mb, 536870912",
    "1g, 1073741824",
    "1.5g, 1610612736",
    "1.5k, 1536",
    "1t, 1099511627776",
    "1p, 1125899906842624",
    "65536k, 67108864",
    "'64 m', 67108864",
    "0.5b, 0",
    ".5k, 512",
  })
  void parses(String in, long expected) {
    assertThat(ByteSize.parse(in)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "abc, invalid size: 'abc'",
    "'', invalid size: ''",
    "m, invalid size: 'm'",
    "-1, invalid size: '-1'",
    "1x, invalid suffix: 'x'",
    "1kk, invalid suffix: 'kk'",
    "1mbb, invalid suffix: 'mbb'",
    "1kab, invalid suffix: 'kab'",
    "1bb, invalid suffix: 'bb'",
    "1.2.3, invalid size: '1.2.3'",
    "1 2k, invalid size: '1 2k'",
  })
  void rejects(String in, String message) {
    assertThatThrownBy(() -> ByteSize.parse(in))
        .isInstanceOf(JpodException.class)
        .hasMessage(message)
        .extracting(e -> ((JpodException) e).kind())
        .isEqualTo(ErrorKind.INVALID_ARGUMENT);
  }

  @ParameterizedTest
  @CsvSource({"67108864, 64m", "1536, 1536", "1024, 1k", "0, 0", "1073741824, 1g"})
  void formats(long in, String out) {
    assertThat(ByteSize.format(in)).isEqualTo(out);
  }
}
