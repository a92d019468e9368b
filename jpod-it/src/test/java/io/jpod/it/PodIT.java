package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pods as podman 4.3.1 runs them: an infra container holding the shared namespaces, members joining it. */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class PodIT extends JpodTestBase {
  private static final Duration LONG = Duration.ofSeconds(60);

  @AfterEach
  void removePods() {
    // before the base class's rm -af, which (as podman's) refuses infra containers
    CliResult r = jpod("pod", "rm", "-af", "-t", "0");
    if (r.exitCode() != 0) {
      System.err.println("jpod-it: pod rm -af after test failed: " + r);
    }
  }

  private String podField(String pod, String template) {
    CliResult r = jpod("pod", "inspect", "--format", template, pod);
    assertThat(r).exitsCleanly();
    return r.out();
  }

  @Test
  void shareNoneNeedsNoInfraAndNewPodsTakeTheContainersNetwork() {
    String bare = uniqueName("bare");
    assertThat(jpod("pod", "create", "--name", bare, "--share", "none")).exitsCleanly();
    assertThat(jpod("pod", "inspect", "--format", "{{.NumContainers}} {{.CreateInfra}} {{.SharedNamespaces}}", bare))
        .exitsCleanly().stdoutIs("0 false []");
    assertThat(jpod("run", "--rm", "--pod", bare, "busybox", "true")).exitsCleanly();
    assertThat(jpod("pod", "create", "--name", uniqueName("ports"), "-p", "8080:80", "--network", "none"))
        .exitedWith(125).stderrContains("PortMappings can only be used with Bridge or slirp4netns networking");

    // create --pod new:NAME --network none: the new pod's infra gets the network settings
    String pod = uniqueName("newpod");
    String ctr = uniqueName("inpod");
    assertThat(jpod("create", "--pod", "new:" + pod, "--network", "none", "--name", ctr, "busybox", "true")).exitsCleanly();
    assertThat(jpod("pod", "inspect", "--format", "{{.NumContainers}}", pod)).exitsCleanly().stdoutIs("2");
    assertThat(jpod("inspect", "--format", "{{.HostConfig.NetworkMode}}", ctr)).exitsCleanly().stdoutContains("container:");
    assertThat(jpod("pod", "rm", "-f", pod)).exitsCleanly();
  }

  @Test
  void portsPublishedByThePodReachItsMembersFromTheHost() {
    String pod = uniqueName("pub");
    int port = HostHttp.freePort();
    assertThat(jpod("pod", "create", "--name", pod, "-p", port + ":80")).exitsCleanly();
    assertThat(jpod("run", "-d", "--pod", pod, "busybox", "httpd", "-f", "-p", "80", "-h", "/etc")).exitsCleanly();
    // the member serves its /etc/hostname, which holds the pod's name, on the infra container's port
    assertThat(HostHttp.get(port, "/hostname").strip()).isEqualTo(pod);
    assertThat(jpod("port", podField(pod, "{{.InfraContainerID}}"))).exitsCleanly()
        .stdoutIs("80/tcp -> 0.0.0.0:" + port);
    assertThat(jpod("pod", "rm", "-f", "-t", "0", pod)).exitsCleanly();
  }

  @Test
  void twoContainersTalkOverLocalhostAndShareTheHostname() throws IOException {
    String pod = uniqueName("pod");
    CliResult created = jpod("pod", "create", "--name", pod, "--label", "team=a");
    assertThat(created).exitsCleanly();
    String podId = created.out();
    assertThat(podId).matches("[0-9a-f]{64}");
    String infraId = podField(pod, "{{.InfraContainerID}}");
    assertThat(infraId).matches("[0-9a-f]{64}");
    assertThat(podField(pod, "{{.State}} {{.NumContainers}} {{.SharedNamespaces}} {{.CgroupPath}}"))
        .isEqualTo("Created 1 [ipc net uts] /libpod_parent/" + podId);

    String srv = uniqueName("srv");
    assertThat(jpod("run", "-d", "--pod", pod, "--name", srv, "busybox", "sh", "-c",
        "echo hello-from-$(hostname) | nc -l -p 8080")).exitsCleanly();
    CliResult client = null;
    for (int i = 0; i < 50; i++) { // the server may not listen yet
      client = jpod("run", "--rm", "--pod", pod, "busybox", "sh", "-c", "hostname; nc 127.0.0.1 8080 </dev/null");
      if (client.exitCode() == 0 && client.out().contains("hello")) {
        break;
      }
    }
    assertThat(client).exitsCleanly();
    assertThat(client.lines()).containsExactly(pod, "hello-from-" + pod);

    // the infra container runs catatonit's pause mode, named as podman names it
    String infraName = podId.substring(0, 12) + "-infra";
    assertThat(psField(infraName, "{{.State}} {{.Pod}} {{.PodName}}"))
        .isEqualTo("running " + podId + " " + pod);
    assertThat(jpod("pod", "top", pod).out()).contains("/catatonit -P");

    // members live under the pod's cgroup
    String sleeper = uniqueName("sleeper");
    assertThat(jpod("run", "-d", "--pod", pod, "--name", sleeper, "busybox", "sleep", "1000")).exitsCleanly();
    String pid = psField(sleeper, "{{.Pid}}");
    assertThat(Files.readString(Path.of("/proc/" + pid + "/cgroup")))
        .contains(":/libpod_parent/" + podId + "/libpod-" + id(sleeper));
    assertThat(inspect(sleeper, "{{.Pod}}")).isEqualTo(podId);

    CliResult ps = jpod("pod", "ps", "--filter", "name=" + pod, "--format", "{{.Name}} {{.NumberOfContainers}} {{.InfraID}}");
    assertThat(ps).exitsCleanly();
    assertThat(ps.out()).isEqualTo(pod + " 3 " + infraId.substring(0, 12));
    assertThat(jpod("ps", "-a", "--filter", "pod=" + pod, "-q")).exitsCleanly();
    assertThat(jpod("ps", "-a", "--filter", "pod=" + pod, "-q").lines()).hasSize(3);

    // the infra container only goes with its pod; a pod with running containers only with -f
    assertThat(jpod("rm", "-f", infraId)).exitedWith(125).singleErrorLine()
        .stderrContains("is the infra container of pod " + podId + " and cannot be removed without removing the pod");
    // podman's multi-error: a line per running container
    assertThat(jpod("pod", "rm", pod)).exitedWith(125)
        .stderrContains("errors occurred:\n\t* removing container ", "running or paused containers cannot be removed without force");
    assertThat(jpod("pod", "ps", "-q").lines()).hasSize(1);
    assertThat(jpod("ps", "-aq").lines()).hasSize(3);

    assertThat(jpod("pod", "rm", "-f", "-t", "0", pod)).exitsCleanly().stdoutIs(podId);
    assertThat(jpod("pod", "exists", pod)).exitedWith(1);
    assertThat(jpod("ps", "-aq").out()).isEmpty();
    for (String c : java.util.List.of("memory", "pids", "cpu,cpuacct", "freezer")) {
      Path dir = Path.of("/sys/fs/cgroup", c, "libpod_parent", podId);
      if (Files.isDirectory(Path.of("/sys/fs/cgroup", c))) {
        assertThat(dir).as("pod cgroup in %s", c).doesNotExist();
      }
    }
  }

  @Test
  void lifecycleAndStatus() {
    String pod = uniqueName("life");
    assertThat(jpod("pod", "create", "--name", pod)).exitsCleanly();
    String podId = podField(pod, "{{.Id}}");
    assertThat(jpod("create", "--pod", pod, "busybox", "sleep", "1000")).exitsCleanly();
    assertThat(jpod("pod", "start", pod)).exitsCleanly().stdoutIs(podId);
    assertThat(podField(pod, "{{.State}}")).isEqualTo("Running");
    assertThat(jpod("pod", "pause", pod)).exitsCleanly().stdoutIs(podId);
    assertThat(podField(pod, "{{.State}}")).isEqualTo("Paused");
    assertThat(jpod("pod", "unpause", pod)).exitsCleanly().stdoutIs(podId);
    assertThat(podField(pod, "{{.State}}")).isEqualTo("Running");
    assertThat(jpod("pod", "stop", "-t", "0", pod)).exitsCleanly().stdoutIs(podId);
    assertThat(podField(pod, "{{.State}}")).isEqualTo("Exited");
    assertThat(jpod("pod", "restart", pod)).exitsCleanly().stdoutIs(podId);
    assertThat(podField(pod, "{{.State}}")).isEqualTo("Running");
    assertThat(jpod("pod", "kill", pod)).exitsCleanly().stdoutIs(podId);
    assertThat(waitFor(LONG, () -> podField(pod, "{{.State}}").equals("Exited"))).isTrue();

    CliResult ps = jpod("pod", "ps", "--no-trunc", "--ctr-names", "--ctr-status", "--filter", "id=" + podId);
    assertThat(ps).exitsCleanly();
    assertThat(ps.lines().getFirst()).matches("POD ID +NAME +STATUS +CREATED +INFRA ID +NAMES +STATUS");
    assertThat(ps.lines().get(1)).startsWith(podId).contains(pod, "Exited", "exited,exited");

    CliResult ev = jpod("events", "--stream=false", "--filter", "type=pod", "--format", "{{.Status}} {{.Name}}");
    assertThat(ev).exitsCleanly();
    assertThat(ev.lines()).contains("create " + pod, "start " + pod, "pause " + pod, "stop " + pod, "kill " + pod);

    assertThat(jpod("pod", "prune", "-f")).exitsCleanly().stdoutIs(podId);
    assertThat(jpod("ps", "-aq").out()).isEmpty();
  }

  @Test
  void newPodFromCreateAndNameCollisionsLeaveNothing() throws IOException {
    String pod = uniqueName("newpod");
    String ctr = uniqueName("member");
    assertThat(jpod("create", "--pod", "new:" + pod, "--name", ctr, "busybox", "sleep", "1000")).exitsCleanly();
    assertThat(jpod("pod", "exists", pod)).exitedWith(0);
    assertThat(podField(pod, "{{.NumContainers}}")).isEqualTo("2");

    // the name is taken by a pod, then by a container: one line, nothing made
    assertThat(jpod("pod", "create", "--name", pod)).exitedWith(125).singleErrorLine()
        .stderrContains("name \"" + pod + "\" is in use: pod already exists");
    assertThat(jpod("pod", "create", "--name", ctr)).exitedWith(125).singleErrorLine()
        .stderrContains("name \"" + ctr + "\" is in use: container already exists");
    assertThat(jpod("create", "--pod", "new:" + ctr, "busybox", "true")).exitedWith(125).singleErrorLine();
    assertThat(jpod("create", "--pod", "nosuchpod", "busybox", "true")).exitedWith(125).singleErrorLine()
        .stderrContains("no pod with name or ID nosuchpod found");
    assertThat(jpod("pod", "ps", "-q").lines()).hasSize(1);
    assertThat(jpod("ps", "-aq").lines()).hasSize(2);

    // a pod without infra shares nothing; its member keeps its own hostname
    String bare = uniqueName("bare");
    assertThat(jpod("pod", "create", "--infra=false", "--name", bare)).exitsCleanly();
    assertThat(podField(bare, "{{.CreateInfra}} {{.NumContainers}}")).isEqualTo("false 0");
    CliResult h = jpod("run", "--rm", "--pod", bare, "busybox", "sh", "-c", "hostname");
    assertThat(h).exitsCleanly();
    assertThat(h.out()).hasSize(12).isNotEqualTo(bare);

    // --share +pid: members see the infra's catatonit as PID 1; --hostname names the pod's UTS
    String pidPod = uniqueName("pidpod");
    assertThat(jpod("pod", "create", "--name", pidPod, "--share", "+pid", "--hostname", "podhost")).exitsCleanly();
    CliResult p = jpod("run", "--rm", "--pod", pidPod, "busybox", "sh", "-c", "hostname; ps -o pid,args");
    assertThat(p).exitsCleanly();
    assertThat(p.lines().getFirst()).isEqualTo("podhost");
    assertThat(p.out()).containsPattern("\\s1 /catatonit -P");

    // --init outside pods still puts catatonit at PID 1
    CliResult init = jpod("run", "--rm", "--init", "busybox", "sh", "-c", "ps -o pid,args");
    assertThat(init).exitsCleanly();
    assertThat(init.out()).containsPattern("\\s1 /run/podman-init -- sh -c");
  }

  @Test
  void inspectDocument() throws IOException {
    String pod = uniqueName("insp");
    assertThat(jpod("pod", "create", "--name", pod, "-l", "k=v", "--infra-name", pod + "-pause")).exitsCleanly();
    CliResult r = jpod("pod", "inspect", pod);
    assertThat(r).exitsCleanly();
    JsonNode doc = new ObjectMapper().readTree(r.stdout());
    assertThat(doc.isObject()).isTrue();
    assertThat(doc.path("Name").asText()).isEqualTo(pod);
    assertThat(doc.path("Labels").path("k").asText()).isEqualTo("v");
    assertThat(doc.path("CreateInfra").asBoolean()).isTrue();
    assertThat(doc.path("Containers").get(0).path("Name").asText()).isEqualTo(pod + "-pause");
    assertThat(doc.path("Containers").get(0).path("State").asText()).isEqualTo("created");
    assertThat(jpod("pod", "inspect", "nosuchpod")).exitedWith(125);
  }
}
