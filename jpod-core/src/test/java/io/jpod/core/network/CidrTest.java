package io.jpod.core.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import org.junit.jupiter.api.Test;

class CidrTest {

  @Test
  void parsesContainsAndOverlaps() {
    Cidr c = Cidr.parse("10.89.0.77/24");
    assertThat(c.toString()).isEqualTo("10.89.0.0/24");
    assertThat(c.contains("10.89.0.254")).isTrue();
    assertThat(c.contains("10.89.1.1")).isFalse();
    assertThat(Cidr.format(c.host(1))).isEqualTo("10.89.0.1");
    assertThat(c.overlaps(Cidr.parse("10.89.0.0/16"))).isTrue();
    assertThat(c.overlaps(Cidr.parse("10.89.1.0/24"))).isFalse();
    assertThat(Cidr.parse("10.88.0.0/16").overlaps(Cidr.parse("10.88.255.0/24"))).isTrue();
  }

  @Test
  void rejectsBadSubnets() {
    for (String bad : new String[] {"10.0.0.0", "10.0.0/8", "10.0.0.0/33", "a.b.c.d/8", "256.0.0.0/8"}) {
      assertThatThrownBy(() -> Cidr.parse(bad)).as(bad).isInstanceOf(JpodException.class);
    }
  }
}
