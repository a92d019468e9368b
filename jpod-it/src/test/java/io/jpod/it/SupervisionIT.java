package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Restart policies (honoured at exit through conmon's exit command, RestartCount, stop/kill not
 * restarted, boot-time {@code start --all --filter restart-policy=always}) and healthchecks (the sh
 * timer, unhealthy in inspect and ps, on-failure restart, an image's HEALTHCHECK, {@code healthcheck
 * run}'s exit codes), plus podman's errors for bad input before anything is created.
 */
class SupervisionIT extends JpodTestBase {
  private static final Duration LONG = Duration.ofSeconds(90);

  private int restartCount(String name) {
    return Integer.parseInt(inspect(name, "{{.RestartCount}}"));
  }

  @Test
  void restartPoliciesAreHonouredWhenTheContainerExits() {
    String onFailure = uniqueName("onfail");
    String always = uniqueName("always");
    String unless = uniqueName("unless");
    assertThat(jpod("run", "-d", "--name", onFailure, "--restart", "on-failure:2", "busybox", "sh", "-c", "exit 3")).exitsCleanly();
    assertThat(jpod("run", "-d", "--name", always, "--restart", "always", "busybox", "sh", "-c", "sleep 1")).exitsCleanly();
    assertThat(jpod("run", "-d", "--name", unless, "--restart", "unless-stopped", "busybox", "sleep", "1000")).exitsCleanly();
    assertThat(inspect(onFailure, "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}"))
        .isEqualTo("on-failure 2");

    assertThat(waitFor(LONG, () -> restartCount(onFailure) == 2 && state(onFailure).equals("exited")))
        .as("on-failure:2 restarts twice, then stays exited").isTrue();
    assertThat(waitFor(LONG, () -> restartCount(always) >= 2)).as("always restarts after a clean exit").isTrue();
    sleep(3);
    assertThat(restartCount(onFailure)).isEqualTo(2);
    assertThat(inspect(onFailure, "{{.State.ExitCode}}")).isEqualTo("3");

    // a container the user stops or kills is not brought back
    assertThat(jpod("stop", "-t", "0", always)).exitsCleanly();
    assertThat(jpod("kill", unless)).exitsCleanly();
    int alwaysCount = restartCount(always);
    sleep(4);
    assertThat(state(always)).isEqualTo("exited");
    assertThat(state(unless)).isEqualTo("exited");
    assertThat(restartCount(always)).isEqualTo(alwaysCount);
    assertThat(restartCount(unless)).isZero();

    CliResult filtered = jpod("ps", "-a", "--filter", "restart-policy=on-failure", "--format", "{{.Names}}");
    assertThat(filtered).exitsCleanly();
    assertThat(filtered.lines()).containsExactly(onFailure);
  }

  @Test
  void failingHealthcheckTurnsUnhealthyAndCanRestartTheContainer() {
    String name = uniqueName("hc");
    String restarting = uniqueName("hcrestart");
    assertThat(jpod("run", "-d", "--name", name, "--health-cmd", "cat /tmp/ok", "--health-interval", "1s",
        "--health-retries", "2", "busybox", "sleep", "1000")).exitsCleanly();
    assertThat(jpod("run", "-d", "--name", restarting, "--health-cmd", "false", "--health-interval", "1s",
        "--health-retries", "1", "--health-on-failure", "restart", "--stop-timeout", "0", "busybox", "sleep", "1000"))
        .exitsCleanly();
    String firstStart = inspect(restarting, "{{.State.StartedAt}}");
    assertThat(inspect(name, "{{.Config.HealthcheckOnFailureAction}}")).isEqualTo("none");
    assertThat(inspect(restarting, "{{.Config.HealthcheckOnFailureAction}}")).isEqualTo("restart");

    // the timer runs the check without anyone calling healthcheck run
    assertThat(waitFor(LONG, () -> inspect(name, "{{.State.Health.Status}}").equals("unhealthy")))
        .as("unhealthy after two failed checks").isTrue();
    assertThat(Integer.parseInt(inspect(name, "{{.State.Health.FailingStreak}}"))).isGreaterThanOrEqualTo(2);
    assertThat(inspect(name, "{{(index .State.Health.Log 0).ExitCode}}")).isEqualTo("1");
    assertThat(inspect(name, "{{(index .State.Health.Log 0).Output}}")).contains("/tmp/ok");
    assertThat(psField(name, "{{.Status}}")).matches("Up .* \\(unhealthy\\)");
    CliResult unhealthy = jpod("ps", "--filter", "health=unhealthy", "--format", "{{.Names}}");
    assertThat(unhealthy.lines()).contains(name);

    CliResult run = jpod("healthcheck", "run", name);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEqualTo("unhealthy");
    assertThat(jpod("exec", name, "touch", "/tmp/ok")).exitsCleanly();
    CliResult healthy = jpod("healthcheck", "run", name);
    assertThat(healthy).exitsCleanly();
    assertThat(healthy.out()).isEmpty();
    assertThat(inspect(name, "{{.State.Health.Status}} {{.State.Health.FailingStreak}}")).isEqualTo("healthy 0");
    assertThat(psField(name, "{{.Status}}")).endsWith("(healthy)");

    // --health-on-failure=restart: the container was started again
    assertThat(waitFor(LONG, () -> !inspect(restarting, "{{.State.StartedAt}}").equals(firstStart)))
        .as("restarted by its failing healthcheck").isTrue();
    assertThat(restartCount(restarting)).as("a healthcheck restart is no policy restart").isZero();

    // no healthcheck / not running: 125
    String plain = uniqueName("plain");
    assertThat(jpod("create", "--name", plain, "busybox", "true")).exitsCleanly();
    CliResult none = jpod("healthcheck", "run", plain);
    assertThat(none.exitCode()).isEqualTo(125);
    assertThat(none.err()).contains("has no defined healthcheck");
    assertThat(jpod("stop", "-t", "0", name)).exitsCleanly();
    assertThat(jpod("healthcheck", "run", name).err()).contains("is not running");
    assertThat(jpod("healthcheck", "run", "nosuch").err())
        .contains("unable to look up nosuch to perform a health check");
  }

  @Test
  void imageHealthcheckIsHonouredUnlessDisabled() throws Exception {
    String image = "localhost/hcimage:latest";
    loadImageWithHealthcheck(image);
    String name = uniqueName("imghc");
    assertThat(jpod("run", "-d", "--name", name, image, "sleep", "1000")).exitsCleanly();
    assertThat(inspect(name, "{{json .Config.Healthcheck}}"))
        .isEqualTo("{\"Test\":[\"CMD-SHELL\",\"test -e /bin/sh\"],\"Interval\":30000000000,\"Timeout\":30000000000,\"Retries\":3}");
    assertThat(jpod("healthcheck", "run", name)).exitsCleanly();
    assertThat(inspect(name, "{{.State.Health.Status}}")).isEqualTo("healthy");

    String disabled = uniqueName("nohc");
    assertThat(jpod("create", "--name", disabled, "--no-healthcheck", image, "sleep", "1000")).exitsCleanly();
    assertThat(inspect(disabled, "{{json .Config.Healthcheck}}")).isEqualTo("{\"Test\":[\"NONE\"]}");
    assertThat(jpod("rmi", "-f", image).exitCode()).isZero();
  }

  @Test
  void badInputFailsWithPodmansErrorBeforeAnythingIsCreated() {
    List<List<String>> cases = List.of(
        List.of("--restart", "bogus"),
        List.of("--restart", "on-failure:-1"),
        List.of("--restart", "always:2"),
        List.of("--rm", "--restart", "always"),
        List.of("--health-cmd", "true", "--health-interval", "soon"),
        List.of("--health-cmd", "true", "--health-retries", "0"),
        List.of("--health-on-failure", "restart"),
        List.of("--health-cmd", "true", "--health-on-failure", "explode"));
    List<String> errors = List.of(
        "Error: running container create option: \"bogus\" is not a valid restart policy: invalid argument",
        "Error: must specify restart policy retry count as a number greater than 0",
        "Error: restart policy retries can only be specified with on-failure restart policy",
        "Error: the --rm option conflicts with --restart, when the restartPolicy is not \"\" and \"no\"",
        "Error: invalid healthcheck-interval: time: invalid duration \"soon\"",
        "Error: healthcheck-retries must be greater than 0",
        "Error: cannot set on-failure action to restart without a health check",
        "Error: invalid on-failure action \"explode\" for health check: supported actions are none,kill,restart,stop");
    for (int i = 0; i < cases.size(); i++) {
      List<String> args = new java.util.ArrayList<>(List.of("run", "-d", "--name", "bad"));
      args.addAll(cases.get(i));
      args.addAll(List.of("busybox", "true"));
      CliResult r = jpod(args.toArray(String[]::new));
      assertThat(r.exitCode()).as("%s", cases.get(i)).isEqualTo(125);
      assertThat(r.err().strip()).as("%s", cases.get(i)).isEqualTo(errors.get(i));
    }
    assertThat(jpod("ps", "-a", "-q").out()).isEmpty();
  }

  @Test
  void alwaysContainersComeBackAfterAReboot() throws Exception {
    String always = uniqueName("boot");
    String plain = uniqueName("noboot");
    assertThat(jpod("run", "-d", "--name", always, "--restart", "always", "busybox", "sleep", "1000")).exitsCleanly();
    assertThat(jpod("run", "-d", "--name", plain, "busybox", "sleep", "1000")).exitsCleanly();
    // a reboot: every process gone (conmon first, so no exit command runs), the runtime's tmpfs state
    // gone, the tmp dir's alive marker gone; no jpod command runs in between
    List<String> ids = List.of(id(always), id(plain));
    List<String> pids = List.of(inspect(always, "{{.State.ConmonPid}} {{.State.Pid}}"),
        inspect(plain, "{{.State.ConmonPid}} {{.State.Pid}}"));
    for (String pair : pids) {
      for (String pid : pair.split(" ")) {
        exec("kill", "-9", pid);
      }
    }
    sleep(1);
    for (String id : ids) {
      exec("runc", "delete", "--force", id);
    }
    Files.delete(jpod.tmpDir().resolve("alive"));
    assertThat(state(always)).isNotEqualTo("running");
    assertThat(restartCount(always)).as("a reboot is no exit for the restart policy").isZero();

    // what the boot hook runs (podman-restart.service's command)
    CliResult boot = jpod("start", "--all", "--filter", "restart-policy=always");
    assertThat(boot).exitsCleanly();
    assertThat(boot.lines()).containsExactly(id(always));
    assertThat(state(always)).isEqualTo("running");
    assertThat(state(plain)).isNotEqualTo("running");
  }

  private void loadImageWithHealthcheck(String tag) throws Exception {
    Path dir = Files.createTempDirectory(jpod.dir(), "hcimg");
    Path saved = dir.resolve("saved.tar");
    assertThat(jpod("save", "-o", saved.toString(), "busybox").exitCode()).isZero();
    Path tree = Files.createDirectories(dir.resolve("tree"));
    exec("tar", "-C", tree.toString(), "-xf", saved.toString());
    ObjectMapper json = new ObjectMapper();
    ArrayNode manifest = (ArrayNode) json.readTree(tree.resolve("manifest.json").toFile());
    ObjectNode entry = (ObjectNode) manifest.get(0);
    Path configFile = tree.resolve(entry.get("Config").asText());
    ObjectNode config = (ObjectNode) json.readTree(configFile.toFile());
    ObjectNode hc = config.withObject("/config").putObject("Healthcheck");
    hc.putArray("Test").add("CMD-SHELL").add("test -e /bin/sh");
    byte[] bytes = json.writeValueAsBytes(config);
    String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    Files.delete(configFile);
    Files.write(tree.resolve(digest + ".json"), bytes);
    entry.put("Config", digest + ".json");
    entry.putArray("RepoTags").add(tag);
    json.writeValue(tree.resolve("manifest.json").toFile(), manifest);
    Files.deleteIfExists(tree.resolve("repositories"));
    Path out = dir.resolve("hc.tar");
    exec("tar", "-C", tree.toString(), "-cf", out.toString(), ".");
    assertThat(jpod("load", "-i", out.toString()).exitCode()).isZero();
  }

  private static void exec(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(String.join(" ", cmd) + ": " + e, e);
    }
  }

  private static void sleep(int seconds) {
    try {
      Thread.sleep(seconds * 1000L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
