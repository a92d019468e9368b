package io.jpod.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.jpod.core.container.ContainerState;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.network.NetworkStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredJsonTest {
  private final StoredJson json = new StoredJson();

  @Test
  void containerStateWithNetworkRoundTrips() {
    var iface = new NetworkStatus.Interface("aa:bb", List.of(new NetworkStatus.Subnet("10.88.0.2/16", "10.88.0.1")));
    var result = new NetworkStatus.Result(List.of("10.88.0.1"), List.of(), Map.of("eth0", iface));
    var net = new io.jpod.core.network.Network("podman", "2f25", "bridge", "podman0", "2026-01-02T03:04:05Z",
        List.of(new io.jpod.core.network.Network.Subnet("10.88.0.0/16", "10.88.0.1", null, null)), false, false, false,
        Map.of(), Map.of(), "host-local");
    var ns = new NetworkStatus("/run/netns/x", Map.of("podman", result), Map.of("podman", net), "netavark");
    var st = new ContainerState(ContainerStatus.RUNNING, 12, 13, 0, false, Instant.parse("2026-01-02T03:04:05.123456789Z"),
        null, "/mnt", false, 2, "", ns);
    String text = json.write(st);
    assertThat(json.read(text, ContainerState.class)).isEqualTo(st);
  }

  @Test
  void readsWhatJacksonWrote() {
    String text = "{\"status\":\"STOPPED\",\"pid\":0,\"conmonPid\":0,\"exitCode\":3,\"oomKilled\":false,"
        + "\"startedAt\":\"2026-01-02T03:04:05.123456789Z\",\"finishedAt\":null,\"mountPoint\":null,"
        + "\"stoppedByUser\":true,\"restartCount\":0,\"error\":\"\",\"network\":null,\"unknownLater\":{\"a\":[1,2]}}";
    ContainerState st = json.read(text, ContainerState.class);
    assertThat(st.status()).isEqualTo(ContainerStatus.STOPPED);
    assertThat(st.exitCode()).isEqualTo(3);
    assertThat(st.stoppedByUser()).isTrue();
    assertThat(st.startedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456789Z"));
  }
}
