package io.jpod.core.supervision;

import io.jpod.common.GoDuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupervisionParserTest {
  private static SupervisionRequest restart(String r) {
    return new SupervisionRequest(r, null, null, null, null, null, null, false);
  }

  private static SupervisionRequest health(String cmd, String interval, Long retries, String timeout, String start) {
    return new SupervisionRequest(null, cmd, interval, retries, timeout, start, null, false);
  }

  @Test
  void restartPoliciesParseAsPodmanDoes() {
    assertThat(RestartPolicy.parse(null)).isEqualTo(RestartPolicy.NONE);
    assertThat(RestartPolicy.parse("on-failure:2")).isEqualTo(new RestartPolicy("on-failure", 2));
    assertThat(RestartPolicy.parse("always")).isEqualTo(new RestartPolicy("always", 0));
    assertThat(RestartPolicy.parse("on-failure:0")).isEqualTo(new RestartPolicy("on-failure", 0));
    assertThatThrownBy(() -> RestartPolicy.parse("bogus")).isInstanceOf(JpodException.class)
        .hasMessage("running container create option: \"bogus\" is not a valid restart policy: invalid argument");
    assertThatThrownBy(() -> RestartPolicy.parse("on-failure:-1"))
        .hasMessage("must specify restart policy retry count as a number greater than 0");
    assertThatThrownBy(() -> RestartPolicy.parse("always:3"))
        .hasMessage("restart policy retries can only be specified with on-failure restart policy");
    assertThatThrownBy(() -> RestartPolicy.parse("on-failure:x"))
        .hasMessage("parsing restart policy retry count: strconv.Atoi: parsing \"x\": invalid syntax");
    assertThatThrownBy(() -> SupervisionParser.parse(restart("always"), null, true))
        .hasMessage("the --rm option conflicts with --restart, when the restartPolicy is not \"\" and \"no\"");
    assertThat(SupervisionParser.parse(restart("no"), null, true).restartPolicy().name()).isEqualTo("no");
  }

  @Test
  void restartDecisions() {
    var onFailure2 = new RestartPolicy("on-failure", 2);
    assertThat(onFailure2.shouldRestart(1, false, 0)).isTrue();
    assertThat(onFailure2.shouldRestart(1, false, 1)).isTrue();
    assertThat(onFailure2.shouldRestart(1, false, 2)).isFalse();
    assertThat(onFailure2.shouldRestart(0, false, 0)).isFalse();
    assertThat(new RestartPolicy("on-failure", 0).shouldRestart(1, false, 99)).isTrue();
    assertThat(new RestartPolicy("always", 0).shouldRestart(0, false, 5)).isTrue();
    assertThat(new RestartPolicy("always", 0).shouldRestart(0, true, 0)).isFalse();
    assertThat(new RestartPolicy("unless-stopped", 0).shouldRestart(137, true, 0)).isFalse();
    assertThat(new RestartPolicy("no", 0).shouldRestart(1, false, 0)).isFalse();
    assertThat(RestartPolicy.NONE.shouldRestart(1, false, 0)).isFalse();
  }

  @Test
  void healthFlagsWithDefaultsAndErrors() {
    var hc = SupervisionParser.parse(health("cat /tmp/ok", null, null, null, null), null, false).healthcheck();
    assertThat(hc).isEqualTo(new Healthcheck(List.of("CMD-SHELL", "cat /tmp/ok"), 30_000_000_000L, 30_000_000_000L, 0, 3));
    assertThat(hc.command()).containsExactly("/bin/sh", "-c", "cat /tmp/ok");
    var arr = SupervisionParser.parse(health("[\"ls\",\"/\"]", "1s", 2L, "500ms", "1m30s"), null, false).healthcheck();
    assertThat(arr).isEqualTo(new Healthcheck(List.of("CMD", "ls", "/"), 1_000_000_000L, 500_000_000L, 90_000_000_000L, 2));
    assertThat(arr.command()).containsExactly("ls", "/");
    assertThat(SupervisionParser.parse(health("true", "disable", null, null, null), null, false).healthcheck().intervalNanos()).isZero();
    assertThat(SupervisionParser.parse(health("none", null, null, null, null), null, false).hasHealthcheck()).isFalse();
    assertThatThrownBy(() -> SupervisionParser.parse(health("true", "bogus", null, null, null), null, false))
        .hasMessage("invalid healthcheck-interval: time: invalid duration \"bogus\"");
    assertThatThrownBy(() -> SupervisionParser.parse(health("true", null, 0L, null, null), null, false))
        .hasMessage("healthcheck-retries must be greater than 0");
    assertThatThrownBy(() -> SupervisionParser.parse(health("true", null, null, "0", null), null, false))
        .hasMessage("healthcheck-timeout must be at least 1 second");
    assertThatThrownBy(() -> SupervisionParser.parse(health("true", null, null, null, "-1s"), null, false))
        .hasMessage("healthcheck-start-period must be 0 seconds or greater");
    var noHc = new SupervisionRequest(null, "true", null, null, null, null, null, true);
    assertThatThrownBy(() -> SupervisionParser.parse(noHc, null, false))
        .hasMessage("cannot specify both --no-healthcheck and --health-cmd");
    var onFailure = new SupervisionRequest(null, null, null, null, null, null, "restart", false);
    assertThatThrownBy(() -> SupervisionParser.parse(onFailure, null, false))
        .hasMessage("cannot set on-failure action to restart without a health check");
    var bogusAction = new SupervisionRequest(null, "true", null, null, null, null, "bogus", false);
    assertThatThrownBy(() -> SupervisionParser.parse(bogusAction, null, false))
        .hasMessage("invalid on-failure action \"bogus\" for health check: supported actions are none,kill,restart,stop");
  }

  @Test
  void imageHealthcheckIsUsedUnlessDisabled() throws Exception {
    byte[] config = """
        {"config":{"Healthcheck":{"Test":["CMD-SHELL","true"],"Interval":1000000000,"Retries":0}}}""".getBytes();
    Healthcheck image = SupervisionParser.fromImageConfig(config);
    assertThat(image).isEqualTo(new Healthcheck(List.of("CMD-SHELL", "true"), 1_000_000_000L, Healthcheck.DEFAULT_TIMEOUT, 0, 3));
    assertThat(SupervisionParser.parse(SupervisionRequest.none(), image, false).healthcheck()).isEqualTo(image);
    var disabled = new SupervisionRequest(null, null, null, null, null, null, null, true);
    assertThat(SupervisionParser.parse(disabled, image, false).hasHealthcheck()).isFalse();
    assertThat(SupervisionParser.fromImageConfig("{\"config\":{}}".getBytes())).isNull();
  }

  @Test
  void goDurations() {
    assertThat(GoDuration.parse("1m30s")).isEqualTo(90_000_000_000L);
    assertThat(GoDuration.parse("1.5s")).isEqualTo(1_500_000_000L);
    assertThat(GoDuration.parse("0")).isZero();
    assertThat(GoDuration.parse("-1s")).isEqualTo(-1_000_000_000L);
    assertThatThrownBy(() -> GoDuration.parse("10")).hasMessage("time: missing unit in duration \"10\"");
    assertThatThrownBy(() -> GoDuration.parse("")).hasMessage("time: invalid duration \"\"");
    assertThat(GoDuration.format(1_000_000_000L)).isEqualTo("1s");
    assertThat(GoDuration.format(90_000_000_000L)).isEqualTo("1m30s");
    assertThat(GoDuration.format(500_000_000L)).isEqualTo("500ms");
  }

  @Test
  void healthLogFollowsPodmansStreakRules() {
    HealthLog log = HealthLog.EMPTY.withStatus(HealthLog.STARTING);
    var fail = new HealthLog.Entry("s", "e", 1, "no");
    log = log.record(fail, false, 2);
    assertThat(log.status()).isEqualTo(HealthLog.STARTING);
    assertThat(log.failingStreak()).isEqualTo(1);
    log = log.record(fail, false, 2);
    assertThat(log.status()).isEqualTo(HealthLog.UNHEALTHY);
    assertThat(log.record(fail, true, 2).failingStreak()).isEqualTo(2);
    for (int i = 0; i < 6; i++) {
      log = log.record(fail, false, 2);
    }
    assertThat(log.log()).hasSize(5);
    log = log.record(new HealthLog.Entry("s", "e", 0, ""), false, 2);
    assertThat(log.status()).isEqualTo(HealthLog.HEALTHY);
    assertThat(log.failingStreak()).isZero();
  }
}
