package io.jpod.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.jpod.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-written streaming encoder must give exactly the bytes the annotated records map to. */
class SpecJsonTest {
  @TempDir Path tmp;

  private static void assertSameAsJackson(RuntimeSpec spec) throws Exception {
    String expected = Json.mapper().writeValueAsString(spec);
    assertThat(new String(SpecJson.write(spec))).isEqualTo(expected);
  }

  @Test
  void generatedSpecsMatch() throws Exception {
    Path userdata = Files.createDirectories(tmp.resolve("userdata"));
    for (String f : List.of("hosts", "hostname", "resolv.conf", ".containerenv")) {
      Files.writeString(userdata.resolve(f), "");
    }
    var seccomp = Files.exists(SeccompProfiles.DEFAULT_PROFILE)
        ? SeccompProfiles.load(SeccompProfiles.DEFAULT_PROFILE, SpecFixtures.CAPS, "x86_64")
        : SpecFixtures.fakeSeccomp();
    assertSameAsJackson(SpecGenerator.generate(SpecFixtures.busybox(), SpecFixtures.context(userdata, seccomp)));
    assertSameAsJackson(SpecGenerator.generate(SpecFixtures.busybox(), SpecFixtures.context(userdata, null)));
  }

  @Test
  void everyFieldEmptyNullAndFullMatches() throws Exception {
    // empty strings and lists (left out where NON_EMPTY, kept where NON_NULL), nulls, unsigned values
    var user = new RuntimeSpec.User(0, 0, null, new ArrayList<>(java.util.Arrays.asList(10L, null)));
    var caps = new RuntimeSpec.Capabilities(List.of("CAP_CHOWN"), List.of(), null, List.of("CAP_KILL"), List.of("x\"y"));
    var process = new RuntimeSpec.Process(false, user, List.of("sh", "-c", "echo \u00e9\t\\"), List.of(), "",
        caps, List.of(new RuntimeSpec.Rlimit("RLIMIT_NOFILE", -1, 1024)), true, -500);
    var mounts = List.of(new RuntimeSpec.Mount("/proc", "proc", "proc", List.of()),
        new RuntimeSpec.Mount("/x", "", null, List.of("rbind", "ro")));
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("a", "");
    annotations.put("io.container.manager", "libpod");
    var resources = new RuntimeSpec.Resources(
        List.of(new RuntimeSpec.DeviceRule(false, null, null, null, "rwm"), new RuntimeSpec.DeviceRule(true, "c", 1L, 3L, "")),
        new RuntimeSpec.Memory(104857600L, null, -1L, 0L, false),
        new RuntimeSpec.Cpu(1024L, null, 100000L, "", "0"),
        new RuntimeSpec.Pids(2048),
        new RuntimeSpec.BlockIO(null, List.of(new RuntimeSpec.ThrottleDevice(8, 0, 1048576)), List.of()));
    var seccomp = new RuntimeSpec.Seccomp("SCMP_ACT_ERRNO", 38, List.of("SCMP_ARCH_X86_64"), List.of(),
        List.of(new RuntimeSpec.SyscallRule(List.of("personality"), "SCMP_ACT_ALLOW", null,
                List.of(new RuntimeSpec.Arg(0, -1L, 0L, "SCMP_CMP_EQ"), new RuntimeSpec.Arg(1, 8, 9L, null))),
            new RuntimeSpec.SyscallRule(List.of("clone"), "SCMP_ACT_ERRNO", 1, List.of())));
    var linux = new RuntimeSpec.Linux(
        List.of(new RuntimeSpec.IdMapping(0, 100000, 65536)), List.of(),
        Map.of("net.ipv4.ip_forward", "1"), resources, "libpod_parent/libpod-x",
        List.of(new RuntimeSpec.Namespace("pid", null), new RuntimeSpec.Namespace("network", "/run/netns/x"),
            new RuntimeSpec.Namespace("ipc", "")),
        List.of(new RuntimeSpec.Device("/dev/null", "c", 1, 3, 0666, 0L, null), new RuntimeSpec.Device("", null, 0, 0, null, null, 5L)),
        seccomp, List.of("/proc/kcore"), List.of());
    assertSameAsJackson(new RuntimeSpec("1.0.2-dev", process, new RuntimeSpec.Root("/mnt/x", false), "", mounts,
        annotations, linux));
    assertSameAsJackson(new RuntimeSpec(null, null, null, null, null, null, null));
    assertSameAsJackson(new RuntimeSpec("1.0.2-dev", new RuntimeSpec.Process(null, null, null, null, null, null, null, null, null),
        new RuntimeSpec.Root(null, null), "h", List.of(), Map.of(), new RuntimeSpec.Linux(null, null, null, null, null, null, null,
            null, null, null)));
    assertSameAsJackson(new RuntimeSpec("1", null, null, null, null, null, new RuntimeSpec.Linux(null, null, Map.of(),
        new RuntimeSpec.Resources(null, new RuntimeSpec.Memory(null, null, null, null, null), new RuntimeSpec.Cpu(null, null, null, null, null), null, new RuntimeSpec.BlockIO(5, null, null)),
        "", List.of(), List.of(), new RuntimeSpec.Seccomp(null, null, null, null, null), null, null)));
  }
}
