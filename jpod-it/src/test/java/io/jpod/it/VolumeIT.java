package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Volumes and mounts as podman 4.3 has them: named and anonymous volumes (from {@code -v /path} and the
 * image's VOLUME, with copy-up), binds, tmpfs, {@code --volumes-from}, {@code U}, the local driver's
 * filesystem mounts, the {@code volume} commands and their errors.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class VolumeIT extends JpodTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void imageVolumeModes() {
    String image = uniqueName("volimg");
    assertThat(jpod("import", "-q", "-c", "VOLUME /data", busybox.tar().toString(), image)).exitsCleanly();
    String mountType = "grep ' /data ' /proc/mounts | cut -d' ' -f3";
    assertThat(jpod("run", "--rm", "--image-volume", "tmpfs", image, "sh", "-c", mountType)).exitsCleanly().stdoutIs("tmpfs");
    assertThat(jpod("run", "--rm", "--image-volume", "ignore", image, "sh", "-c", "grep -c ' /data ' /proc/mounts"))
        .exitedWith(1).stdoutIs("0");
    String withVolume = uniqueName("withvol");
    assertThat(jpod("create", "--name", withVolume, image, "true")).exitsCleanly();
    assertThat(jpod("inspect", "--format", "{{range .Mounts}}{{.Type}} {{.Destination}}{{end}}", withVolume))
        .exitsCleanly().stdoutIs("volume /data");
    assertThat(jpod("run", "--rm", "--image-volume", "bogus", image, "true")).exitedWith(125)
        .stderrContains("invalid image volume mode \"bogus\"");
    assertThat(jpod("run", "--rm", "--init", "--init-path", "/usr/bin/catatonit", image, "ps", "-o", "comm"))
        .exitsCleanly().stdoutContains("podman-init");
  }

  @Test
  void namedVolumeCommandsAndDataOutlivingItsContainer() throws IOException {
    String vol = uniqueName("vol");
    assertThat(jpod("volume", "create", "--label", "purpose=test", vol)).exitsCleanly().stdoutIs(vol);
    assertThat(jpod("volume", "create", vol)).exitedWith(125).singleErrorLine()
        .stderrContains("volume with name " + vol + " already exists: volume already exists");
    assertThat(jpod("volume", "exists", vol)).exitsCleanly();
    // the generic inspect finds volumes (and networks and pods) too, and --type keeps to one kind
    assertThat(jpod("inspect", "--format", "{{.Name}} {{.Driver}}", vol)).exitsCleanly().stdoutIs(vol + " local");
    assertThat(jpod("inspect", "--type", "network", "--format", "{{.Name}}", "podman")).exitsCleanly().stdoutIs("podman");
    assertThat(jpod("inspect", "--type", "container", vol)).exitedWith(125).stderrContains("no such container " + vol);
    assertThat(jpod("volume", "exists", "no-such-volume")).exitedWith(1);
    assertThat(jpod("volume", "ls")).exitsCleanly().stdoutContains("DRIVER      VOLUME NAME", "local       " + vol);
    assertThat(jpod("volume", "ls", "-q", "--filter", "label=purpose=test")).exitsCleanly().stdoutIs(vol);

    JsonNode doc = JSON.readTree(jpod("volume", "inspect", vol).out()).get(0);
    assertThat(doc.get("Name").asText()).isEqualTo(vol);
    assertThat(doc.get("Driver").asText()).isEqualTo("local");
    assertThat(doc.get("Mountpoint").asText()).isEqualTo(jpod.root().resolve("volumes").resolve(vol).resolve("_data").toString());
    assertThat(doc.get("Labels").get("purpose").asText()).isEqualTo("test");
    assertThat(doc.get("Scope").asText()).isEqualTo("local");
    assertThat(doc.get("MountCount").asInt()).isZero();
    assertThat(doc.get("NeedsCopyUp").asBoolean()).isTrue();

    String writer = uniqueName("writer");
    assertThat(jpod("run", "--name", writer, "-v", vol + ":/store", "busybox", "sh", "-c", "echo kept > /store/f"))
        .exitsCleanly();
    assertThat(jpod("rm", writer)).exitsCleanly();
    assertThat(jpod("run", "--rm", "-v", vol + ":/other", "busybox", "cat", "/other/f")).exitsCleanly().stdoutIs("kept");

    String user = uniqueName("user");
    assertThat(jpod("create", "--name", user, "-v", vol + ":/store", "busybox", "true")).exitsCleanly();
    String userId = jpod("inspect", "--format", "{{.Id}}", user).out();
    assertThat(jpod("volume", "rm", vol)).exitedWith(2).singleErrorLine().stderrIs("Error: volume " + vol
        + " is being used by the following container(s): " + userId + ": volume is being used");
    assertThat(jpod("volume", "exists", vol)).exitsCleanly();
    assertThat(jpod("volume", "rm", "-f", vol)).exitsCleanly().stdoutIs(vol);
    assertThat(jpod("container", "exists", user)).exitedWith(1);
    assertThat(jpod("volume", "exists", vol)).exitedWith(1);

    assertThat(jpod("volume", "inspect", "no-such-volume")).exitedWith(125).stdoutIs("[]")
        .stderrIs("Error: inspecting object: no such volume no-such-volume");
    assertThat(jpod("volume", "rm", "no-such-volume")).exitedWith(1)
        .stderrIs("Error: no volume with name \"no-such-volume\" found: no such volume");

    String unused = uniqueName("unused");
    assertThat(jpod("volume", "create", unused)).exitsCleanly();
    assertThat(jpod("volume", "prune", "-f")).exitsCleanly().stdoutContains(unused);
    assertThat(jpod("volume", "exists", unused)).exitedWith(1);
  }

  @Test
  void anonymousVolumesCopyUpAndRemovalWithTheirContainer() throws IOException, InterruptedException {
    String image = volumeImage();
    String name = uniqueName("anon");
    String named = uniqueName("named");
    assertThat(jpod("run", "-d", "--name", name, "-v", "/scratch", "-v", named + ":/named", image, "sleep", "60"))
        .exitsCleanly();
    JsonNode mounts = JSON.readTree(jpod("inspect", "--format", "{{json .Mounts}}", name).out());
    List<String> anonymous = new ArrayList<>();
    for (JsonNode m : mounts) {
      assertThat(m.get("Type").asText()).isEqualTo("volume");
      if (!m.get("Name").asText().equals(named)) {
        assertThat(m.get("Name").asText()).matches("[0-9a-f]{64}");
        anonymous.add(m.get("Name").asText());
      }
    }
    assertThat(mounts).hasSize(3);
    assertThat(anonymous).hasSize(2);
    // copy-up: the image's /data content (and its owner and mode) is in the new volume
    assertThat(jpod("exec", name, "cat", "/data/hello")).exitsCleanly().stdoutIs("from the image");
    assertThat(jpod("exec", name, "stat", "-c", "%u:%g %a", "/data", "/data/hello")).exitsCleanly()
        .stdoutIs("65534:65534 750\n65534:65534 640");
    JsonNode vol = JSON.readTree(jpod("volume", "inspect", anonymous.getFirst()).out()).get(0);
    assertThat(vol.get("Anonymous").asBoolean()).isTrue();
    assertThat(vol.get("MountCount").asInt()).isEqualTo(1);

    assertThat(jpod("rm", "-f", "-t", "0", "-v", name)).exitsCleanly();
    for (String a : anonymous) {
      assertThat(jpod("volume", "exists", a)).as("anonymous volume %s removed by rm -v", a).exitedWith(1);
    }
    assertThat(jpod("volume", "exists", named)).as("named volume kept by rm -v").exitsCleanly();

    // without -v, anonymous volumes stay; with --rm they go
    String keep = uniqueName("keep");
    assertThat(jpod("run", "--name", keep, "-v", "/scratch", "busybox", "true")).exitsCleanly();
    String kept = JSON.readTree(jpod("inspect", "--format", "{{json .Mounts}}", keep).out()).get(0).get("Name").asText();
    assertThat(jpod("rm", keep)).exitsCleanly();
    assertThat(jpod("volume", "exists", kept)).exitsCleanly();
    int before = jpod("volume", "ls", "-q").lines().size();
    assertThat(jpod("run", "--rm", "-v", "/scratch", "busybox", "true")).exitsCleanly();
    assertThat(jpod("volume", "ls", "-q").lines()).hasSize(before);
    assertThat(jpod("run", "--rm", "-v", "/scratch", "busybox", "no-such-command")).exitedWith(127);
    assertThat(jpod("volume", "ls", "-q").lines()).as("a failed --rm run takes its volumes along").hasSize(before);
    assertThat(jpod("volume", "rm", kept, named)).exitsCleanly();
  }

  @Test
  void bindTmpfsAndMountForms() throws IOException {
    Path dir = Files.createDirectories(jpod.dir().resolve("bind-src"));
    Files.writeString(dir.resolve("in"), "host data");
    Path file = Files.writeString(jpod.dir().resolve("bind-file"), "single file");
    String name = uniqueName("binds");
    assertThat(jpod("run", "-d", "--name", name, "-v", dir + ":/ro:ro,z", "-v", file + ":/etc/single",
        "--mount", "type=bind,source=" + dir + ",target=/rw,bind-propagation=rshared",
        "--tmpfs", "/scratch:size=1m", "--mount", "type=tmpfs,destination=/t2,tmpfs-size=2m",
        "busybox", "sleep", "60")).exitsCleanly();
    assertThat(jpod("exec", name, "cat", "/ro/in", "/etc/single")).exitsCleanly().stdoutIs("host datasingle file");
    assertThat(jpod("exec", name, "touch", "/ro/new")).exitedWith(1).stderrContains("Read-only file system");
    assertThat(jpod("exec", name, "sh", "-c", "echo back > /rw/out")).exitsCleanly();
    assertThat(Files.readString(dir.resolve("out"))).isEqualTo("back\n");
    String procMounts = jpod("exec", name, "cat", "/proc/mounts").out();
    assertThat(procMounts).contains("tmpfs /scratch tmpfs rw,nosuid,nodev,relatime,size=1024k")
        .contains("tmpfs /t2 tmpfs rw,nosuid,nodev,relatime,size=2048k");

    String id = jpod("inspect", "--format", "{{.Id}}", name).out();
    JsonNode spec = JSON.readTree(jpod.root().resolve("overlay-containers").resolve(id).resolve("userdata")
        .resolve("config.json").toFile());
    assertThat(specMount(spec, "/ro").get("options").toString()).isEqualTo("[\"ro\",\"rprivate\",\"rbind\"]");
    assertThat(specMount(spec, "/rw").get("options").toString()).isEqualTo("[\"rshared\",\"rw\",\"rbind\"]");
    assertThat(specMount(spec, "/t2").get("options").toString())
        .isEqualTo("[\"size=2m\",\"rw\",\"rprivate\",\"nosuid\",\"nodev\",\"tmpcopyup\"]");

    JsonNode inspect = JSON.readTree(jpod("inspect", name).out()).get(0);
    assertThat(inspect.get("HostConfig").get("Binds").toString()).contains(dir + ":/ro:ro,rprivate,rbind");
    assertThat(inspect.get("HostConfig").get("Tmpfs").get("/scratch").asText())
        .isEqualTo("size=1m,rw,rprivate,nosuid,nodev,tmpcopyup");
    JsonNode ro = null;
    for (JsonNode m : inspect.get("Mounts")) {
      if (m.get("Destination").asText().equals("/ro")) {
        ro = m;
      }
    }
    assertThat(ro).isNotNull();
    assertThat(ro.get("Type").asText()).isEqualTo("bind");
    assertThat(ro.get("RW").asBoolean()).isFalse();
    assertThat(ro.get("Mode").asText()).isEqualTo("z");
    assertThat(ro.get("Propagation").asText()).isEqualTo("rprivate");

    // U: the source becomes the container user's
    Path owned = Files.createDirectories(jpod.dir().resolve("owned/sub"));
    assertThat(jpod("run", "--rm", "--user", "1234:5678", "-v", owned.getParent() + ":/owned:U", "busybox",
        "touch", "/owned/sub/made")).exitsCleanly();
    assertThat(Files.getAttribute(owned, "unix:uid")).isEqualTo(1234);
    assertThat(Files.getAttribute(owned.resolve("made"), "unix:gid")).isEqualTo(5678);
  }

  @Test
  void volumesFromAndTheLocalDriversTmpfs() {
    String vol = uniqueName("tmpvol");
    assertThat(jpod("volume", "create", "-o", "type=tmpfs", "-o", "device=tmpfs", "-o", "o=size=3m,nodev", vol))
        .exitsCleanly();
    Path data = jpod.root().resolve("volumes").resolve(vol).resolve("_data");
    String src = uniqueName("from");
    assertThat(jpod("run", "-d", "--name", src, "-v", vol + ":/shared", "busybox", "sleep", "60")).exitsCleanly();
    assertThat(isMounted(data)).as("mounted while a container runs").isTrue();
    assertThat(jpod("exec", src, "sh", "-c", "grep ' /shared ' /proc/mounts; echo v > /shared/f")).exitsCleanly()
        .stdoutContains("tmpfs /shared tmpfs rw,nosuid,nodev,relatime,size=3072k");
    assertThat(jpod("run", "--rm", "--volumes-from", src + ":ro", "busybox", "sh", "-c", "cat /shared/f; touch /shared/g"))
        .exitedWith(1).stdoutIs("v").stderrContains("Read-only file system");
    assertThat(jpod("volume", "inspect", "--format", "{{.MountCount}}", vol)).exitsCleanly().stdoutIs("1");
    assertThat(jpod("rm", "-f", "-t", "0", src)).exitsCleanly();
    assertThat(isMounted(data)).as("unmounted after the last container").isFalse();
    assertThat(jpod("volume", "inspect", "--format", "{{.MountCount}}", vol)).exitsCleanly().stdoutIs("0");
    assertThat(jpod("volume", "rm", vol)).exitsCleanly();
  }

  @Test
  void exportImportRoundTrip() throws IOException {
    String a = uniqueName("exp");
    String b = uniqueName("imp");
    assertThat(jpod("volume", "create", a)).exitsCleanly();
    assertThat(jpod("volume", "create", b)).exitsCleanly();
    assertThat(jpod("run", "--rm", "-v", a + ":/v", "busybox", "sh", "-c",
        "mkdir /v/dir && echo payload > /v/dir/f && ln -s dir/f /v/link && chown 7:8 /v/dir/f")).exitsCleanly();
    Path tar = jpod.dir().resolve("vol.tar");
    assertThat(jpod("volume", "export", "-o", tar.toString(), a)).exitsCleanly();
    assertThat(Files.size(tar)).isPositive();
    assertThat(jpod("volume", "import", b, tar.toString())).exitsCleanly();
    assertThat(jpod("run", "--rm", "-v", b + ":/v", "busybox", "sh", "-c", "cat /v/link; stat -c %u:%g /v/dir/f"))
        .exitsCleanly().stdoutIs("payload\n7:8");
    assertThat(jpod("volume", "import", "no-such-volume", tar.toString())).exitedWith(125).singleErrorLine();
    assertThat(jpod("volume", "rm", a, b)).exitsCleanly();
  }

  @Test
  void badInputFailsWithOneLineAndCreatesNothing() {
    int volumes = jpod("volume", "ls", "-q").lines().size();
    String[][] cases = {
        {"-v", "/no/such/dir:/x", "statfs /no/such/dir: no such file or directory"},
        {"-v", "/tmp:/x", "-v", "/etc:/x", "/x: duplicate mount destination"},
        {"-v", "/tmp:/x", "--tmpfs", "/x", "/x: duplicate mount destination"},
        {"-v", "/tmp:/x:ro,rw", "can only specify 1 'rw' or 'ro' option"},
        {"-v", "/tmp:/x:bogus", "invalid option type \"bogus\""},
        {"-v", "/tmp:relative", "invalid container path \"relative\", must be an absolute path"},
        {"--mount", "type=nfs,dst=/x", "invalid filesystem type \"nfs\""},
        {"--mount", "type=bind,src=/tmp", "must set volume destination"},
        {"--volumes-from", "no-such-container", "no such container"},
    };
    for (String[] c : cases) {
      List<String> args = new ArrayList<>(List.of("run", "--rm", "-v", "/anon-" + volumes));
      args.addAll(List.of(c).subList(0, c.length - 1));
      args.addAll(List.of("busybox", "true"));
      assertThat(jpod(args.toArray(String[]::new))).as(String.join(" ", args)).exitedWith(125).singleErrorLine()
          .stderrContains(c[c.length - 1]);
    }
    assertThat(jpod("volume", "ls", "-q").lines()).as("no volume left behind").hasSize(volumes);
    assertThat(jpod("ps", "-aq").lines()).as("no container left behind").isEmpty();
  }

  private static JsonNode specMount(JsonNode spec, String destination) {
    for (JsonNode m : spec.get("mounts")) {
      if (m.get("destination").asText().equals(destination)) {
        return m;
      }
    }
    throw new AssertionError("no mount at " + destination + " in " + spec.get("mounts"));
  }

  private static boolean isMounted(Path path) {
    try {
      return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
          .anyMatch(l -> l.split(" ")[4].equals(path.toString()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** busybox plus a /data directory (owned by 65534, mode 750, one file) declared as a VOLUME. */
  private String volumeImage() throws IOException, InterruptedException {
    String name = "busybox-with-volume";
    if (jpod("image", "exists", name).exitCode() == 0) {
      return name;
    }
    Path extra = Files.createDirectories(jpod.dir().resolve("volume-image/data"));
    Files.writeString(extra.resolve("hello"), "from the image");
    exec("chown", "-R", "65534:65534", extra.toString());
    exec("chmod", "750", extra.toString());
    exec("chmod", "640", extra.resolve("hello").toString());
    Path tar = jpod.dir().resolve("volume-image.tar");
    exec("tar", "--numeric-owner", "-cf", tar.toString(), "-C", busybox.rootfs().toString(), ".", "-C",
        extra.getParent().toString(), "./data");
    assertThat(jpod("import", "--change", "VOLUME=/data", tar.toString(), name)).exitedWith(0);
    return name;
  }

  private static void exec(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException("failed: " + String.join(" ", cmd));
    }
  }
}
