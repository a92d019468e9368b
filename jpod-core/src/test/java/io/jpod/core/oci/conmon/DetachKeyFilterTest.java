package io.jpod.core.oci.conmon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetachKeyFilterTest {
  private static final List<Integer> CTRL_P_Q = AttachSession.parseDetachKeys("ctrl-p,ctrl-q");

  private static String passed(DetachKeyFilter.Filtered f) {
    return new String(Arrays.copyOf(f.data(), f.length()), StandardCharsets.ISO_8859_1);
  }

  @Test
  void theSequenceTypedKeyByKeyNeverReachesTheContainer() {
    DetachKeyFilter f = new DetachKeyFilter(CTRL_P_Q);
    DetachKeyFilter.Filtered first = f.feed(new byte[] {0x10}, 1);
    assertThat(first.length()).isZero();
    assertThat(first.detach()).isFalse();
    DetachKeyFilter.Filtered second = f.feed(new byte[] {0x11}, 1);
    assertThat(second.length()).isZero();
    assertThat(second.detach()).isTrue();
  }

  @Test
  void aBrokenSequenceIsPassedOnInOrder() {
    DetachKeyFilter f = new DetachKeyFilter(CTRL_P_Q);
    assertThat(passed(f.feed("ab\u0010".getBytes(StandardCharsets.ISO_8859_1), 3))).isEqualTo("ab");
    assertThat(passed(f.feed("x".getBytes(StandardCharsets.ISO_8859_1), 1))).isEqualTo("\u0010x");
    // ctrl-p twice: the first is released, the second may still start the sequence
    assertThat(passed(f.feed(new byte[] {0x10, 0x10}, 2))).isEqualTo("\u0010");
    DetachKeyFilter.Filtered end = f.feed(new byte[] {'c', 0x10, 0x11, 'z'}, 4);
    assertThat(passed(end)).isEqualTo("\u0010c");
    assertThat(end.detach()).isTrue();
  }

  @Test
  void heldBytesComeOutWhenInputEndsAndNoKeysMeansNoFiltering() {
    DetachKeyFilter f = new DetachKeyFilter(CTRL_P_Q);
    f.feed(new byte[] {0x10}, 1);
    assertThat(f.pending()).containsExactly(0x10);
    DetachKeyFilter off = new DetachKeyFilter(List.of());
    assertThat(passed(off.feed(new byte[] {0x10, 0x11}, 2))).isEqualTo("\u0010\u0011");
    assertThat(off.pending()).isEmpty();
  }
}
