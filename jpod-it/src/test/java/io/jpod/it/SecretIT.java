package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * podman 4.3.1's secrets: {@code secret create/ls/inspect/rm} over podman's files under
 * {@code <graphroot>/secrets}, and {@code --secret} on create/run (files under /run/secrets with owner
 * and mode, environment variables, podman's errors).
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SecretIT extends JpodTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void secretCommandsKeepPodmansFilesPrivate() throws IOException {
    String fromFile = uniqueName("file");
    String fromStdin = uniqueName("stdin");
    Path data = Files.writeString(jpod.dir().resolve("secret.txt"), "file-data");
    CliResult created = jpod("secret", "create", fromFile, data.toString());
    assertThat(created).exitsCleanly();
    String fileId = created.out();
    assertThat(fileId).matches("[0-9a-f]{25}");
    CliResult piped = jpod.runWithInput(bytes("stdin-data"), "secret", "create", "-l", "b=2", "--label", "a=1", fromStdin, "-");
    assertThat(piped).exitsCleanly();
    String stdinId = piped.out();

    assertThat(jpod("secret", "create", fromFile, data.toString())).exitedWith(125).singleErrorLine()
        .stderrIs("Error: " + fromFile + ": secret name in use");
    assertThat(jpod.runWithInput(new byte[0], "secret", "create", uniqueName("empty"), "-")).exitedWith(125)
        .stderrIs("Error: secret data must be larger than 0 and less than 512000 bytes");
    assertThat(jpod("secret", "create", "bad/name", data.toString())).exitedWith(125).stderrIs(
        "Error: only 64 [a-zA-Z0-9-_.] characters allowed, and the start and end character must be [a-zA-Z0-9]: bad/name: invalid secret name");

    assertThat(jpod("secret", "ls")).exitsCleanly()
        .stdoutContains("ID                         NAME", "DRIVER", "CREATED", "UPDATED", fileId + "  " + fromFile);
    assertThat(jpod("secret", "ls", "--quiet", "--filter", "name=" + fromStdin)).exitsCleanly().stdoutIs(stdinId);
    assertThat(jpod("secret", "ls", "--noheading", "--filter", "id=" + fileId.substring(0, 8), "--format", "{{.Name}} {{.Driver}}"))
        .exitsCleanly().stdoutIs(fromFile + " file");
    assertThat(jpod("secret", "list", "--filter", "bogus=1")).exitedWith(125).stderrIs("Error: invalid filter \"bogus\"");

    JsonNode doc = JSON.readTree(jpod("secret", "inspect", fromStdin).out()).get(0);
    assertThat(doc.get("ID").asText()).isEqualTo(stdinId);
    assertThat(doc.get("CreatedAt").asText()).isEqualTo(doc.get("UpdatedAt").asText());
    assertThat(doc.at("/Spec/Name").asText()).isEqualTo(fromStdin);
    assertThat(doc.at("/Spec/Driver/Name").asText()).isEqualTo("file");
    assertThat(doc.at("/Spec/Driver/Options/path").asText()).isEqualTo(jpod.root().resolve("secrets/filedriver").toString());
    assertThat(doc.at("/Spec/Labels/a").asText()).isEqualTo("1");
    assertThat(jpod("secret", "inspect", "--format", "{{.Spec.Name}} {{.Spec.Labels}}", stdinId.substring(0, 10)))
        .exitsCleanly().stdoutIs(fromStdin + " map[a:1 b:2]");
    assertThat(jpod("secret", "inspect", "--pretty", fromStdin)).exitsCleanly()
        .stdoutContains("ID:              " + stdinId + "\nName:              " + fromStdin + "\nLabels:\n - a=1\n - b=2\nDriver:            file\nCreated at:        ");
    CliResult missing = jpod("secret", "inspect", fromFile, "no-such-secret");
    assertThat(missing).exitedWith(125).stderrIs("Error: inspecting secret: no secret with name or id \"no-such-secret\": no such secret");
    assertThat(JSON.readTree(missing.out()).size()).isEqualTo(1);

    // the data never lies around readable by others
    Path dir = jpod.root().resolve("secrets");
    String stored = Files.readString(dir.resolve("filedriver/secretsdata.json"));
    assertThat(stored).contains("\"" + fileId + "\": \"ZmlsZS1kYXRh\"");
    assertThat(Files.readString(dir.resolve("secrets.json"))).doesNotContain("ZmlsZS1kYXRh", "file-data");
    for (Path p : List.of(dir, dir.resolve("secrets.json"), dir.resolve("filedriver"), dir.resolve("filedriver/secretsdata.json"))) {
      assertThat(Files.getPosixFilePermissions(p)).as(p.toString())
          .doesNotContain(PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_READ);
    }

    assertThat(jpod("secret", "rm", fromFile, "no-such-secret")).exitedWith(125).stdoutIs(fileId)
        .stderrIs("Error: no secret with name or id \"no-such-secret\": no such secret");
    assertThat(Files.readString(dir.resolve("filedriver/secretsdata.json"))).doesNotContain(fileId);
    assertThat(jpod("secret", "rm")).exitedWith(125);
    assertThat(jpod("secret", "rm", "--all")).exitsCleanly().stdoutContains(stdinId);
    assertThat(jpod("secret", "ls", "--noheading")).exitsCleanly().stdoutIs("");
  }

  @Test
  void containersGetMountedAndEnvironmentSecrets() throws IOException {
    String s = uniqueName("mnt");
    String e = uniqueName("env");
    assertThat(jpod.runWithInput(bytes("mounted-data"), "secret", "create", s, "-")).exitsCleanly();
    String envId = jpod.runWithInput(bytes("env-data"), "secret", "create", e, "-").out();

    CliResult run = jpod("run", "--rm", "--secret", s, "--secret", s + ",target=/etc/other,uid=5,gid=6,mode=0400",
        "--secret", s + ",target=rel,mode=0640", "--secret", e + ",type=env,target=MY_SECRET",
        "busybox", "sh", "-c",
        "cat /run/secrets/" + s + "; echo; cat /etc/other; echo; stat -c '%u:%g %a' /etc/other /run/secrets/rel; echo $MY_SECRET");
    assertThat(run).exitsCleanly();
    // podman copies each secret once per container, so the last --secret of a name sets owner and mode
    assertThat(run.lines()).containsExactly("mounted-data", "mounted-data", "0:0 640", "0:0 640", "env-data");

    String ctr = uniqueName("ctr");
    assertThat(jpod("create", "--name", ctr, "--secret", s + ",uid=5,gid=6,mode=0400", "--secret", e + ",type=env",
        "busybox", "sleep", "300")).exitsCleanly();
    String id = jpod("inspect", "--format", "{{.Id}}", ctr).out();
    Path containers;
    try (var dirs = Files.list(jpod.root())) {
      containers = dirs.filter(d -> d.getFileName().toString().endsWith("-containers")).findFirst().orElseThrow();
    }
    Path copy = containers.resolve(id).resolve("userdata/secrets").resolve(s);
    assertThat(Files.readString(copy)).isEqualTo("mounted-data");
    assertThat(Files.getAttribute(copy, "unix:mode")).isEqualTo(0100400);
    assertThat(Files.getAttribute(copy, "unix:uid")).isEqualTo(5);
    JsonNode secrets = JSON.readTree(jpod("inspect", ctr).out()).get(0).at("/Config/Secrets");
    assertThat(secrets.size()).isEqualTo(1);
    assertThat(secrets.get(0).get("Name").asText()).isEqualTo(s);
    assertThat(secrets.get(0).get("UID").asInt()).isEqualTo(5);
    assertThat(secrets.get(0).get("Mode").asInt()).isEqualTo(0400);
    assertThat(jpod("inspect", ctr).out()).doesNotContain("mounted-data");

    assertThat(jpod("start", ctr)).exitsCleanly();
    // the variable is named after the secret, which sh would not pass on: env runs directly
    assertThat(jpod("exec", ctr, "env")).exitsCleanly().stdoutContains("\n" + e + "=env-data\n");
    assertThat(jpod("exec", ctr, "stat", "-c", "%u:%g %a", "/run/secrets/" + s)).exitsCleanly().stdoutIs("5:6 400");
    assertThat(jpod("stop", "-t", "0", ctr)).exitsCleanly();

    // a mounted secret was copied at create; an env secret is read at every start
    assertThat(jpod("secret", "rm", s)).exitsCleanly();
    String mountOnly = uniqueName("mountonly");
    assertThat(jpod.runWithInput(bytes("again"), "secret", "create", s, "-")).exitsCleanly();
    assertThat(jpod("create", "--name", mountOnly, "--secret", s, "busybox", "cat", "/run/secrets/" + s)).exitsCleanly();
    assertThat(jpod("secret", "rm", s)).exitsCleanly();
    assertThat(jpod("start", "--attach", mountOnly)).exitsCleanly().stdoutIs("again");
    assertThat(jpod("secret", "rm", envId)).exitsCleanly();
    assertThat(jpod("start", ctr)).exitedWith(125).stderrContains("no secret with name or id \"" + e + "\": no such secret");
  }

  @Test
  void libpodApiServesPodmanRemote() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/podman")), "podman is not installed");
    ApiService api = ApiService.start(jpod);
    try {
      String name = uniqueName("remote");
      List<String> remote = List.of("podman", "--remote", "--url", "unix://" + api.sock);
      CliResult created = api.run("remote-data", concat(remote, "secret", "create", "--label", "k=v", name, "-"));
      assertThat(created).exitsCleanly();
      String id = created.out();
      assertThat(api.run("other", concat(remote, "secret", "create", name, "-"))).exitedWith(125)
          .stderrContains(name + ": secret name in use");
      assertThat(api.run(null, concat(remote, "secret", "inspect", "--format", "{{.ID}} {{.Spec.Labels}}", name)))
          .exitsCleanly().stdoutIs(id + " map[k:v]");
      assertThat(api.run(null, concat(remote, "secret", "ls", "--quiet", "--filter", "name=" + name)))
          .exitsCleanly().stdoutIs(id);
      assertThat(new String(Files.readAllBytes(jpod.root().resolve("secrets/filedriver/secretsdata.json")), StandardCharsets.UTF_8))
          .contains("\"" + id + "\": \"cmVtb3RlLWRhdGE=\"");
      assertThat(api.run(null, concat(remote, "secret", "rm", name))).exitsCleanly().stdoutIs(id);
      assertThat(api.run(null, concat(remote, "secret", "rm", name))).exitedWith(125)
          .stderrContains("no secret with name or id \"" + name + "\": no such secret");
    } finally {
      api.stop();
    }
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new java.util.ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }

  @Test
  void badSecretsFailBeforeAnythingIsCreated() {
    String before = jpod("ps", "-aq").out();
    String ctr = uniqueName("nope");
    assertThat(jpod("run", "--name", ctr, "--secret", "no-such-secret", "busybox", "true")).exitedWith(125)
        .singleErrorLine().stderrIs("Error: no secret with name or id \"no-such-secret\": no such secret");
    assertThat(jpod("create", "--secret", "x,type=env,mode=0400", "busybox", "true")).exitedWith(125)
        .stderrIs("Error: UID, GID, Mode options cannot be set with secret type env: parsing secret");
    assertThat(jpod("create", "--secret", "x,type=file", "busybox", "true")).exitedWith(125)
        .stderrIs("Error: type file is invalid: parsing secret");
    assertThat(jpod("ps", "-aq").out()).isEqualTo(before);
    assertThat(jpod("container", "exists", ctr)).exitedWith(1);
  }
}
