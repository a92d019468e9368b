package io.jpod.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FiltersTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void bothFormsParse() {
    Filters map = Filters.parse("{\"label\":{\"app=spy\":true,\"off\":false},\"status\":{\"running\":true}}", json);
    assertThat(map.get("label")).containsExactly("app=spy");
    assertThat(map.get("status")).containsExactly("running");
    Filters list = Filters.parse("{\"label\":[\"org.testcontainers=true\",\"k\"]}", json);
    assertThat(list.get("label")).containsExactly("org.testcontainers=true", "k");
    assertThat(Filters.parse("", json).values()).isEmpty();
  }

  @Test
  void labelsAreAndedAndKeyOnlyTestsPresence() {
    Filters f = Filters.parse("{\"label\":[\"a=1\",\"b\"]}", json);
    assertThat(f.labels("label", Map.of("a", "1", "b", "x"))).isTrue();
    assertThat(f.labels("label", Map.of("a", "1"))).isFalse();
    assertThat(f.labels("label", Map.of("a", "2", "b", ""))).isFalse();
    Filters status = Filters.parse("{\"status\":[\"running\",\"exited\"]}", json);
    assertThat(status.any("status", "exited"::equals)).isTrue();
  }

  @Test
  void badFiltersAreInvalid() {
    assertThatThrownBy(() -> Filters.parse("{bad", json)).isInstanceOf(JpodException.class)
        .extracting(e -> ((JpodException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
    assertThatThrownBy(() -> Filters.parse("[1]", json)).isInstanceOf(JpodException.class);
    assertThatThrownBy(() -> Filters.parse("{\"nope\":[\"x\"]}", json).allow(Set.of("label")))
        .hasMessageContaining("invalid filter 'nope'");
  }

  @Test
  void versionPrefix() {
    assertThat(ApiVersion.split("/v1.41/containers/json")).isEqualTo(new ApiVersion.Split(new ApiVersion(1, 41), "/containers/json"));
    assertThat(ApiVersion.split("/containers/json").version()).isEqualTo(ApiVersion.MAX);
    assertThatThrownBy(() -> ApiVersion.split("/v1.48/info")).hasMessage("client version 1.48 is too new. Maximum supported API version is 1.47");
    assertThatThrownBy(() -> ApiVersion.split("/v1.9/info")).hasMessageContaining("is too old");
    assertThat(List.of(ApiHandler.decode("/images/testcontainers%2Fryuk:0.12.0/json"))).containsExactly("/images/testcontainers/ryuk:0.12.0/json");
  }
}
