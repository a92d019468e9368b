package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The image commands against podman 4's output: images (rows per name, flags, filters, formats), tag,
 * untag, rmi (in use, several names, exit codes), image prune, image exists, inspect, history, system df
 * and the image events. Each test makes its own images so the order of tests does not matter; the
 * class's busybox image is never removed.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ImagesIT extends JpodTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A size as images and history print it: three significant digits, a space, a decimal unit. */
  private static final String SIZE = "\\d+(\\.\\d+)? [kMG]?B";

  /** Imports the busybox tarball as a new image ({@code name} may be null) and returns its full id. */
  /** A new image from the busybox tar: a message of its own keeps it apart from busybox itself. */
  private String importImage(String name, String... changes) {
    // an import of one file is dated by the file, so without a distinct message it would be busybox's image
    List<String> args = new ArrayList<>(List.of("import", "-q", "-m", uniqueName("import")));
    for (String c : changes) {
      args.add("-c");
      args.add(c);
    }
    args.add(busybox.tar().toString());
    if (name != null) {
      args.add(name);
    }
    CliResult r = jpod(args.toArray(String[]::new));
    assertThat(r).exitsCleanly();
    assertThat(r.out()).matches("sha256:[0-9a-f]{64}");
    return r.out().substring("sha256:".length());
  }

  private String busyboxId() {
    CliResult r = jpod("images", "-q", "--no-trunc", "busybox");
    assertThat(r).exitsCleanly();
    return r.out().substring("sha256:".length());
  }

  @Test
  void namesHistoryKeepsRemovedNames() {
    String tag = uniqueName("hist") + ":v1";
    assertThat(jpod("tag", "busybox", tag)).exitsCleanly();
    assertThat(jpod("untag", "busybox", tag)).exitsCleanly();
    assertThat(jpod("image", "inspect", "--format", "{{.NamesHistory}}", "busybox")).exitsCleanly()
        .stdoutContains("localhost/busybox:latest localhost/" + tag);
  }

  @Test
  void importingOneFileAgainGivesTheSameImage() {
    // podman dates an image imported from a file by the file's mtime: the same file, the same image id
    String a = uniqueName("again");
    String b = uniqueName("again");
    String first = jpod("import", "-q", busybox.tar().toString(), a).out();
    String second = jpod("import", "-q", busybox.tar().toString(), b).out();
    assertThat(first).matches("sha256:[0-9a-f]{64}").isEqualTo(second);
    assertThat(jpod("image", "inspect", "--format", "{{.Id}}", "busybox")).exitsCleanly()
        .stdoutIs(first.substring("sha256:".length()));
    // the extra names only untag: busybox keeps its image
    assertThat(jpod("rmi", a, b)).exitsCleanly();
    assertThat(jpod("image", "exists", "busybox")).exitsCleanly();
  }

  @Test
  void imagesTableHasPodmansColumnsAndARowPerName() {
    String name = uniqueName("rows");
    String id = importImage(name, "LABEL rows=1");
    assertThat(jpod("tag", name, name + "-b:v2")).exitsCleanly();
    CliResult r = jpod("images", "--filter", "label=rows");
    assertThat(r).exitsCleanly();
    assertThat(r.lines().getFirst()).matches("REPOSITORY +TAG +IMAGE ID +CREATED +SIZE");
    assertThat(r.lines()).hasSize(3);
    assertThat(r.lines().get(1)).matches("localhost/" + name + " +latest +" + id.substring(0, 12)
        + " +(Less than a second|1 second|\\d+ seconds|About a minute) ago +" + SIZE);
    assertThat(r.lines().get(2)).startsWith("localhost/" + name + "-b ").contains(" v2 ");
    // -q prints each image once; --no-trunc the full sha256 id
    assertThat(jpod("images", "-q", "--filter", "label=rows")).exitsCleanly().stdoutIs(id.substring(0, 12));
    assertThat(jpod("image", "ls", "-q", "--no-trunc", "--filter", "label=rows")).exitsCleanly().stdoutIs("sha256:" + id);
    assertThat(jpod("image", "list", "--noheading", "--filter", "label=rows").lines()).hasSize(2);
    CliResult digests = jpod("images", "--digests", "--filter", "label=rows");
    assertThat(digests.lines().getFirst()).matches("REPOSITORY +TAG +DIGEST +IMAGE ID +CREATED +SIZE");
    assertThat(digests.lines().get(1)).contains(" sha256:");
    assertThat(jpod("rmi", "-f", id)).exitsCleanly();
  }

  @Test
  void imagesJsonFormatAndTemplates() throws Exception {
    String name = uniqueName("json");
    String id = importImage(name, "LABEL json=yes");
    CliResult r = jpod("images", "--format", "json", "--filter", "label=json");
    assertThat(r).exitsCleanly();
    JsonNode arr = JSON.readTree(r.stdout());
    assertThat(arr.size()).isEqualTo(1);
    JsonNode img = arr.get(0);
    List<String> keys = new ArrayList<>();
    img.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("Id", "ParentId", "RepoTags", "RepoDigests", "Size", "SharedSize",
        "VirtualSize", "Labels", "Containers", "Names", "Digest", "History", "Created", "CreatedAt");
    assertThat(img.path("Id").asText()).isEqualTo(id);
    assertThat(img.path("RepoTags").isNull()).isTrue();
    assertThat(img.path("Names").get(0).asText()).isEqualTo("localhost/" + name + ":latest");
    assertThat(img.path("RepoDigests").get(0).asText()).startsWith("localhost/" + name + "@sha256:");
    assertThat(img.path("Labels").path("json").asText()).isEqualTo("yes");
    assertThat(img.path("Size").asLong()).isGreaterThan(2_000_000L);
    assertThat(img.path("VirtualSize").asLong()).isEqualTo(img.path("Size").asLong());

    assertThat(jpod("images", "--filter", "label=json", "--format", "{{.Repository}}:{{.Tag}} {{.Labels}} {{.Dangling}}"))
        .exitsCleanly().stdoutIs("localhost/" + name + ":latest map[json:yes] false");
    // a table format: spaces become columns and fields without a column name print <no value>, as in podman 4
    CliResult table = jpod("images", "--filter", "label=json", "--format", "table {{.ID}} {{.Size}}");
    assertThat(table).exitsCleanly();
    String size = jpod("images", "--filter", "label=json", "--format", "{{.Size}}").out();
    assertThat(size).matches(SIZE);
    assertThat(table.lines()).containsExactly("IMAGE ID      SIZE", id.substring(0, 12) + "  " + size);
    assertThat(jpod("images", "--filter", "label=json", "--format", "table {{.ID}}\\t{{.CreatedAt}}").lines().getFirst())
        .isEqualTo("IMAGE ID      <no value>");
    assertThat(jpod("images", "--sort", "bogus")).exitedWith(125).singleErrorLine()
        .stderrContains("\"bogus\" is not a valid field for sorting. Choose from: ");
    assertThat(jpod("images", "a", "b")).exitedWith(125).stderrIs("Error: accepts at most 1 arg(s), received 2");
    assertThat(jpod("rmi", id)).exitsCleanly();
  }

  @Test
  void filters() {
    String tagged = uniqueName("flt");
    String taggedId = importImage(tagged, "LABEL flt=a");
    String danglingId = importImage(null, "LABEL flt=b");
    CliResult dangling = jpod("images", "--filter", "dangling=true", "--filter", "label=flt", "--format", "{{.ID}} {{.Repository}}:{{.Tag}}");
    assertThat(dangling).exitsCleanly().stdoutIs(danglingId.substring(0, 12) + " <none>:<none>");
    assertThat(jpod("images", "--filter", "label=flt=a", "-q")).exitsCleanly().stdoutIs(taggedId.substring(0, 12));
    assertThat(jpod("images", "--filter", "reference=" + tagged, "-q")).exitsCleanly().stdoutIs(taggedId.substring(0, 12));
    assertThat(jpod("images", "--filter", "reference=*/" + tagged + ":*", "-q")).exitsCleanly().stdoutIs(taggedId.substring(0, 12));
    assertThat(jpod("images", "--filter", "label=flt", "--filter", "reference!=" + tagged, "-q")).exitsCleanly()
        .stdoutIs(danglingId.substring(0, 12));
    assertThat(jpod("images", "--filter", "id=" + taggedId, "-q")).exitsCleanly().stdoutIs(taggedId.substring(0, 12));
    assertThat(jpod("images", tagged, "-q")).exitsCleanly().stdoutIs(taggedId.substring(0, 12));
    assertThat(jpod("images", "--filter", "bogus=1")).exitedWith(125).stderrIs("Error: unsupported image filter \"bogus\"");
    assertThat(jpod("images", "--filter", "dangling=xx")).exitedWith(125).stderrIs(
        "Error: non-boolean value \"dangling\" for xx filter: strconv.ParseBool: parsing \"xx\": invalid syntax");
    assertThat(jpod("images", "--filter", "before=nonexist")).exitedWith(125).stderrIs(
        "Error: could not find local image for filter filter \"before\"=\"nonexist\": nonexist: image not known");
    assertThat(jpod("rmi", taggedId, danglingId)).exitsCleanly();
  }

  @Test
  void tagAndUntag() {
    String name = uniqueName("tag");
    String id = importImage(name);
    assertThat(jpod("tag", name, name + "-x", "registry.example.com:5000/ns/" + name + ":2")).exitsCleanly().stdoutIs("");
    assertThat(jpod("images", "--filter", "id=" + id, "--format", "{{.Repository}}:{{.Tag}}").lines()).containsExactly(
        "localhost/" + name + ":latest", "localhost/" + name + "-x:latest", "registry.example.com:5000/ns/" + name + ":2");
    assertThat(jpod("untag", id, name + "-x")).exitsCleanly();
    assertThat(jpod("images", "--filter", "id=" + id, "--format", "{{.Tag}}").lines()).containsExactly("latest", "2");
    assertThat(jpod("untag", id, "nonexist")).exitedWith(125).stderrIs("Error: localhost/nonexist:latest: tag not known");
    assertThat(jpod("tag", id, "Bad:Name")).exitedWith(125).stderrIs(
        "Error: normalizing name \"Bad:Name\": normalizing name \"Bad:Name\": repository name must be lowercase");
    assertThat(jpod("tag", id)).exitedWith(125).stderrIs("Error: requires at least 2 arg(s), only received 1");
    assertThat(jpod("tag", "nonexist", "x")).exitedWith(125).stderrIs("Error: nonexist: image not known");
    // untag without names removes them all: the image stays, dangling
    assertThat(jpod("untag", id)).exitsCleanly();
    assertThat(jpod("images", "--filter", "id=" + id, "--format", "{{.Repository}}:{{.Tag}} {{.Dangling}}"))
        .exitsCleanly().stdoutIs("<none>:<none> true");
    assertThat(jpod("rmi", id)).exitsCleanly().stdoutIs("Deleted: " + id);
  }

  @Test
  void rmiOfAnImageInUseIsRefusedThenForced() {
    String name = uniqueName("inuse");
    String id = importImage(name);
    String ctr = uniqueName("user");
    assertThat(jpod("create", "--name", ctr, name, "true")).exitsCleanly();
    String ctrId = id(ctr);
    assertThat(jpod("rmi", name)).exitedWith(2).stderrIs("Error: image used by " + ctrId
        + ": image is in use by a container: consider listing external containers and force-removing image");
    assertThat(jpod("images", "--filter", "id=" + id, "--format", "{{.Containers}}")).exitsCleanly().stdoutIs("1");
    assertThat(jpod("rmi", "nonexist", name)).exitedWith(2).stderrIs("Error: 2 errors occurred:\n"
        + "\t* nonexist: image not known\n"
        + "\t* image used by " + ctrId + ": image is in use by a container: consider listing external containers and force-removing image");
    // -f passes over a name no image has, as podman's does
    assertThat(jpod("rmi", "-f", "nonexist", name)).exitsCleanly()
        .stdoutIs("Untagged: localhost/" + name + ":latest\nDeleted: " + id);
    assertThat(jpod("ps", "-a", "-q", "--filter", "name=" + ctr)).exitsCleanly().stdoutIs("");
    assertThat(jpod("image", "exists", id)).exitedWith(1);
  }

  @Test
  void rmiOfOneOfSeveralNamesOnlyUntags() {
    String name = uniqueName("multi");
    String id = importImage(name);
    assertThat(jpod("tag", name, name + "-2")).exitsCleanly();
    assertThat(jpod("rmi", id.substring(0, 12))).exitedWith(125).stderrIs("Error: unable to delete image \"" + id
        + "\" by ID with more than one tag ([localhost/" + name + ":latest localhost/" + name + "-2:latest]): please force removal");
    assertThat(jpod("rmi", name)).exitsCleanly().stdoutIs("Untagged: localhost/" + name + ":latest");
    assertThat(jpod("image", "exists", id)).exitsCleanly();
    assertThat(jpod("rmi", "nonexist")).exitedWith(1).stderrIs("Error: nonexist: image not known");
    assertThat(jpod("rmi", "-i", "nonexist")).exitsCleanly().stdoutIs("");
    assertThat(jpod("rmi")).exitedWith(125).stderrIs("Error: image name or ID must be specified");
    assertThat(jpod("image", "rm", name + "-2")).exitsCleanly()
        .stdoutIs("Untagged: localhost/" + name + "-2:latest\nDeleted: " + id);
  }

  @Test
  void pruneRemovesDanglingThenUnusedImages() {
    // keep the class's busybox in use so prune -a leaves it alone
    String keeper = uniqueName("keep");
    assertThat(jpod("create", "--name", keeper, "busybox", "true")).exitsCleanly();
    String dangling = importImage(null, "LABEL prune=1");
    String unused = importImage(uniqueName("unused"), "LABEL prune=2");
    CliResult refused = jpod("image", "prune");
    assertThat(refused).exitedWith(125).stdoutContains("WARNING! This command removes all dangling images.");
    CliResult no = jpod.runWithInput("n\n".getBytes(), "image", "prune");
    assertThat(no).exitsCleanly();
    assertThat(jpod("image", "exists", dangling)).exitsCleanly();
    CliResult pruned = jpod("image", "prune", "-f");
    assertThat(pruned).exitsCleanly();
    assertThat(pruned.lines()).contains(dangling).doesNotContain(unused);
    assertThat(jpod("image", "exists", dangling)).exitedWith(1);
    assertThat(jpod("image", "exists", unused)).exitsCleanly();
    CliResult all = jpod.runWithInput("y\n".getBytes(), "image", "prune", "-a");
    assertThat(all).exitsCleanly().stdoutContains(
        "WARNING! This command removes all images without at least one container associated with them.", unused);
    assertThat(jpod("image", "exists", unused)).exitedWith(1);
    assertThat(jpod("image", "exists", "busybox")).exitsCleanly();
    assertThat(jpod("image", "prune", "-f", "--filter", "bogus=1")).exitedWith(125)
        .stderrIs("Error: unsupported image filter \"bogus\"");
  }

  @Test
  void imageExists() {
    assertThat(jpod("image", "exists", "busybox")).exitsCleanly();
    assertThat(jpod("image", "exists", busyboxId())).exitsCleanly();
    assertThat(jpod("image", "exists", "nope")).exitedWith(1).stderrIs("");
    assertThat(jpod("image", "exists", "BAD")).exitedWith(125).stderrIs("Error: repository name must be lowercase");
  }

  @Test
  void inspectShowsPodmansImageDocument() throws Exception {
    CliResult r = jpod("image", "inspect", "busybox");
    assertThat(r).exitsCleanly();
    assertThat(r.lines().get(1)).isEqualTo("     {");
    JsonNode doc = JSON.readTree(r.stdout()).get(0);
    List<String> keys = new ArrayList<>();
    doc.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("Id", "Digest", "RepoTags", "RepoDigests", "Parent", "Comment", "Created",
        "Config", "Version", "Author", "Architecture", "Os", "Size", "VirtualSize", "GraphDriver", "RootFS", "Labels",
        "Annotations", "ManifestType", "User", "History", "NamesHistory");
    assertThat(doc.path("Id").asText()).isEqualTo(busyboxId());
    assertThat(doc.path("Digest").asText()).startsWith("sha256:");
    assertThat(doc.path("RepoTags").get(0).asText()).isEqualTo("localhost/busybox:latest");
    assertThat(doc.path("RepoDigests").get(0).asText()).startsWith("localhost/busybox@sha256:");
    assertThat(doc.path("Parent").asText()).isEmpty();
    assertThat(doc.path("Config").isObject()).isTrue();
    assertThat(doc.path("Architecture").asText()).isEqualTo("amd64");
    assertThat(doc.path("Os").asText()).isEqualTo("linux");
    assertThat(doc.path("Size").asLong()).isGreaterThan(2_000_000L).isEqualTo(doc.path("VirtualSize").asLong());
    assertThat(doc.path("GraphDriver").path("Name").asText()).isEqualTo("overlay");
    assertThat(doc.path("GraphDriver").path("Data").path("UpperDir").asText()).startsWith(jpod.root().toString()).endsWith("/diff");
    assertThat(doc.path("GraphDriver").path("Data").path("WorkDir").asText()).endsWith("/work");
    assertThat(doc.path("RootFS").path("Type").asText()).isEqualTo("layers");
    assertThat(doc.path("RootFS").path("Layers").get(0).asText()).matches("sha256:[0-9a-f]{64}");
    assertThat(doc.path("Labels").isNull()).isTrue();
    assertThat(doc.path("Annotations").isObject()).isTrue();
    assertThat(doc.path("ManifestType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
    assertThat(doc.path("History").size()).isEqualTo(1);
    assertThat(doc.path("NamesHistory").get(0).asText()).isEqualTo("localhost/busybox:latest");

    String name = uniqueName("insp");
    String id = importImage(name, "LABEL k=v", "CMD [\"sh\"]", "USER nobody");
    assertThat(jpod("image", "inspect", "--format", "{{.ID}} {{.Config.Labels}} {{.Config.Cmd}} {{.User}} {{.Labels.k}}", name))
        .exitsCleanly().stdoutIs(id + " map[k:v] [sh] nobody v");
    // top-level inspect falls back to images; --type picks one kind
    assertThat(jpod("inspect", "--format", "{{.Id}}", name)).exitsCleanly().stdoutIs(id);
    assertThat(jpod("inspect", "--type", "image", "--format", "{{.Id}}", name)).exitsCleanly().stdoutIs(id);
    assertThat(jpod("inspect", "--type", "container", name)).exitedWith(125).stdoutIs("[]")
        .stderrIs("Error: inspecting object: no such container " + name);
    assertThat(jpod("image", "inspect", "nope", "nope2")).exitedWith(125).stdoutIs("[]")
        .stderrIs("error inspecting object: nope2: image not known\nError: inspecting object: nope: image not known");
    assertThat(jpod("inspect", "--format", "{{.Id}}", "nope", name)).exitedWith(125).stdoutIs(id)
        .stderrIs("Error: inspecting object: no such object: \"nope\"");
    assertThat(jpod("rmi", id)).exitsCleanly();
  }

  @Test
  void history() throws Exception {
    String id = busyboxId();
    CliResult r = jpod("history", "busybox");
    assertThat(r).exitsCleanly();
    assertThat(r.lines()).hasSize(2);
    assertThat(r.lines().getFirst()).matches("ID +CREATED +CREATED BY +SIZE +COMMENT");
    assertThat(r.lines().get(1)).startsWith(id.substring(0, 12) + "  ").contains(" ago ").containsPattern("  " + SIZE + " ");
    assertThat(jpod("history", "-q", "busybox")).exitsCleanly().stdoutIs(id.substring(0, 12));
    assertThat(jpod("history", "-q", "--no-trunc", "busybox")).exitsCleanly().stdoutIs(id);
    assertThat(jpod("history", "--format", "{{.ID}} {{.Size}}", "busybox").out()).matches(id.substring(0, 12) + " " + SIZE);
    CliResult json = jpod("history", "--format", "json", "busybox");
    assertThat(json).exitsCleanly();
    assertThat(json.lines()).hasSize(1);
    JsonNode layer = JSON.readTree(json.stdout()).get(0);
    assertThat(layer.path("id").asText()).isEqualTo(id);
    assertThat(layer.path("size").asLong()).isGreaterThan(2_000_000L);
    assertThat(layer.path("Created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(jpod("history", "nonexist")).exitedWith(125).stderrIs("Error: nonexist: image not known");
    assertThat(jpod("history")).exitedWith(125).stderrIs("Error: accepts 1 arg(s), received 0");
  }

  @Test
  void systemDf() {
    String name = uniqueName("df");
    assertThat(jpod("create", "--name", name, "busybox", "true")).exitsCleanly();
    CliResult r = jpod("system", "df");
    assertThat(r).exitsCleanly();
    assertThat(r.lines()).hasSize(4);
    assertThat(r.lines().get(0)).matches("TYPE +TOTAL +ACTIVE +SIZE +RECLAIMABLE");
    assertThat(r.lines().get(1)).matches("Images +\\d+ +[1-9]\\d* +[0-9.]+[kMG]?B +[0-9.]+[kMG]?B \\(\\d+%\\)");
    assertThat(r.lines().get(2)).matches("Containers +[1-9]\\d* +0 +[0-9.]+[kMG]?B +[0-9.]+[kMG]?B \\(\\d+%\\)");
    assertThat(r.lines().get(3)).isEqualTo("Local Volumes  0           0           0B          0B (0%)");
    assertThat(jpod("system", "df", "--format", "{{.Type}}={{.Total}}").lines()).contains("Local Volumes=0");
    CliResult v = jpod("system", "df", "-v");
    assertThat(v).exitsCleanly();
    assertThat(v.stdout()).startsWith("Images space usage:\n\nREPOSITORY ")
        .contains("\nContainers space usage:\n\nCONTAINER ID  IMAGE ")
        .endsWith("\nLocal Volumes space usage:\n\nVOLUME NAME  LINKS       SIZE\n");
    assertThat(v.stdout()).containsPattern("\nlocalhost/busybox +latest +[0-9a-f]{12} ");
    assertThat(v.stdout()).containsPattern(" true +0 +[0-9.]+[kMG]?B +.* created +" + name + "\\n");
  }

  @Test
  void imageEvents() {
    String name = uniqueName("ev");
    String id = importImage(name);
    assertThat(jpod("tag", name, name + "-t")).exitsCleanly();
    assertThat(jpod("untag", name, name + "-t")).exitsCleanly();
    assertThat(jpod("rmi", name)).exitsCleanly();
    CliResult r = jpod("events", "--stream=false", "--filter", "type=image", "--format", "{{.Status}} {{.ID}} {{.Name}}");
    assertThat(r).exitsCleanly();
    assertThat(r.lines().stream().filter(l -> l.contains(" " + id)).toList()).containsExactly(
        "tag " + id + " " + name,
        "tag " + id + " " + name + "-t",
        "untag " + id + " localhost/" + name + "-t:latest",
        "untag " + id + " localhost/" + name + ":latest",
        "remove " + id + " localhost/" + name + ":latest");
  }
}
