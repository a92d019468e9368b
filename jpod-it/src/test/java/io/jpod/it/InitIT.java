package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code init} (podman's "initialized" state before start) and {@code top}'s fall-back to ps(1). */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class InitIT extends JpodTestBase {

  @Test
  void initThenStart() {
    String name = uniqueName("init");
    assertThat(jpod("create", "--name", name, "busybox", "sleep", "1000")).exitsCleanly();
    String id = id(name);
    assertThat(jpod("init", name)).exitsCleanly().stdoutIs(name);
    assertThat(state(name)).isEqualTo("initialized");
    assertThat(inspect(name, "{{.State.Status}}")).isEqualTo("initialized");
    assertThat(inspect(name, "{{.State.Pid}}")).isNotEqualTo("0");
    assertThat(jpod("ps", "-a", "--filter", "name=" + name, "--format", "{{.Status}}")).exitsCleanly()
        .stdoutIs("Initialized");

    // podman: only configured or stopped containers can be initialized
    assertThat(jpod("container", "init", name)).exitedWith(125)
        .stderrIs("Error: container " + id + " has already been created in runtime");
    assertThat(jpod("start", name)).exitsCleanly().stdoutIs(name);
    assertThat(state(name)).isEqualTo("running");
    assertThat(jpod("init", name)).exitedWith(125);

    // --all names every container and skips those past init; a stopped one is initialized again
    String other = uniqueName("init2");
    assertThat(jpod("create", "--name", other, "busybox", "true")).exitsCleanly();
    CliResult all = jpod("init", "--all");
    assertThat(all).exitsCleanly();
    assertThat(all.lines()).contains(id, id(other));
    assertThat(state(other)).isEqualTo("initialized");
    assertThat(jpod("stop", "-t", "0", name)).exitsCleanly();
    assertThat(jpod("init", "--latest")).exitedWith(125); // the latest, "other", is initialized already
    assertThat(jpod("init", name)).exitsCleanly().stdoutIs(name);
    assertThat(state(name)).isEqualTo("initialized");

    assertThat(jpod("init", name, "nosuch")).exitedWith(125)
        .stderrIs("Error: no container with name or ID \"nosuch\" found: no such container");
    assertThat(jpod("init")).exitedWith(125).stderrIs("Error: you must provide at least one name or id");
    assertThat(jpod("init", "--all", name)).exitedWith(125).stderrIs("Error: no arguments are needed with --all");
  }

  @Test
  void topRunsPsInsideForPsOptions() {
    String name = uniqueName("top");
    assertThat(jpod("run", "-d", "--name", name, "busybox", "sleep", "1000")).exitsCleanly();
    CliResult r = jpod("top", name, "-eo", "pid,comm");
    assertThat(r).exitsCleanly();
    // busybox's ps in the container's pid namespace: the sleeper is pid 1
    assertThat(r.lines().getFirst()).matches("PID +COMMAND");
    assertThat(r.lines()).anyMatch(l -> l.matches(" *1 sleep"));
    CliResult bare = jpod("top", name, "-o", "pid");
    assertThat(bare).exitsCleanly();
    assertThat(bare.lines().getFirst().strip()).isEqualTo("PID");

    // no ps in the container: podman's error, exit 125
    String nops = uniqueName("nops");
    assertThat(jpod("run", "-d", "--name", nops, "--entrypoint", "/bin/sleep", "busybox", "1000")).exitsCleanly();
    assertThat(jpod("exec", nops, "rm", "/bin/ps")).exitsCleanly();
    assertThat(jpod("top", nops, "-eo", "pid,comm")).exitedWith(125)
        .stderrContains("Error: executing ps(1) in the container: ");
    assertThat(jpod("top", name, "pid")).exitsCleanly();
  }

  @Test
  void topShowsTheContainersOwnPidsInPodmansColumns() {
    String name = uniqueName("psgo");
    assertThat(jpod("run", "-d", "--name", name, "busybox", "sh", "-c", "sleep 1000 & sleep 1001")).exitsCleanly();
    CliResult r = jpod("top", name);
    assertThat(r).exitsCleanly();
    // tabwriter columns: at least 12 wide, wider when a value is (ELAPSED's width follows its value)
    assertThat(r.lines().getFirst()).matches(
        "USER {8}PID {9}PPID {8}%CPU {8}ELAPSED {5,}TTY {9}TIME {8}COMMAND");
    // the container's pid namespace numbers them: its init is 1, and its parent (conmon) outside is 0
    assertThat(r.lines().get(1)).matches("root +1 +0 +\\d+\\.\\d{3} +[0-9.]+m?s +\\? +\\S+ +sleep 1001 ");
    assertThat(r.lines()).anyMatch(l -> l.matches("root +\\d+ +1 .* sleep 1000 "));
    // an exec session's process is the container's too, though its parent is its own conmon
    assertThat(jpod("exec", "-d", name, "sleep", "999")).exitsCleanly();
    assertThat(jpod("top", name).lines()).anyMatch(l -> l.matches("root +\\d+ +0 .* sleep 999 "));
    CliResult some = jpod("top", name, "pid,comm", "%U", "seccomp");
    assertThat(some).exitsCleanly();
    assertThat(some.lines().getFirst()).matches("PID +COMMAND +USER +SECCOMP");
    assertThat(some.lines().get(1)).matches("1 +sleep +root +filter");
  }

  @Test
  void generateSystemdNewMakesAUnitThatRunsAFreshContainer() throws Exception {
    String name = uniqueName("newunit");
    assertThat(jpod("create", "--name", name, "-e", "GREETING=a b", "busybox", "sleep", "1000")).exitsCleanly();
    CliResult r = jpod("generate", "systemd", "--new", "--name", "--no-header", name);
    assertThat(r).exitsCleanly();
    assertThat(r.stdout()).contains("RequiresMountsFor=%t/containers", "Type=notify", "NotifyAccess=all",
        "ExecStartPre=/bin/rm \\\n\t-f %t/%n.ctr-id", "\t--replace \\\n", "\t-e \"GREETING=a b\" busybox sleep 1000\n");
    Map<String, String> exec = new LinkedHashMap<>();
    for (String line : r.stdout().replace(" \\\n\t", " ").split("\n")) {
      if (line.startsWith("Exec")) {
        exec.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
    }
    assertThat(exec).containsOnlyKeys("ExecStartPre", "ExecStart", "ExecStop", "ExecStopPost");
    // what systemd does: %t is the runtime dir, %n the unit's name; a service manager listens for READY=1
    Path t = Files.createTempDirectory("jpod-unit");
    Path notify = t.resolve("notify");
    Path received = t.resolve("received");
    Process listener = new ProcessBuilder("python3", "-c", String.join("\n",
        "import socket, sys",
        "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
        "s.bind(sys.argv[1])",
        "open(sys.argv[2] + '.tmp', 'wb').write(s.recv(4096))",
        "import os; os.rename(sys.argv[2] + '.tmp', sys.argv[2])"), notify.toString(), received.toString()).start();
    try {
      for (int i = 0; i < 100 && !Files.exists(notify); i++) {
        Thread.sleep(50);
      }
      for (String step : new String[] {"ExecStartPre", "ExecStart"}) {
        assertThat(systemd(exec.get(step), name + ".service", t, notify)).as(step).isZero();
      }
      String id = Files.readString(t.resolve(name + ".service.ctr-id")).strip();
      assertThat(id).isEqualTo(id(name));
      assertThat(state(name)).isEqualTo("running");
      assertThat(listener.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(Files.readString(received)).isEqualTo("MAINPID=" + inspect(name, "{{.State.ConmonPid}}") + "\nREADY=1");
      assertThat(inspect(name, "{{range .Config.Env}}{{println .}}{{end}}")).contains("GREETING=a b");
      for (String step : new String[] {"ExecStop", "ExecStopPost"}) {
        assertThat(systemd(exec.get(step), name + ".service", t, notify)).as(step).isZero();
      }
      assertThat(jpod("container", "exists", name)).exitedWith(1);
    } finally {
      listener.destroyForcibly();
      jpod("rm", "-f", name);
    }
  }

  /** Runs a unit's command line as systemd would: specifiers replaced, in the unit's environment. */
  private static int systemd(String line, String unit, Path runtimeDir, Path notify) throws Exception {
    String cmd = line.replace("%t", runtimeDir.toString()).replace("%n", unit).replace("%%", "%").replace("$$", "\\$");
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", cmd);
    pb.environment().put("NOTIFY_SOCKET", notify.toString());
    pb.environment().put("PODMAN_SYSTEMD_UNIT", unit);
    pb.inheritIO();
    return pb.start().waitFor();
  }

  @Test
  void generateSystemdForAContainer() throws Exception {
    String name = uniqueName("unit");
    assertThat(jpod("create", "--name", name, "busybox", "sleep", "1000")).exitsCleanly();
    String id = id(name);
    CliResult r = jpod("generate", "systemd", "--name", "--restart-policy=always", "--time", "5", "--no-header", name);
    assertThat(r).exitsCleanly();
    String exe = jpod.launcher().toString();
    assertThat(r.stdout()).isEqualTo(String.join("\n",
        "# container-" + name + ".service",
        "",
        "[Unit]",
        "Description=Podman container-" + name + ".service",
        "Documentation=man:podman-generate-systemd(1)",
        "Wants=network-online.target",
        "After=network-online.target",
        "RequiresMountsFor=" + jpod.runRoot(),
        "",
        "[Service]",
        "Environment=PODMAN_SYSTEMD_UNIT=%n",
        "Restart=always",
        "TimeoutStopSec=65",
        "ExecStart=" + exe + " start " + name,
        "ExecStop=" + exe + " stop  \\",
        "\t-t 5 " + name,
        "ExecStopPost=" + exe + " stop  \\",
        "\t-t 5 " + name,
        "PIDFile=" + jpod.runRoot() + "/overlay-containers/" + id + "/userdata/conmon.pid",
        "Type=forking",
        "",
        "[Install]",
        "WantedBy=default.target",
        ""));
    CliResult byId = jpod("generate", "systemd", name);
    assertThat(byId).exitsCleanly();
    assertThat(byId.lines()).contains("# container-" + id + ".service", "# autogenerated by Podman 4.3.1",
        "Restart=on-failure", "TimeoutStopSec=70", "ExecStart=" + exe + " start " + id);
    assertThat(jpod("generate", "systemd", "--restart-policy=bad", name)).exitedWith(125)
        .stderrIs("Error: bad is not a valid restart policy");
    assertThat(jpod("generate", "systemd", "nosuch")).exitedWith(125)
        .stderrContains("nosuch does not refer to a container or pod");
  }
}
