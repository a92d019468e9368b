package io.jpod.api.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jpod.core.supervision.Healthcheck;
import io.jpod.core.supervision.SupervisionConfig;
import io.jpod.core.supervision.SupervisionParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HostConfig.RestartPolicy and Config.Healthcheck of a Docker create body, through to the stored config. */
class CreateRequestSupervisionTest {
  private SupervisionConfig config(String body) throws Exception {
    var spec = CreateRequest.toSpec(new ObjectMapper().readTree(body), null);
    return SupervisionParser.parse(spec.supervision(), null, spec.autoRemove());
  }

  @Test
  void restartPolicyAndHealthcheckMap() throws Exception {
    SupervisionConfig c = config("""
        {"Image":"busybox","Healthcheck":{"Test":["CMD","ls","/"],"Interval":1000000000,"Timeout":0,"Retries":2},
         "HostConfig":{"RestartPolicy":{"Name":"on-failure","MaximumRetryCount":3}}}""");
    assertThat(c.restartPolicy().name()).isEqualTo("on-failure");
    assertThat(c.restartPolicy().maximumRetryCount()).isEqualTo(3);
    assertThat(c.healthcheck()).isEqualTo(new Healthcheck(List.of("CMD", "ls", "/"), 1_000_000_000L,
        Healthcheck.DEFAULT_TIMEOUT, 0, 2));

    SupervisionConfig shell = config("""
        {"Image":"busybox","Healthcheck":{"Test":["CMD-SHELL","exit 0"]},"HostConfig":{"RestartPolicy":{"Name":"always"}}}""");
    assertThat(shell.restartPolicy().name()).isEqualTo("always");
    assertThat(shell.healthcheck().test()).containsExactly("CMD-SHELL", "exit 0");

    SupervisionConfig none = config("""
        {"Image":"busybox","Healthcheck":{"Test":["NONE"]},"HostConfig":{"RestartPolicy":{"Name":"no"}}}""");
    assertThat(none.hasHealthcheck()).isFalse();
    assertThat(none.restartPolicy().name()).isEqualTo("no");
  }
}
