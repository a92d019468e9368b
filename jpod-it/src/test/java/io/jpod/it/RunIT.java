package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 15, unit = TimeUnit.MINUTES)
class RunIT extends JpodTestBase {

  @Test
  void echoHello() {
    assertThat(jpod("run", "--rm", "busybox", "echo", "hello")).exitsCleanly().stdoutIs("hello");
  }

  @Test
  void hostAndNoneNetworksGetPodmansNameFiles() throws Exception {
    String hostName = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    CliResult host = jpod("run", "--rm", "--network", "host", "busybox", "sh", "-c", "hostname; cat /etc/hosts");
    assertThat(host).exitsCleanly();
    assertThat(host.lines().getFirst()).isEqualTo(hostName);
    assertThat(host.out()).contains("\thost.containers.internal").doesNotContain("127.0.0.1\t" + hostName + " ");

    CliResult none = jpod("run", "--rm", "--network", "none", "busybox", "sh", "-c", "cat /etc/hosts; ls /etc/resolv.conf");
    assertThat(none).exitedWith(1).stderrContains("/etc/resolv.conf");
    assertThat(none.out()).contains("\thost.containers.internal");
    assertThat(jpod("run", "--rm", "--network", "none", "--dns", "1.1.1.1", "busybox", "true")).exitedWith(125)
        .stderrContains("conflicting options: dns and the network mode: none");
  }

  @Test
  void rootShmAndContainerenvAsPodmanHasThem() {
    // "/" is r-xr-xr-x whatever the imported tar's "./" said, as containers/storage makes layer roots
    assertThat(jpod("run", "--rm", "busybox", "stat", "-c", "%a", "/")).exitsCleanly().stdoutIs("555");
    // containers.conf's shm_size 65536k is read as podman reads it: 65536000 bytes
    assertThat(jpod("run", "--rm", "busybox", "sh", "-c", "df -k /dev/shm | tail -1 | awk '{print $2}'"))
        .exitsCleanly().stdoutIs("64000");
    assertThat(jpod("run", "--rm", "--ipc", "none", "busybox", "ls", "/dev/shm")).exitedWith(1);
    assertThat(jpod("run", "--rm", "busybox", "cat", "/run/.containerenv")).exitsCleanly().stdoutIs("");
    String name = uniqueName("priv");
    assertThat(jpod("run", "--rm", "--privileged", "--name", name, "busybox", "cat", "/run/.containerenv"))
        .exitsCleanly().stdoutContains("engine=\"podman-", "name=\"" + name + "\"", "rootless=0");
  }

  @Test
  void envWildcardsAndGroupLists() {
    // the test JVM's own environment: PATH and HOME are always there
    assertThat(jpod("run", "--rm", "-e", "HOM*", "busybox", "sh", "-c", "echo $HOME"))
        .exitsCleanly().stdoutIs(System.getenv("HOME"));
    assertThat(jpod("run", "--rm", "--group-add", "10,20", "busybox", "id", "-G")).exitsCleanly().stdoutContains("10 20");
  }

  @Test
  void timezoneUmaskTimeoutPidFilesAndEnvSwitches() throws Exception {
    assertThat(jpod("run", "--rm", "--tz", "Europe/Berlin", "busybox", "date", "+%Z")).exitsCleanly().stdoutContains("CE");
    assertThat(jpod("run", "--rm", "--tz", "No/Such", "busybox", "true")).exitedWith(125)
        .stderrContains("stat /usr/share/zoneinfo/No/Such: no such file or directory");
    assertThat(jpod("run", "--rm", "--umask", "0077", "busybox", "sh", "-c", "umask")).exitsCleanly().stdoutIs("0077");
    assertThat(jpod("run", "--rm", "--umask", "99999", "busybox", "true")).exitedWith(125).stderrContains("invalid umask string");
    // conmon kills it after the timeout: 255, as podman
    assertThat(jpod("run", "--rm", "--timeout", "1", "busybox", "sleep", "60")).exitedWith(255);

    Path pid = jpod.dir().resolve(uniqueName("ctr") + ".pid");
    Path conmonPid = jpod.dir().resolve(uniqueName("conmon") + ".pid");
    String name = uniqueName("pidfiles");
    assertThat(jpod("run", "-d", "--name", name, "--pidfile", pid.toString(), "--conmon-pidfile", conmonPid.toString(),
        "busybox", "sleep", "600")).exitsCleanly();
    assertThat(Files.readString(pid).strip()).isEqualTo(jpod("inspect", "--format", "{{.State.Pid}}", name).out());
    assertThat(Files.readString(conmonPid).strip()).isEqualTo(jpod("inspect", "--format", "{{.State.ConmonPid}}", name).out());
    assertThat(jpod("rm", "-f", "-t", "0", name)).exitsCleanly();

    CliResult only = jpod("run", "--rm", "--unsetenv-all", "-e", "A=1", "--hostname", "h", "busybox", "/bin/env");
    assertThat(only).exitsCleanly();
    assertThat(only.lines()).containsExactly("A=1", "HOME=/root", "HOSTNAME=h");
    assertThat(jpod("run", "--rm", "--unsetenv", "TERM", "busybox", "/bin/env").out()).doesNotContain("TERM=");
    assertThat(jpod("run", "--rm", "--env-host", "busybox", "/bin/env").out()).contains("HOME=" + System.getenv("HOME"));
    Path labels = jpod.dir().resolve(uniqueName("labels"));
    Files.writeString(labels, "a=1\n# comment\nb=2\n");
    String labelled = uniqueName("labelled");
    assertThat(jpod("create", "--name", labelled, "--label-file", labels.toString(), "-l", "b=3", "busybox", "true")).exitsCleanly();
    assertThat(jpod("inspect", "--format", "{{.Config.Labels}}", labelled)).exitsCleanly().stdoutIs("map[a:1 b:3]");
  }

  @Test
  void requiresEnvMergePolicyFlagsAndPodIdFiles() {
    String dep = uniqueName("dep");
    assertThat(jpod("create", "--name", dep, "busybox", "sleep", "600")).exitsCleanly();
    // the required container is started first, and cannot go while this one exists
    String user = uniqueName("user");
    assertThat(jpod("create", "--name", user, "--requires", dep, "busybox", "true")).exitsCleanly();
    assertThat(jpod("start", user)).exitsCleanly();
    assertThat(jpod("inspect", "--format", "{{.State.Status}}", dep)).exitsCleanly().stdoutIs("running");
    assertThat(jpod("rm", "-f", dep)).exitedWith(125).stderrContains("has dependent containers");
    assertThat(jpod("run", "--rm", "--requires", "nosuch", "busybox", "true")).exitedWith(125)
        .stderrContains("\"nosuch\" is not a valid container, cannot be used as a dependency");
    assertThat(jpod("run", "--rm", "--env-merge", "PATH=${PATH}:/opt/x", "busybox", "sh", "-c", "echo $PATH"))
        .exitsCleanly().stdoutIs("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/opt/x");
    assertThat(jpod("run", "--rm", "--seccomp-policy", "image", "busybox", "true")).exitedWith(125)
        .stderrContains("no seccomp policy defined by image");
    assertThat(jpod("run", "--rm", "--systemd", "maybe", "busybox", "true")).exitedWith(125)
        .stderrContains("--systemd values must be one of");

    java.nio.file.Path idFile = jpod.dir().resolve(uniqueName("podid"));
    String pod = uniqueName("idpod");
    assertThat(jpod("pod", "create", "--name", pod, "--pod-id-file", idFile.toString())).exitsCleanly();
    assertThat(jpod("run", "--rm", "--pod-id-file", idFile.toString(), "busybox", "true")).exitsCleanly();
    assertThat(jpod("pod", "create", "--pod-id-file", idFile.toString())).exitedWith(125).stderrContains("pod id file exists");
    assertThat(jpod("pod", "rm", "-f", pod)).exitsCleanly();
  }

  @Test
  void exitCodeIsPassedThrough() {
    assertThat(jpod("run", "--rm", "busybox", "sh", "-c", "exit 3")).exitedWith(3);
  }

  @Test
  void stderrIsKeptApart() {
    CliResult r = jpod("run", "--rm", "busybox", "sh", "-c", "echo out; echo err >&2");
    assertThat(r).exitedWith(0).stdoutIs("out").stderrIs("err");
  }

  @Test
  void attachSelectsTheStreams() {
    assertThat(jpod("run", "--rm", "-a", "stdout", "busybox", "sh", "-c", "echo out; echo err >&2"))
        .exitsCleanly().stdoutIs("out");
    assertThat(jpod("run", "--rm", "-a", "stderr", "busybox", "sh", "-c", "echo out; echo err >&2"))
        .exitedWith(0).stdoutIs("").stderrIs("err");
    assertThat(jpod("run", "--rm", "-a", "bogus", "busybox", "true")).exitedWith(125)
        .stderrContains("invalid stream \"bogus\" for --attach");
  }

  @Test
  void envFlag() {
    assertThat(jpod("run", "--rm", "-e", "FOO=bar", "busybox", "sh", "-c", "echo $FOO"))
        .exitsCleanly().stdoutIs("bar");
  }

  @Test
  void envFile() throws Exception {
    Path f = jpod.dir().resolve(uniqueName("env") + ".list");
    Files.writeString(f, "# a comment\nFOO=from-file\n\nBAZ=qux\n", StandardCharsets.UTF_8);
    assertThat(jpod("run", "--rm", "--env-file", f.toString(), "busybox", "sh", "-c", "echo $FOO $BAZ"))
        .exitsCleanly().stdoutIs("from-file qux");
  }

  @Test
  void workdir() {
    assertThat(jpod("run", "--rm", "-w", "/tmp", "busybox", "pwd")).exitsCleanly().stdoutIs("/tmp");
    // podman checks a -w directory before the runtime would make it; one on a mount is fine
    assertThat(jpod("run", "--rm", "-w", "/no/such/dir", "busybox", "pwd")).exitedWith(126).singleErrorLine()
        .stderrContains("workdir \"/no/such/dir\" does not exist on container ");
    assertThat(jpod("run", "--rm", "-w", "/etc/passwd", "busybox", "pwd")).exitedWith(126)
        .stderrContains("exists on container", "but is not a directory");
    assertThat(jpod("run", "--rm", "-w", "/scratch/sub", "--tmpfs", "/scratch", "busybox", "pwd"))
        .exitsCleanly().stdoutIs("/scratch/sub");
    assertThat(jpod("ps", "-aq")).exitsCleanly().stdoutIs("");
  }

  @Test
  void userNobody() {
    assertThat(jpod("run", "--rm", "-u", "nobody", "busybox", "id", "-u")).exitsCleanly().stdoutIs("65534");
  }

  @Test
  void userGroupsAsPodmanSetsThem() {
    // a named user gets its primary gid among its supplementary groups; --group-add ones come too
    assertThat(jpod("run", "--rm", "-u", "1000:1000", "busybox", "id"))
        .exitsCleanly().stdoutIs("uid=1000(1000) gid=1000(1000) groups=1000(1000)");
    assertThat(jpod("run", "--rm", "-u", "nobody", "--group-add", "12", "busybox", "id", "-G"))
        .exitsCleanly().stdoutIs("65534 12");
    assertThat(jpod("run", "--rm", "--group-add", "12", "busybox", "id", "-G")).exitsCleanly().stdoutIs("0 12");
  }

  @Test
  void hostname() {
    assertThat(jpod("run", "--rm", "--hostname", "abc", "busybox", "hostname")).exitsCleanly().stdoutIs("abc");
  }

  @Test
  void entrypointOverride() {
    assertThat(jpod("run", "--rm", "--entrypoint", "echo", "busybox", "from", "entrypoint"))
        .exitsCleanly().stdoutIs("from entrypoint");
  }

  @Test
  void interactiveStdinIsPiped() {
    byte[] in = "line one\nline two\n".getBytes(StandardCharsets.UTF_8);
    assertThat(jpod.runWithInput(in, "run", "--rm", "-i", "busybox", "cat"))
        .exitsCleanly().stdoutIs("line one\nline two");
  }

  @Test
  void initRunsCatatonitAsPid1() {
    CliResult r = jpod("run", "--rm", "--init", "busybox", "cat", "/proc/1/cmdline");
    assertThat(r).exitsCleanly();
    assertThat(r.stdout()).containsAnyOf("catatonit", "podman-init");
  }

  @Test
  void rootfsDirectory() {
    Path dir = busybox.extractTo(jpod.dir().resolve(uniqueName("rootfs")));
    assertThat(jpod("run", "--rm", "--rootfs", dir.toString(), "sh", "-c", "echo in-rootfs; id -u"))
        .exitsCleanly().stdoutIs("in-rootfs\n0");
  }

  @Test
  void labelsAreVisibleInInspect() {
    String name = uniqueName("labels");
    assertThat(jpod("run", "--name", name, "-l", "a=b", "--label", "team=jpod", "busybox", "true")).exitsCleanly();
    assertThat(inspect(name, "{{.Config.Labels.a}} {{.Config.Labels.team}}")).isEqualTo("b jpod");
  }

  @Test
  void detachedShowsInPs() {
    String name = uniqueName("detached");
    CliResult r = jpod("run", "-d", "--name", name, "busybox", "sleep", "1000");
    assertThat(r).exitsCleanly();
    assertThat(r.out()).matches("[0-9a-f]{64}");
    CliResult ps = jpod("ps", "--format", "{{.Names}} {{.Status}}");
    assertThat(ps).exitsCleanly();
    assertThat(ps.lines()).anySatisfy(l -> assertThat(l).startsWith(name + " Up"));
    assertThat(state(name)).isEqualTo("running");
    assertThat(jpod("rm", "-f", "-t", "0", name)).exitsCleanly().stdoutIs(name);
  }

  @Test
  void rmLeavesNothingInPs() {
    String name = uniqueName("rm");
    assertThat(jpod("run", "--rm", "--name", name, "busybox", "true")).exitsCleanly();
    CliResult ps = jpod("ps", "-a", "--format", "{{.Names}}");
    assertThat(ps).exitsCleanly();
    assertThat(ps.lines()).doesNotContain(name);
    assertThat(jpod("container", "exists", name)).exitedWith(1);
  }

  @Test
  void defaultRlimitsLetTheContainerStart() throws Exception {
    long hostHard = hostHardNofile();
    CliResult r = jpod("run", "--rm", "busybox", "sh", "-c", "ulimit -Hn");
    assertThat(r).exitsCleanly();
    assertThat(Long.parseLong(r.out())).isPositive().isLessThanOrEqualTo(hostHard);
  }

  @Test
  void defaultNprocLimitIsUsable() {
    CliResult r = jpod("run", "--rm", "busybox", "sh", "-c", "ulimit -u");
    assertThat(r).exitsCleanly();
    assertThat(Long.parseLong(r.out())).isGreaterThanOrEqualTo(1024);
  }

  private static long hostHardNofile() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
      if (line.startsWith("Max open files")) {
        String[] f = line.trim().split("\\s+");
        String hard = f[4];
        return hard.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(hard);
      }
    }
    throw new IllegalStateException("no nofile limit in /proc/self/limits");
  }
}
