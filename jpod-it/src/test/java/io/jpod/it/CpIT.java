package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code jpod cp}: host ↔ container (running and stopped), container ↔ container, tar streams on
 * stdin/stdout, podman's naming rules and errors, ownership, and the proof that symlinks planted in a
 * container never lead a copy out of it.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CpIT extends JpodTestBase {
  private Path host;

  /** A host tree: src/a.txt (1234:5678, 0640), src/sub/b.txt (old mtime), src/alink -> a.txt. */
  @BeforeEach
  void hostTree() throws IOException {
    host = Files.createDirectories(jpod.dir().resolve("host-" + UUID.randomUUID().toString().substring(0, 8)));
    Path src = Files.createDirectories(host.resolve("src/sub"));
    Files.writeString(host.resolve("src/a.txt"), "hello\n");
    Files.setAttribute(host.resolve("src/a.txt"), "unix:uid", 1234);
    Files.setAttribute(host.resolve("src/a.txt"), "unix:gid", 5678);
    Files.setAttribute(host.resolve("src/a.txt"), "unix:mode", 0640);
    Files.writeString(src.resolve("b.txt"), "sub\n");
    Files.setLastModifiedTime(src.resolve("b.txt"), FileTime.from(Instant.parse("2020-01-02T03:04:05Z")));
    Files.createSymbolicLink(host.resolve("src/alink"), Path.of("a.txt"));
  }

  private String running(String prefix, String... runFlags) {
    String name = uniqueName(prefix);
    var args = new java.util.ArrayList<>(java.util.List.of("run", "-d", "--name", name));
    args.addAll(java.util.List.of(runFlags));
    args.addAll(java.util.List.of("busybox", "sleep", "600"));
    assertThat(jpod(args.toArray(String[]::new))).exitsCleanly();
    return name;
  }

  private String created(String prefix, String... createFlags) {
    String name = uniqueName(prefix);
    var args = new java.util.ArrayList<>(java.util.List.of("create", "--name", name));
    args.addAll(java.util.List.of(createFlags));
    args.addAll(java.util.List.of("busybox", "true"));
    assertThat(jpod(args.toArray(String[]::new))).exitsCleanly();
    return name;
  }

  private String sh(String container, String script) {
    CliResult r = jpod("exec", container, "sh", "-c", script);
    assertThat(r).exitsCleanly();
    return r.out();
  }

  // ---- host <-> container ------------------------------------------------------------------------

  @Test
  void fileIntoAndOutOfARunningContainer() throws IOException {
    String c = running("cp-run");
    assertThat(jpod("cp", host.resolve("src/a.txt").toString(), c + ":/tmp/")).exitsCleanly().stdoutIs("");
    assertThat(sh(c, "cat /tmp/a.txt; stat -c '%u:%g %a' /tmp/a.txt")).isEqualTo("hello\n0:0 640");

    sh(c, "echo from-container > /tmp/out.txt");
    Path out = host.resolve("out.txt");
    assertThat(jpod("cp", c + ":/tmp/out.txt", out.toString())).exitsCleanly();
    assertThat(out).hasContent("from-container");
    assertThat(Files.getAttribute(out, "unix:uid")).isEqualTo(0);
  }

  @Test
  void volumesBindMountsAndTmpfsAreWhatTheContainerSees() throws IOException {
    String vol = uniqueName("cpvol");
    assertThat(jpod("volume", "create", vol)).exitsCleanly();
    Path bind = Files.createDirectories(host.resolve("bind"));
    String c = running("cp-mounts", "-v", vol + ":/data", "-v", bind + ":/b", "--tmpfs", "/tt", "--hostname", "cphost");
    sh(c, "echo in-volume > /data/v.txt; echo in-tmpfs > /tt/t.txt");

    // running: read through the container's own mounts
    Path out = Files.createDirectories(host.resolve("out"));
    assertThat(jpod("cp", c + ":/data/v.txt", out.resolve("v.txt").toString())).exitsCleanly();
    assertThat(jpod("cp", c + ":/tt/t.txt", out.resolve("t.txt").toString())).exitsCleanly();
    assertThat(jpod("cp", c + ":/etc/hostname", out.resolve("hostname").toString())).exitsCleanly();
    assertThat(out.resolve("v.txt")).hasContent("in-volume");
    assertThat(out.resolve("t.txt")).hasContent("in-tmpfs");
    assertThat(out.resolve("hostname")).hasContent("cphost");
    // and written into them: the bind mount's host directory gets the file
    assertThat(jpod("cp", host.resolve("src/a.txt").toString(), c + ":/b/")).exitsCleanly();
    assertThat(bind.resolve("a.txt")).hasContent("hello");

    // stopped: the volume and the bind mount still hold the files, not the layer underneath
    assertThat(jpod("stop", "-t", "0", c)).exitsCleanly();
    assertThat(jpod("cp", host.resolve("src/sub/b.txt").toString(), c + ":/data/")).exitsCleanly();
    assertThat(jpod("cp", c + ":/data", out.resolve("data").toString())).exitsCleanly();
    assertThat(out.resolve("data/v.txt")).hasContent("in-volume");
    assertThat(out.resolve("data/b.txt")).hasContent("sub");
    assertThat(jpod("cp", c + ":/b/a.txt", out.resolve("a.txt").toString())).exitsCleanly();
    assertThat(out.resolve("a.txt")).hasContent("hello");
    assertThat(jpod("cp", c + ":/etc/hostname", out.resolve("hostname2").toString())).exitsCleanly();
    assertThat(out.resolve("hostname2")).hasContent("cphost");
    assertThat(jpod("run", "--rm", "-v", vol + ":/data", "busybox", "cat", "/data/b.txt")).exitsCleanly().stdoutIs("sub");
  }

  @Test
  void stoppedContainersWorkAndAreLeftUnmounted() throws IOException {
    String c = created("cp-stopped");
    assertThat(jpod("cp", host.resolve("src").toString(), c + ":/tmp/copied")).exitsCleanly();
    assertThat(jpod("cp", c + ":/tmp/copied", host.resolve("back").toString())).exitsCleanly();
    assertThat(host.resolve("back/a.txt")).hasContent("hello");
    assertThat(host.resolve("back/sub/b.txt")).hasContent("sub");
    assertThat(Files.getLastModifiedTime(host.resolve("back/sub/b.txt")).toInstant())
        .isEqualTo(Instant.parse("2020-01-02T03:04:05Z"));
    assertThat(Files.readSymbolicLink(host.resolve("back/alink"))).isEqualTo(Path.of("a.txt"));
    assertThat(Files.getAttribute(host.resolve("back/a.txt"), "unix:mode")).isEqualTo(0100640);
    assertThat(jpod("mount")).exitsCleanly().stdoutIs("");
    assertThat(jpod("start", "-a", c)).exitsCleanly();
  }

  @Test
  void ownershipFollowsTheContainersUserUnlessArchiveIsOff() {
    String c = running("cp-owner", "--user", "1000:2000");
    assertThat(jpod("cp", host.resolve("src").toString(), c + ":/tmp/")).exitsCleanly();
    assertThat(sh(c, "stat -c '%u:%g' /tmp/src /tmp/src/a.txt /tmp/src/sub/b.txt")).isEqualTo("1000:2000\n1000:2000\n1000:2000");
    assertThat(jpod("cp", "--archive=false", host.resolve("src/a.txt").toString(), c + ":/tmp/kept.txt")).exitsCleanly();
    assertThat(sh(c, "stat -c '%u:%g' /tmp/kept.txt")).isEqualTo("1234:5678");
  }

  @Test
  void namingRulesAsDockerAndPodman() throws IOException {
    String c = running("cp-names");
    String src = host.resolve("src").toString();
    // a missing destination is created under the name given
    assertThat(jpod("cp", src, c + ":/tmp/newdir")).exitsCleanly();
    assertThat(sh(c, "ls /tmp/newdir")).isEqualTo("a.txt\nalink\nsub");
    // an existing directory receives the source under its own name
    assertThat(jpod("cp", src, c + ":/tmp/newdir")).exitsCleanly();
    assertThat(sh(c, "ls /tmp/newdir/src")).isEqualTo("a.txt\nalink\nsub");
    // "src/." copies the contents
    sh(c, "mkdir /tmp/contents");
    assertThat(jpod("cp", src + "/.", c + ":/tmp/contents")).exitsCleanly();
    assertThat(sh(c, "ls /tmp/contents")).isEqualTo("a.txt\nalink\nsub");
    // a file onto a file replaces it; a relative container path starts at the working directory
    assertThat(jpod("cp", host.resolve("src/sub/b.txt").toString(), c + ":tmp/contents/a.txt")).exitsCleanly();
    assertThat(sh(c, "cat /tmp/contents/a.txt")).isEqualTo("sub");
    // a symlink given as the source is followed but keeps its name
    assertThat(jpod("cp", host.resolve("src/alink").toString(), c + ":/tmp/")).exitsCleanly();
    assertThat(sh(c, "cat /tmp/alink; test -L /tmp/alink || echo regular")).isEqualTo("hello\nregular");
    // out of the container: "/" means its contents, without /dev, /proc and /sys
    Path rootCopy = host.resolve("rootcopy");
    assertThat(jpod("cp", c + ":/", rootCopy.toString())).exitsCleanly();
    assertThat(rootCopy.resolve("bin/busybox")).isRegularFile();
    assertThat(rootCopy.resolve("proc")).doesNotExist();
    // a container symlink as the source is resolved and named after its target
    sh(c, "ln -s passwd /etc/pw");
    Path into = Files.createDirectories(host.resolve("into"));
    assertThat(jpod("cp", c + ":/etc/pw", into.toString())).exitsCleanly();
    assertThat(into.resolve("passwd")).isRegularFile();
  }

  @Test
  void overwriteDecidesBetweenDirectoriesAndFiles() {
    String c = running("cp-overwrite");
    sh(c, "mkdir -p /tmp/o; echo f > /tmp/o/sub");
    assertThat(jpod("cp", host.resolve("src").toString() + "/.", c + ":/tmp/o")).exitedWith(125).singleErrorLine()
        .stderrIs("Error: copying to container: copier: put: error creating \"/tmp/o/sub\": mkdir /tmp/o/sub: file exists");
    assertThat(jpod("cp", "--overwrite", host.resolve("src").toString() + "/.", c + ":/tmp/o")).exitsCleanly();
    assertThat(sh(c, "cat /tmp/o/sub/b.txt")).isEqualTo("sub");
  }

  @Test
  void containerToContainer() {
    String a = running("cp-from");
    String b = created("cp-to", "--user", "1000:2000");
    sh(a, "mkdir /tmp/d; echo one > /tmp/d/one");
    assertThat(jpod("cp", a + ":/tmp/d", b + ":/tmp/")).exitsCleanly();
    var entries = TarListing.entries(TarListing.stdout(jpod, "cp", b + ":/tmp/d/one", "-"));
    assertThat(entries.get("one").text()).isEqualTo("one\n");
  }

  // ---- tar streams -------------------------------------------------------------------------------

  @Test
  void tarStreamsBothWays() throws IOException {
    String c = running("cp-stream");
    Map<String, String> files = new LinkedHashMap<>();
    files.put("top.txt", "top");
    files.put("dir/inner.txt", "inner");
    files.put("dir/link", "-> inner.txt");
    byte[] tar = TarListing.archive(files);
    sh(c, "mkdir /tmp/in /tmp/gz");
    assertThat(jpod.runWithInput(tar, "cp", "-", c + ":/tmp/in")).exitsCleanly();
    assertThat(sh(c, "cat /tmp/in/top.txt /tmp/in/dir/link; stat -c '%u' /tmp/in/top.txt")).isEqualTo("topinner0");

    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
      z.write(tar);
    }
    assertThat(jpod.runWithInput(gz.toByteArray(), "cp", "--archive=false", "-", c + ":/tmp/gz")).exitsCleanly();
    assertThat(sh(c, "stat -c '%u' /tmp/gz/top.txt")).isEqualTo("4321");

    var out = TarListing.entries(TarListing.stdout(jpod, "cp", c + ":/tmp/in", "-"));
    assertThat(out.keySet()).containsExactly("in/", "in/dir/", "in/dir/inner.txt", "in/dir/link", "in/top.txt");
    assertThat(out.get("in/top.txt").text()).isEqualTo("top");
    assertThat(out.get("in/dir/link").header().getLinkName()).isEqualTo("inner.txt");
    var contents = TarListing.entries(TarListing.stdout(jpod, "cp", c + ":/tmp/in/.", "-"));
    assertThat(contents.keySet()).containsExactly("dir/", "dir/inner.txt", "dir/link", "top.txt");

    assertThat(jpod.runWithInput("not a tar".getBytes(StandardCharsets.UTF_8), "cp", "-", c + ":/tmp/in"))
        .exitedWith(125).stderrIs("Error: source must be a (compressed) tar archive when copying from stdin");
    assertThat(jpod.runWithInput(tar, "cp", "-", c + ":/tmp/in/top.txt"))
        .exitedWith(125).stderrIs("Error: destination must be a directory when copying from stdin");
  }

  // ---- symlinks planted in the container ---------------------------------------------------------

  @Test
  void symlinksInTheContainerNeverLeadOutOfIt() throws IOException {
    String c = running("cp-escape");
    sh(c, "ln -s / /escape; ln -s ../../../../etc /x; mkdir /data; ln -s / /data/root");
    String marker = "jpod-escape-" + UUID.randomUUID().toString().substring(0, 8);
    String hostPasswd = Files.readString(Path.of("/etc/passwd"));
    String ctrPasswd = sh(c, "cat /etc/passwd");
    assertThat(ctrPasswd).isNotEqualTo(hostPasswd.strip());

    // writes through the links land in the container
    assertThat(jpod("cp", host.resolve("src/a.txt").toString(), c + ":/escape/tmp/" + marker)).exitsCleanly();
    assertThat(jpod("cp", host.resolve("src/a.txt").toString(), c + ":/x/" + marker)).exitsCleanly();
    assertThat(Path.of("/tmp", marker)).doesNotExist();
    assertThat(Path.of("/etc", marker)).doesNotExist();
    assertThat(sh(c, "cat /tmp/" + marker + " /etc/" + marker)).isEqualTo("hello\nhello");

    // reads through the links read the container's files
    Path got = host.resolve("passwd-via-escape");
    assertThat(jpod("cp", c + ":/escape/etc/passwd", got.toString())).exitsCleanly();
    assertThat(got).hasContent(ctrPasswd);
    var viaX = TarListing.entries(TarListing.stdout(jpod, "cp", c + ":/x/passwd", "-"));
    assertThat(viaX.get("passwd").text().strip()).isEqualTo(ctrPasswd);
    assertThat(jpod("cp", c + ":/escape/etc/shadow", host.resolve("shadow").toString())).exitedWith(125)
        .stderrIs("Error: \"/escape/etc/shadow\" could not be found on container " + c + ": no such file or directory");

    // a tar from stdin cannot climb out either: not by "..", not by the links, not by a link it brings
    Map<String, String> evil = new LinkedHashMap<>();
    evil.put("../../../../etc/" + marker + "-1", "dots");
    evil.put("escape/etc/" + marker + "-2", "escape");
    evil.put("x/" + marker + "-3", "x");
    evil.put("newlink", "-> /");
    evil.put("newlink/etc/" + marker + "-4", "newlink");
    assertThat(jpod.runWithInput(TarListing.archive(evil), "cp", "-", c + ":/")).exitsCleanly();
    for (int i = 1; i <= 4; i++) {
      assertThat(Path.of("/etc", marker + "-" + i)).doesNotExist();
      assertThat(sh(c, "test -f /etc/" + marker + "-" + i + " && echo inside")).isEqualTo("inside");
    }

    // copying a tree out archives the links as links, never what they point at
    Path tree = host.resolve("tree");
    assertThat(jpod("cp", c + ":/data", tree.toString())).exitsCleanly();
    assertThat(Files.isSymbolicLink(tree.resolve("root"))).isTrue();
    assertThat(Files.readSymbolicLink(tree.resolve("root"))).isEqualTo(Path.of("/"));
    try (var list = Files.list(tree)) {
      assertThat(list.count()).isEqualTo(1);
    }
    assertThat(Files.exists(tree.resolve("root"), LinkOption.NOFOLLOW_LINKS)).isTrue();
  }

  // ---- errors ------------------------------------------------------------------------------------

  @Test
  void errorsAsPodman() {
    String c = running("cp-err");
    String a = host.resolve("src/a.txt").toString();
    assertThat(jpod("cp", a)).exitedWith(125).stderrIs("Error: accepts 2 arg(s), received 1");
    assertThat(jpod("cp", a, c + ":")).exitedWith(125)
        .stderrIs("Error: invalid arguments \"" + a + "\", \"" + c + ":\": you must specify paths");
    assertThat(jpod("cp", a, host.resolve("x").toString())).exitedWith(125).stderrIs("Error: name or ID cannot be empty");
    assertThat(jpod("cp", a, "no-such-ctr:/tmp")).exitedWith(125).stderrIs("Error: container \"no-such-ctr\" does not exist");
    assertThat(jpod("cp", host.resolve("nope").toString(), c + ":/tmp")).exitedWith(125)
        .stderrIs("Error: \"" + host.resolve("nope") + "\" could not be found on the host: no such file or directory");
    assertThat(jpod("cp", c + ":/nope", host.toString())).exitedWith(125)
        .stderrIs("Error: \"/nope\" could not be found on container " + c + ": no such file or directory");
    assertThat(jpod("cp", a, c + ":/tmp/nodir/")).exitedWith(125)
        .stderrIs("Error: \"/tmp/nodir/\" could not be found on container " + c + ": no such file or directory");
    assertThat(jpod("cp", a, c + ":/tmp/nodir/x")).exitedWith(125)
        .stderrIs("Error: \"/tmp/nodir/x\" could not be found on container " + c + ": no such file or directory");
    assertThat(jpod("cp", host.resolve("src").toString(), c + ":/etc/passwd")).exitedWith(125)
        .stderrIs("Error: destination must be a directory when copying a directory");
    assertThat(jpod("cp", c + ":/etc", a)).exitedWith(125)
        .stderrIs("Error: destination must be a directory when copying a directory");
    assertThat(jpod("cp", c + ":/etc/passwd", host.resolve("nodir").toString() + "/")).exitedWith(125)
        .stderrIs("Error: \"" + host.resolve("nodir") + "/\" could not be found on the host: no such file or directory");
  }
}
