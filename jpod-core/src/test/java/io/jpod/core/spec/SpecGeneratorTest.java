package io.jpod.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jpod.common.Json;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecGeneratorTest {
  private static final ObjectMapper MAPPER = Json.newMapper();
  private static final Set<String> USERDATA_BINDS =
      Set.of("/run/.containerenv", "/etc/hostname", "/etc/resolv.conf", "/etc/hosts");

  @TempDir Path tmp;
  Path userdata;

  @BeforeEach
  void userdata() throws Exception {
    userdata = Files.createDirectories(tmp.resolve("userdata"));
    for (String f : List.of("hosts", "hostname", "resolv.conf", ".containerenv")) {
      Files.writeString(userdata.resolve(f), "");
    }
  }

  private JsonNode generateTree(RuntimeSpec spec) throws Exception {
    String json = new String(SpecWriter.toJson(spec)).replace(userdata.toString(), SpecFixtures.RUN_USERDATA);
    return MAPPER.readTree(json);
  }

  private static JsonNode canonical(JsonNode tree) {
    ObjectNode copy = tree.deepCopy();
    ((ObjectNode) copy.path("linux").path("seccomp")).remove("syscalls");
    ArrayNode mounts = (ArrayNode) copy.get("mounts");
    var positions = new ArrayList<Integer>();
    var binds = new ArrayList<JsonNode>();
    for (int i = 0; i < mounts.size(); i++) {
      if (USERDATA_BINDS.contains(mounts.get(i).path("destination").asText())) {
        positions.add(i);
        binds.add(mounts.get(i));
      }
    }
    binds.sort(Comparator.comparing(m -> m.path("destination").asText()));
    for (int i = 0; i < positions.size(); i++) {
      mounts.set(positions.get(i), binds.get(i));
    }
    return copy;
  }

  @Test
  void busyboxMatchesPodmanGolden() throws Exception {
    var seccomp = Files.exists(SeccompProfiles.DEFAULT_PROFILE)
        ? SeccompProfiles.load(SeccompProfiles.DEFAULT_PROFILE, SpecFixtures.CAPS, "x86_64")
        : SpecFixtures.fakeSeccomp();
    var spec = SpecGenerator.generate(SpecFixtures.busybox(), SpecFixtures.context(userdata, seccomp));
    JsonNode golden;
    try (InputStream in = getClass().getResourceAsStream("/spec/busybox-config.json")) {
      golden = MAPPER.readTree(in);
    }
    assertThat(canonical(generateTree(spec))).isEqualTo(canonical(golden));
    if (Files.exists(SeccompProfiles.DEFAULT_PROFILE)) {
      // podman 4.3.1 wrote exactly 10 875 bytes for this container (reference section 3); the ids and
      // paths here have the same lengths, so a byte-compatible encoder gives the same size.
      String json = new String(SpecWriter.toJson(spec)).replace(userdata.toString(), SpecFixtures.RUN_USERDATA);
      assertThat(json).hasSize(10_875);
    }
  }

  @Test
  void writesFieldsInRuntimeSpecOrder() {
    var spec = SpecGenerator.generate(SpecFixtures.busybox(), SpecFixtures.context(userdata, null));
    String json = new String(SpecWriter.toJson(spec));
    assertThat(json).startsWith("{\"ociVersion\":\"1.0.2-dev\",\"process\":{\"user\":{\"uid\":0,\"gid\":0,\"umask\":18},"
        + "\"args\":[\"sleep\",\"600\"],\"env\":");
    assertThat(json).contains("{\"type\":\"RLIMIT_NOFILE\",\"hard\":1024,\"soft\":1024}");
    assertThat(json.indexOf("\"root\"")).isLessThan(json.indexOf("\"hostname\""));
    assertThat(json.indexOf("\"mounts\"")).isLessThan(json.indexOf("\"annotations\""));
    assertThat(json).doesNotContain("\"seccomp\"").doesNotContain("terminal").doesNotContain("null");
  }

  @Test
  void unlimitedRlimitIsUint64Max() {
    var r = new RuntimeSpec.Rlimit("RLIMIT_CORE", -1, -1);
    assertThat(new String(SpecWriter.toJson(new RuntimeSpec("1.0.2-dev",
        new RuntimeSpec.Process(null, null, null, null, "/", null, List.of(r), null, null),
        null, null, null, null, null))))
        .contains("\"hard\":18446744073709551615,\"soft\":18446744073709551615");
  }

  @Test
  void initTtyAndNoNewPrivileges() throws Exception {
    var cfg = SpecFixtures.config("", true, true, "/usr/libexec/podman/catatonit", "bridge", "enabled",
        List.of("sh"));
    var spec = SpecGenerator.generate(cfg, SpecFixtures.context(userdata, null));
    assertThat(spec.process().terminal()).isTrue();
    assertThat(spec.process().args()).containsExactly("/run/podman-init", "--", "sh");
    var init = spec.mounts().stream().filter(m -> m.destination().equals("/run/podman-init")).findFirst();
    assertThat(init).hasValueSatisfying(m -> {
      assertThat(m.source()).isEqualTo("/usr/libexec/podman/catatonit");
      assertThat(m.options()).containsExactly("bind", "ro", "rprivate");
    });
    assertThat(spec.annotations()).containsEntry("io.podman.annotations.init", "TRUE")
        .containsEntry("io.kubernetes.cri-o.TTY", "true");
  }

  @Test
  void hostNetworkDropsNetnsAndNetSysctlsButKeepsSysfs() {
    var cfg = SpecFixtures.config("", false, false, null, "host", "enabled", List.of("true"));
    var spec = SpecGenerator.generate(cfg, SpecFixtures.context(userdata, null));
    assertThat(spec.linux().namespaces()).extracting(RuntimeSpec.Namespace::type)
        .containsExactly("pid", "ipc", "uts", "mount");
    assertThat(spec.linux().sysctl()).isEmpty();
    assertThat(spec.mounts()).anySatisfy(m -> {
      assertThat(m.destination()).isEqualTo("/sys");
      assertThat(m.type()).isEqualTo("sysfs");
    });
  }

  @Test
  void privateNetworkWithoutPathAndCgroupV2Namespace() {
    var ctx = new SpecContext(Path.of("/r"), userdata, null, SpecContext.CgroupVersion.V2,
        SpecContext.CgroupManager.SYSTEMD, false, true, null, null, ProcessUser.root());
    var cfg = SpecFixtures.config("", false, false, null, "none", "enabled", List.of("true"));
    var spec = SpecGenerator.generate(cfg, ctx);
    assertThat(spec.linux().namespaces()).containsExactly(new RuntimeSpec.Namespace("pid", null),
        new RuntimeSpec.Namespace("network", null), new RuntimeSpec.Namespace("ipc", null),
        new RuntimeSpec.Namespace("uts", null), new RuntimeSpec.Namespace("mount", null),
        new RuntimeSpec.Namespace("cgroup", null));
    assertThat(spec.linux().cgroupsPath()).isEqualTo("machine.slice:libpod:" + SpecFixtures.ID);
    assertThat(spec.mounts()).noneMatch(m -> m.destination().equals("/sys/fs/cgroup"));
    assertThat(spec.mounts()).anySatisfy(m -> {
      assertThat(m.destination()).isEqualTo("/dev/shm");
      assertThat(m.type()).isEqualTo("tmpfs");
      assertThat(m.options()).contains("size=" + (64000L * 1024));
    });
  }

  @Test
  void cgroupsDisabledHasNoPathAndMissingUserdataFilesAreSkipped() throws Exception {
    Files.delete(userdata.resolve(".containerenv"));
    var cfg = SpecFixtures.config("", false, false, null, "bridge", "disabled", List.of("true"));
    var spec = SpecGenerator.generate(cfg, SpecFixtures.context(userdata, null));
    assertThat(spec.linux().cgroupsPath()).isNull();
    assertThat(spec.mounts()).extracting(RuntimeSpec.Mount::destination)
        .doesNotContain("/run/.containerenv").contains("/etc/hosts");
  }

  @Test
  void nonRootUserKeepsOnlyBoundingCaps() {
    var cfg = SpecFixtures.config("1000:1000", false, false, null, "bridge", "enabled", List.of("id"));
    var ctx = SpecFixtures.context(userdata, null);
    ctx = new SpecContext(ctx.rootfs(), ctx.userdataDir(), ctx.shmPath(), ctx.cgroupVersion(),
        ctx.cgroupManager(), true, true, null, null, new ProcessUser(1000, 1000, List.of(10L), "/"));
    var spec = SpecGenerator.generate(cfg, ctx);
    assertThat(spec.process().capabilities().bounding()).isEqualTo(SpecFixtures.CAPS);
    assertThat(spec.process().capabilities().effective()).isNull();
    assertThat(spec.process().user()).isEqualTo(new RuntimeSpec.User(1000, 1000, 18, List.of(1000L, 10L))); // the primary gid first, as podman lists it
    assertThat(spec.process().env()).contains("HOME=/");
  }

  @Test
  void goTimeFormatTrimsZeros() {
    assertThat(SpecGenerator.goRfc3339Nano(java.time.Instant.parse("2026-01-02T03:04:05.120Z")))
        .isEqualTo("2026-01-02T03:04:05.12Z");
    assertThat(SpecGenerator.goRfc3339Nano(java.time.Instant.parse("2026-01-02T03:04:05Z")))
        .isEqualTo("2026-01-02T03:04:05Z");
  }

  @Test
  void writerReplacesAtomically() throws Exception {
    Path target = tmp.resolve("bundle/config.json");
    var spec = SpecGenerator.generate(SpecFixtures.busybox(), SpecFixtures.context(userdata, null));
    SpecWriter.write(spec, target);
    SpecWriter.write(spec, target);
    assertThat(MAPPER.readTree(target.toFile()).path("hostname").asText()).isEqualTo("a7212f1974c3");
    try (var files = Files.list(target.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("config.json");
    }
  }
}
