package io.jpod.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Socket activation is taken only when systemd meant this process. */
class ListenAddressTest {
  @Test
  void activationNeedsThisPidAndOneSocket() {
    assertThat(ListenAddress.activated(Map.of(), 42)).isEmpty();
    assertThat(ListenAddress.activated(Map.of("LISTEN_FDS", "1", "LISTEN_PID", "41"), 42)).isEmpty();
    assertThat(ListenAddress.activated(Map.of("LISTEN_FDS", "1", "LISTEN_PID", "42"), 42)).contains(new ListenAddress.Activated());
    assertThatThrownBy(() -> ListenAddress.activated(Map.of("LISTEN_FDS", "2", "LISTEN_PID", "42"), 42))
        .hasMessageContaining("only one");
  }
}
