package io.jpod.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TableWriterTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        // minwidth 12 applies to short columns; the last cell is never padded
        Arguments.of("a\tb\n", "a           b\n"),
        Arguments.of("ID\tNAME\nabcdefghijklmn\tx\n", "ID              NAME\nabcdefghijklmn  x\n"),
        // a trailing tab makes the last text a column cell (padded)
        Arguments.of("a\tb\t\n", "a           b           \n"),
        // a line without tabs ends the column block
        Arguments.of("a\tb\nplain\nlonger-cell-here\tc\n",
            "a           b\nplain\nlonger-cell-here  c\n"),
        // rows with fewer cells: column blocks are per column
        Arguments.of("x\ty\tz\nxx\n", "x           y           z\nxx\n"),
        // unterminated last line, empty cells, multibyte runes count once
        Arguments.of("é\t\tq", "é                       q"),
        Arguments.of("", ""));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void alignsLikeGoTabwriter(String in, String expected) {
    assertThat(TableWriter.align(in)).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void reusable(String in, String expected) {
    TableWriter tw = new TableWriter();
    tw.write(in);
    assertThat(tw.flush()).isEqualTo(expected);
    assertThat(tw.flush()).isEmpty();
  }
}
