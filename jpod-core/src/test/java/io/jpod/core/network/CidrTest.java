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

  @Test
  void ipv6SubnetsPrintAsGoDoes() {
    Cidr6 c = Cidr6.parse("FD12:3456:0:0:0:0:0:9/64");
    assertThat(c.toString()).isEqualTo("fd12:3456::/64");
    assertThat(Cidr6.format(c.host(1))).isEqualTo("fd12:3456::1");
    assertThat(Cidr6.canonical("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
    assertThat(Cidr6.canonical("fd00:0:0:1::")).isEqualTo("fd00:0:0:1::");
    assertThat(Cidr6.canonical("::1")).isEqualTo("::1");
    assertThat(Cidr6.canonical("1:0:2:3:4:5:6:7")).isEqualTo("1:0:2:3:4:5:6:7");
    assertThat(c.contains("fd12:3456::ffff")).isTrue();
    assertThat(c.contains("fd12:3457::1")).isFalse();
    assertThat(c.contains("10.0.0.1")).isFalse();
    assertThat(Cidr6.format(c.last())).isEqualTo("fd12:3456::ffff:ffff:ffff:ffff");
    assertThat(c.overlaps(Cidr6.parse("fd12:3456::/48"))).isTrue();
    assertThat(c.overlaps(Cidr6.parse("fd12:3457::/64"))).isFalse();
    assertThat(Cidr6.isIp("example.com")).isFalse();
    assertThat(Cidr6.isIp("10.1.1.1")).isFalse();
    Cidr6 ula = Cidr6.randomUla(new java.security.SecureRandom());
    assertThat(ula.toString()).matches("fd[0-9a-f]{2}(:[0-9a-f]{1,4}){3}::/64");
    assertThatThrownBy(() -> Cidr6.parse("fd12::/129")).isInstanceOf(JpodException.class);
  }
}
