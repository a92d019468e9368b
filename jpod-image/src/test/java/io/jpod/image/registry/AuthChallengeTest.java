package io.jpod.image.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {
  @Test
  void parsesBearerWithQuotedCommas() {
    List<AuthChallenge> c = AuthChallenge.parse(
        "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
            + "scope=\"repository:library/a:pull,push\"");
    assertThat(c).hasSize(1);
    assertThat(c.getFirst().scheme()).isEqualTo("bearer");
    assertThat(c.getFirst().param("realm")).isEqualTo("https://auth.docker.io/token");
    assertThat(c.getFirst().param("service")).isEqualTo("registry.docker.io");
    assertThat(c.getFirst().param("scope")).isEqualTo("repository:library/a:pull,push");
  }

  @Test
  void parsesSeveralChallengesAndUnquotedValues() {
    List<AuthChallenge> c = AuthChallenge.parse("Basic realm=reg, Bearer realm=\"http://x/t\", error=\"insufficient_scope\"");
    assertThat(c).extracting(AuthChallenge::scheme).containsExactly("basic", "bearer");
    assertThat(c.get(0).param("realm")).isEqualTo("reg");
    assertThat(c.get(1).param("error")).isEqualTo("insufficient_scope");
  }
}
