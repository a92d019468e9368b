package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code jpod commit} and {@code jpod diff}: images from containers' changes, and the changes themselves. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CommitIT extends JpodTestBase {
  private final ObjectMapper json = new ObjectMapper();

  /** A stopped container that added /added, changed /etc/passwd and deleted /bin/ls. */
  private String changedContainer() {
    String name = uniqueName("commit");
    assertThat(jpod("run", "--name", name, "busybox", "sh", "-c",
        "echo added > /added; echo 'x:x:1:1::/:/bin/sh' >> /etc/passwd; rm /bin/ls")).exitsCleanly();
    return name;
  }

  @Test
  void commitMakesARunnableImageWithTheChanges() {
    String c = changedContainer();
    String image = "committed-" + c;
    CliResult r = jpod("commit", c, image);
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).matches("[0-9a-f]{64}");
    assertThat(r.errLines()).startsWith("Getting image source signatures")
        .contains("Copying config sha256:" + r.out(), "Writing manifest to image destination")
        .endsWith("Storing signatures");
    assertThat(r.errLines().stream().filter(l -> l.startsWith("Copying blob sha256:"))).hasSize(2);
    assertThat(jpod("images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}").lines())
        .contains("localhost/" + image + ":latest " + r.out().substring(0, 12));

    assertThat(jpod("run", "--rm", image, "cat", "/added")).exitsCleanly().stdoutIs("added");
    assertThat(jpod("run", "--rm", image, "sh", "-c", "test -e /bin/ls && echo present || echo gone; tail -1 /etc/passwd"))
        .exitsCleanly().stdoutIs("gone\nx:x:1:1::/:/bin/sh");
    // the image's own diff: the committed layer against the image below
    List<String> diff = jpod("image", "diff", image).lines();
    assertThat(diff).contains("A /added", "C /etc/passwd", "D /bin/ls");
  }

  @Test
  void quietCommitWithoutANameIsDangling() throws Exception {
    String c = changedContainer();
    Path iid = jpod.dir().resolve(c + ".iid");
    CliResult r = jpod("commit", "-q", "--iidfile", iid.toString(), c);
    assertThat(r).exitsCleanly();
    assertThat(r.out()).matches("[0-9a-f]{64}");
    assertThat(Files.readString(iid)).isEqualTo(r.out());
    assertThat(jpod("images", "--format", "{{.Repository}} {{.ID}}").lines()).contains("<none> " + r.out().substring(0, 12));
    assertThat(jpod("run", "--rm", r.out(), "cat", "/added")).exitsCleanly().stdoutIs("added");
  }

  @Test
  void theContainersSettingsAndChangesGoIntoTheConfig() throws Exception {
    String c = uniqueName("commit-cfg");
    assertThat(jpod("create", "--name", c, "-e", "FOO=bar", "-w", "/tmp", "-u", "1000", "-l", "lab=one",
        "--entrypoint", "/bin/sh", "busybox", "-c", "echo hi")).exitsCleanly();
    String image = "cfg-" + c;
    assertThat(jpod("commit", "-q", "-a", "Jane <jane@example.com>", "-c", "CMD [\"-c\", \"echo changed\"]",
        "-c", "ENV A=1", "-c", "LABEL k=v", c, image)).exitsCleanly();
    JsonNode cfg = json.readTree(jpod("image", "inspect", "--format", "{{json .Config}}", image).out());
    assertThat(cfg.get("Entrypoint").get(0).asText()).isEqualTo("/bin/sh");
    assertThat(cfg.get("Cmd").toString()).isEqualTo("[\"-c\",\"echo changed\"]");
    assertThat(cfg.get("Env").toString()).contains("FOO=bar", "A=1");
    assertThat(cfg.get("WorkingDir").asText()).isEqualTo("/tmp");
    assertThat(cfg.get("User").asText()).isEqualTo("1000");
    assertThat(cfg.get("Labels").get("lab").asText()).isEqualTo("one");
    assertThat(cfg.get("Labels").get("k").asText()).isEqualTo("v");
    JsonNode history = json.readTree(jpod("image", "inspect", "--format", "{{json .History}}", image).out());
    JsonNode last = history.get(history.size() - 1);
    assertThat(last.get("created_by").asText()).isEqualTo("/bin/sh");
    assertThat(last.get("author").asText()).isEqualTo("Jane <jane@example.com>");
    assertThat(last.get("comment").asText()).isEqualTo("FROM localhost/busybox:latest");
    assertThat(jpod("image", "inspect", "--format", "{{.Author}}", image)).exitsCleanly().stdoutIs("Jane <jane@example.com>");
    assertThat(jpod("run", "--rm", "-u", "0", image)).exitsCleanly().stdoutIs("changed");
  }

  @Test
  void dockerFormatCarriesTheMessage() {
    String c = changedContainer();
    assertThat(jpod("commit", "-q", "-m", "msg", c, "oci-msg-" + c)).exitedWith(125)
        .stderrIs("Error: messages are only compatible with the docker image format (-f docker)");
    String image = "docker-" + c;
    assertThat(jpod("commit", "-q", "-f", "docker", "-m", "my message", c, image)).exitsCleanly();
    assertThat(jpod("image", "inspect", "--format", "{{.ManifestType}}", image)).exitsCleanly()
        .stdoutIs("application/vnd.docker.distribution.manifest.v2+json");
    assertThat(jpod("run", "--rm", image, "cat", "/added")).exitsCleanly().stdoutIs("added");
  }

  @Test
  void aRunningContainerIsPausedForTheCommitAndKeepsRunning() {
    String c = uniqueName("commit-run");
    assertThat(jpod("run", "-d", "--name", c, "busybox", "sleep", "600")).exitsCleanly();
    assertThat(jpod("exec", c, "sh", "-c", "echo live > /live")).exitsCleanly();
    String image = "live-" + c;
    assertThat(jpod("commit", "-q", "--pause", c, image)).exitsCleanly();
    assertThat(state(c)).isEqualTo("running");
    assertThat(jpod("exec", c, "true")).exitsCleanly();
    assertThat(jpod("run", "--rm", image, "cat", "/live")).exitsCleanly().stdoutIs("live");
  }

  @Test
  void commitErrorsAsPodman() {
    String c = changedContainer();
    assertThat(jpod("commit")).exitedWith(125).stderrIs("Error: accepts between 1 and 2 arg(s), received 0");
    assertThat(jpod("commit", "no-such-ctr", "x")).exitedWith(125)
        .stderrIs("Error: no container with name or ID \"no-such-ctr\" found: no such container");
    assertThat(jpod("commit", c, "Bad Name")).exitedWith(125).stderrIs("Error: invalid reference format");
    assertThat(jpod("commit", "-q", "-c", "BOGUS x", c)).exitedWith(125)
        .stderrIs("Error: invalid change \"BOGUS x\" - invalid instruction BOGUS");
    assertThat(jpod("commit", "-q", "--format", "xx", c)).exitedWith(125).stderrIs("Error: unrecognized image format \"xx\"");
  }

  // ---- diff --------------------------------------------------------------------------------------

  @Test
  void diffListsWhatTheContainerChanged() throws Exception {
    String c = changedContainer();
    CliResult r = jpod("diff", c);
    assertThat(r).exitsCleanly();
    assertThat(r.lines()).contains("A /added", "C /bin", "D /bin/ls", "C /etc", "C /etc/passwd");
    // the runtime's mount points are never listed
    assertThat(r.lines()).noneMatch(l -> l.endsWith("/etc/hosts") || l.endsWith("/etc/resolv.conf")
        || l.endsWith("/etc/hostname") || l.endsWith("/run/.containerenv") || l.equals("C /run"));
    assertThat(r.lines()).isSortedAccordingTo((a, b) -> a.substring(2).compareTo(b.substring(2)));
    assertThat(jpod("container", "diff", c).lines()).isEqualTo(r.lines());

    JsonNode j = json.readTree(jpod("diff", "--format", "json", c).out());
    assertThat(j.get("added").toString()).contains("\"/added\"");
    assertThat(j.get("changed").toString()).contains("\"/etc/passwd\"");
    assertThat(j.get("deleted").toString()).isEqualTo("[\"/bin/ls\"]");

    String fresh = uniqueName("diff-fresh");
    assertThat(jpod("create", "--name", fresh, "busybox", "true")).exitsCleanly();
    assertThat(jpod("diff", fresh)).exitsCleanly().stdoutIs("");
    assertThat(jpod("diff", "--format", "json", fresh)).exitsCleanly().stdoutIs("{}");
  }

  @Test
  void diffOfAnImageAndErrors() {
    List<String> base = jpod("image", "diff", "busybox").lines();
    assertThat(base).contains("A /bin", "A /bin/busybox", "A /etc/passwd");
    assertThat(base).noneMatch(l -> l.startsWith("C ") || l.startsWith("D "));
    assertThat(jpod("diff", "busybox").lines()).isEqualTo(base);

    assertThat(jpod("diff", "nothing-here")).exitedWith(125).stderrIs("Error: nothing-here not found: layer not known");
    assertThat(jpod("container", "diff", "busybox")).exitedWith(125)
        .stderrIs("Error: busybox not found: container not known");
    assertThat(jpod("diff", "--format", "table", "busybox")).exitedWith(125)
        .stderrIs("Error: only supported value for '--format' is 'json'");
  }
}
