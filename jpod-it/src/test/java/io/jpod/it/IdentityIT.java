package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * User namespaces, passwd entries, shared ipc/pid/uts namespaces, cgroup placement and --ulimit checks
 * of create/run, as podman 4.3.1 behaves for root.
 */
class IdentityIT extends JpodTestBase {

  @Test
  void userNamespaceMapsRootToAHostUidAndKeepsTheImageOwnedByRoot() throws IOException {
    // the container's root (host uid 100000) must reach its root filesystem under the private store
    Files.setPosixFilePermissions(jpod.dir(), java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
    String name = uniqueName("userns");
    // on the default bridge: the runtime makes the network namespace inside the user namespace and jpod
    // wires it afterwards (as podman), so exec can join both
    assertThat(jpod("run", "-d", "--name", name, "--uidmap", "0:100000:65536", "-v", name + "-vol:/data",
        busybox.NAME, "sleep", "300")).exitsCleanly();
    String pid = inspect(name, "{{.State.Pid}}").strip();
    String status = Files.readString(Path.of("/proc", pid, "status"));
    assertThat(status).containsPattern("(?m)^Uid:\\s+100000\\s").containsPattern("(?m)^Gid:\\s+100000\\s");

    CliResult inside = jpod("exec", name, "sh", "-c",
        "cat /proc/self/uid_map; id -u; stat -c '%u:%g' /bin/busybox /etc /etc/hosts; "
            + "touch /rootfs-file && touch /data/vol-file && echo writable; "
            + "ip -4 -o addr show eth0 | awk '{print \"eth0\", $4}'; grep -c \"$(hostname)\" /etc/hosts");
    assertThat(inside).exitsCleanly();
    assertThat(inside.out()).containsPattern("0\\s+100000\\s+65536").contains("writable")
        .containsPattern("eth0 10\\.88\\.\\d+\\.\\d+/16");
    assertThat(inside.lines()).contains("0", "0:0");
    assertThat(inside.lines()).doesNotContain("65534:65534");
    assertThat(inspect(name, "{{.HostConfig.UsernsMode}} {{json .HostConfig.IDMappings}}"))
        .isEqualTo("private {\"UidMap\":[\"0:100000:65536\"],\"GidMap\":[\"0:100000:65536\"]}");

    String joiner = uniqueName("userns-join");
    CliResult joined = jpod("run", "--rm", "--name", joiner, "--userns", "container:" + name, busybox.NAME,
        "sh", "-c", "cat /proc/self/uid_map; stat -c '%u' /bin/busybox");
    assertThat(joined).exitsCleanly();
    assertThat(joined.out()).containsPattern("0\\s+100000\\s+65536");
    assertThat(joined.lines()).contains("0");
  }

  @Test
  void numericUserMissingFromPasswdGetsAnEntry() {
    CliResult r = jpod("run", "--rm", "-u", "1234", busybox.NAME, "sh", "-c", "id; tail -1 /etc/passwd; tail -1 /etc/group");
    assertThat(r).exitsCleanly();
    assertThat(r.lines()).hasSize(3);
    assertThat(r.lines().get(0)).startsWith("uid=1234(1234) gid=0(root)");
    assertThat(r.lines().subList(1, 3)).containsExactly("1234:*:1234:0:container user:/:/bin/sh", "1234:x:1234:1234");

    CliResult custom = jpod("run", "--rm", "-u", "1234:55", "--passwd-entry", "u$UID:x:$UID:$GID:$NAME:$HOME:/bin/sh",
        busybox.NAME, "sh", "-c", "id -un; tail -1 /etc/passwd");
    assertThat(custom).exitsCleanly();
    assertThat(custom.lines()).containsExactly("u1234", "u1234:x:1234:55:container user:/:/bin/sh");

    CliResult none = jpod("run", "--rm", "-u", "1234", "--passwd=false", busybox.NAME, "tail", "-1", "/etc/passwd");
    assertThat(none).exitsCleanly();
    assertThat(none.out()).doesNotContain("1234");
  }

  @Test
  void ipcPidAndUtsNamespacesAreSharedWithAContainer() throws IOException {
    String owner = uniqueName("ns-owner");
    assertThat(jpod("run", "-d", "--name", owner, busybox.NAME, "sleep", "300")).exitsCleanly();
    String pid = inspect(owner, "{{.State.Pid}}").strip();
    String id = id(owner);
    for (String ns : new String[] {"ipc", "pid", "uts"}) {
      String expected = Files.readSymbolicLink(Path.of("/proc", pid, "ns", ns)).toString();
      String name = uniqueName("ns-" + ns);
      assertThat(jpod("create", "--name", name, "--" + ns, "container:" + owner, busybox.NAME,
          "readlink", "/proc/self/ns/" + ns)).exitsCleanly();
      assertThat(jpod("start", "-a", name)).exitsCleanly().stdoutIs(expected);
      String field = ns.equals("uts") ? "UTSMode" : ns.equals("ipc") ? "IpcMode" : "PidMode";
      assertThat(inspect(name, "{{.HostConfig." + field + "}}")).isEqualTo("container:" + id);
    }
  }

  @Test
  void cgroupParentAndNamespace() throws IOException {
    String name = uniqueName("cg");
    assertThat(jpod("run", "-d", "--name", name, "--cgroup-parent", "/jpod_identity_it", "--cgroupns", "private",
        busybox.NAME, "sleep", "300")).exitsCleanly();
    String pid = inspect(name, "{{.State.Pid}}").strip();
    assertThat(Files.readString(Path.of("/proc", pid, "cgroup"))).contains("/jpod_identity_it/libpod-" + id(name));
    assertThat(Files.readSymbolicLink(Path.of("/proc", pid, "ns", "cgroup")))
        .isNotEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/cgroup")));
    assertThat(inspect(name, "{{.HostConfig.CgroupParent}} {{.HostConfig.CgroupMode}} {{.HostConfig.Cgroups}}"))
        .isEqualTo("/jpod_identity_it private default");
  }

  @Test
  void privilegedGetsTheHostsDevices() {
    CliResult r = jpod("run", "--rm", "--privileged", busybox.NAME, "ls", "/dev");
    assertThat(r).exitsCleanly();
    assertThat(r.lines()).contains("null", "zero", "kmsg", "loop-control");
  }

  @Test
  void badInputFailsWithOneLineAndCreatesNothing() {
    String[][] cases = {
        {"--userns", "keep-id"}, {"--userns", "private"}, {"--userns", "bogus"}, {"--uidmap", "0:100000"},
        {"--uidmap", "0:1:1", "--userns", "host"}, {"--userns", "container:nope"}, {"--ipc", "container:nope"},
        {"--pid", "bogus"}, {"--cgroups", "bogus"}, {"--cgroupns", "bogus"},
        {"--ulimit", "nofile=30000000:30000000"}, {"--ulimit", "nofile=10:5"}, {"--ulimit", "bogus=1"},
    };
    for (String[] flags : cases) {
      String[] args = new String[flags.length + 4];
      args[0] = "create";
      System.arraycopy(flags, 0, args, 1, flags.length);
      args[flags.length + 1] = busybox.NAME;
      args[flags.length + 2] = "true";
      args[flags.length + 3] = "x";
      CliResult r = jpod(args);
      assertThat(r).exitedWith(125).singleErrorLine();
    }
    assertThat(jpod("run", "--rm", "--ulimit", "nofile=10:5", busybox.NAME, "true"))
        .stderrIs("Error: ulimit option \"nofile=10:5\" requires name=SOFT:HARD, failed to be parsed: "
            + "ulimit soft limit must be less than or equal to hard limit: 10 > 5");
    assertThat(jpod("ps", "-aq")).exitsCleanly().stdoutIs("");
  }
}
