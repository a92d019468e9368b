package io.jpod.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Version prefixes: Docker's /v1.NN and podman's /vX.Y.Z/libpod. */
class ApiVersionTest {
  @Test
  void dockerAndLibpodPrefixes() {
    assertThat(ApiVersion.split("/v1.44/containers/json")).isEqualTo(new ApiVersion.Split(new ApiVersion(1, 44), "/containers/json"));
    assertThat(ApiVersion.split("/containers/json").version()).isEqualTo(ApiVersion.MAX);
    assertThat(ApiVersion.split("/v4.3.1/libpod/_ping").path()).isEqualTo("/libpod/_ping");
    assertThat(ApiVersion.split("/v4.0.0/libpod/containers/json").path()).isEqualTo("/libpod/containers/json");
    assertThatThrownBy(() -> ApiVersion.split("/v1.99/info")).hasMessageContaining("is too new");
  }
}
