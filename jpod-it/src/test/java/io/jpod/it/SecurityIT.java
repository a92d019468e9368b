package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Security options with real containers: capabilities, seccomp, read-only root, devices, sysctls, namespaces. */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SecurityIT extends JpodTestBase {

  @Test
  void capabilitiesSeccompAndNoNewPrivileges(@TempDir Path dir) throws Exception {
    CliResult chown = jpod("run", "--rm", "--cap-drop", "ALL", busybox.NAME, "chown", "1", "/etc");
    assertThat(chown.exitCode()).isNotZero();
    assertThat(chown.err() + chown.out()).contains("Operation not permitted");
    assertThat(jpod("run", "--rm", busybox.NAME, "chown", "1", "/etc")).exitsCleanly();

    Path profile = dir.resolve("deny-mkdir.json");
    Files.writeString(profile, """
        {"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64"],
         "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO"}]}
        """);
    CliResult mkdir = jpod("run", "--rm", "--security-opt", "seccomp=" + profile, busybox.NAME, "mkdir", "/newdir");
    assertThat(mkdir.exitCode()).isNotZero();
    assertThat(mkdir.err() + mkdir.out()).contains("Operation not permitted");
    assertThat(jpod("run", "--rm", "--security-opt", "seccomp=unconfined", busybox.NAME, "mkdir", "/newdir"))
        .exitsCleanly();

    assertThat(jpod("run", "--rm", "--security-opt", "no-new-privileges", busybox.NAME, "grep", "NoNewPrivs",
        "/proc/self/status")).exitsCleanly().stdoutContains("1");
  }

  @Test
  void addedCapabilitiesAsPodmanSetsThem() throws Exception {
    String bounding = Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(l -> l.startsWith("CapBnd:")).findFirst().orElseThrow().substring(7).strip();
    // all = everything this host lets jpod hand on, which the runtime can then apply
    assertThat(jpod("run", "--rm", "--cap-add", "all", busybox.NAME, "grep", "CapEff", "/proc/self/status"))
        .exitsCleanly().stdoutContains(bounding);
    // another user than root starts with only the added ones, kept across exec by the ambient set
    CliResult user = jpod("run", "--rm", "-u", "1000", "--cap-add", "net_admin", busybox.NAME, "grep", "Cap", "/proc/self/status");
    assertThat(user).exitsCleanly().stdoutContains("CapEff:\t0000000000001000", "CapAmb:\t0000000000001000");
    assertThat(jpod("run", "--rm", "-u", "1000", busybox.NAME, "grep", "CapEff", "/proc/self/status"))
        .exitsCleanly().stdoutContains("0000000000000000");
    String name = uniqueName("caps");
    assertThat(jpod("create", "--name", name, "-u", "1000", "--cap-add", "net_admin", busybox.NAME, "true")).exitsCleanly();
    assertThat(jpod("inspect", "--format", "{{json .EffectiveCaps}}", name)).exitsCleanly().stdoutIs("[\"CAP_NET_ADMIN\"]");
  }

  @Test
  void readOnlyRootDevicesSysctlsAndPrivileged() {
    CliResult ro = jpod("run", "--rm", "--read-only", busybox.NAME, "sh", "-c",
        "touch /tmp/ok && echo tmp-ok; touch /nope");
    assertThat(ro.exitCode()).isNotZero();
    assertThat(ro.out()).contains("tmp-ok");
    assertThat(ro.err() + ro.out()).contains("Read-only file system");

    // runc always allows 1:3 (/dev/null) rwm, so only the node and its rule are checked here
    String devName = uniqueName("dev");
    assertThat(jpod("run", "--name", devName, "--device", "/dev/null:/dev/xnull:r", busybox.NAME, "sh", "-c",
        "test -c /dev/xnull && cat /dev/xnull && echo is-char")).exitsCleanly().stdoutContains("is-char");
    assertThat(inspect(devName, "{{range .HostConfig.Devices}}{{.PathOnHost}}:{{.PathInContainer}}:{{.CgroupPermissions}}{{end}}"))
        .isEqualTo("/dev/null:/dev/xnull:"); // podman 4.3.1 shows no permissions there

    assertThat(jpod("run", "--rm", "--sysctl", "net.ipv4.ip_forward=1", busybox.NAME, "cat",
        "/proc/sys/net/ipv4/ip_forward")).exitsCleanly().stdoutIs("1");

    String name = uniqueName("priv");
    assertThat(jpod("create", "--name", name, "--privileged", busybox.NAME, "true")).exitsCleanly();
    assertThat(inspect(name, "{{.HostConfig.Privileged}} {{.HostConfig.ReadonlyRootfs}}")).isEqualTo("true false");
    assertThat(jpod("start", "-a", name)).exitsCleanly();
  }

  @Test
  void hostNamespaces() throws Exception {
    String hostPid = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
    String hostIpc = Files.readSymbolicLink(Path.of("/proc/self/ns/ipc")).toString();
    String hostUts = Files.readSymbolicLink(Path.of("/proc/self/ns/uts")).toString();
    CliResult r = jpod("run", "--rm", "--pid", "host", "--ipc", "host", "--uts", "host", busybox.NAME, "sh", "-c",
        "for n in pid ipc uts; do readlink /proc/self/ns/$n; done");
    assertThat(r).exitsCleanly();
    assertThat(r.lines()).containsExactly(hostPid, hostIpc, hostUts);
    CliResult priv = jpod("run", "--rm", busybox.NAME, "readlink", "/proc/self/ns/pid");
    assertThat(priv.out().strip()).isNotEqualTo(hostPid);
  }

  @Test
  void badSecurityInputCreatesNothing() {
    String[][] bad = {
        {"--cap-add", "CAP_NOPE"}, {"--security-opt", "seccomp=/nonexistent/profile.json"},
        {"--device", "/dev/jpod-nope"}, {"--sysctl", "kernel.jpod_nope=1"}, {"--security-opt", "bogus=1"},
        {"--ipc", "weird"},
    };
    for (String[] flags : bad) {
      String[] args = new String[flags.length + 4];
      args[0] = "run";
      args[1] = "--rm";
      System.arraycopy(flags, 0, args, 2, flags.length);
      args[flags.length + 2] = busybox.NAME;
      args[flags.length + 3] = "true";
      assertThat(jpod(args)).exitedWith(125).singleErrorLine();
    }
    assertThat(jpod("ps", "-aq")).exitsCleanly().stdoutIs("");
  }
}
