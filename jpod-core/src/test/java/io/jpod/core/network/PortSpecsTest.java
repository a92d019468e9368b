package io.jpod.core.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortSpecsTest {

  @Test
  void parsesEveryPublishForm() {
    assertThat(PortSpecs.parse("80")).containsExactly(new PortSpecs.Spec("", 0, 80, 1, "tcp"));
    assertThat(PortSpecs.parse("8080:80")).containsExactly(new PortSpecs.Spec("", 8080, 80, 1, "tcp"));
    assertThat(PortSpecs.parse("127.0.0.1:8080:80/udp")).containsExactly(new PortSpecs.Spec("127.0.0.1", 8080, 80, 1, "udp"));
    assertThat(PortSpecs.parse("127.0.0.1::80")).containsExactly(new PortSpecs.Spec("127.0.0.1", 0, 80, 1, "tcp"));
    assertThat(PortSpecs.parse("9000-9002:90-92")).containsExactly(new PortSpecs.Spec("", 9000, 90, 3, "tcp"));
    assertThat(PortSpecs.parse("9000:90-92")).containsExactly(new PortSpecs.Spec("", 9000, 90, 3, "tcp"));
    assertThat(PortSpecs.parse("53:53/tcp,udp")).containsExactly(
        new PortSpecs.Spec("", 53, 53, 1, "tcp"), new PortSpecs.Spec("", 53, 53, 1, "udp"));
    assertThat(PortSpecs.parse("[::1]:8080:80")).containsExactly(new PortSpecs.Spec("::1", 8080, 80, 1, "tcp"));
  }

  @Test
  void rejectsBadPublishValues() {
    for (String bad : List.of("abc", "0", "70000", "1:2:3:4", "9000-9001:90-92", "80/icmp", "300.1.1.1:80:80", "90-80")) {
      assertThatThrownBy(() -> PortSpecs.parse(bad)).as(bad).isInstanceOf(JpodException.class);
    }
    assertThatThrownBy(() -> PortSpecs.parse("80:abc"))
        .hasMessage("parsing container port: invalid port number: strconv.Atoi: parsing \"abc\": invalid syntax");
  }

  @Test
  void ordersAsPodmanAndPicksRandomPorts() {
    List<PortMapping> m = PortSpecs.resolve(List.of("18080:80", "127.0.0.1:18081:81/udp", "18090-18091:90-91"), true,
        List.of("80/tcp", "7000/tcp"));
    assertThat(m).hasSize(4);
    assertThat(m.get(0)).isEqualTo(new PortMapping("", 80, 18080, 1, "tcp"));
    assertThat(m.get(1)).isEqualTo(new PortMapping("", 90, 18090, 2, "tcp"));
    assertThat(m.get(2)).isEqualTo(new PortMapping("127.0.0.1", 81, 18081, 1, "udp"));
    assertThat(m.get(3).containerPort()).isEqualTo(7000);
    assertThat(m.get(3).hostPort()).isBetween(1, 65535);
    assertThat(PortSpecs.psColumn(m.subList(0, 3)))
        .isEqualTo("0.0.0.0:18080->80/tcp, 0.0.0.0:18090-18091->90-91/tcp, 127.0.0.1:18081->81/udp");
  }

  @Test
  void expandsExposedRanges() {
    assertThat(PortSpecs.expose("8000-8002/udp")).containsExactly("8000/udp", "8001/udp", "8002/udp");
    assertThat(PortSpecs.expose("80")).containsExactly("80/tcp");
  }
}
