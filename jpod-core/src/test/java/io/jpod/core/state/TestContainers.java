package io.jpod.core.state;

import io.jpod.core.container.ContainerConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Builds containers and stores for the state tests and their child processes. */
public final class TestContainers {
  private TestContainers() {}

  /** A random 64-hex container id. */
  public static String randomId() {
    byte[] b = new byte[32];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** A plausible config with the given id and name. */
  public static ContainerConfig config(String id, String name) {
    return new ContainerConfig(id, name, "a".repeat(64), "docker.io/library/alpine:latest", null,
        List.of(), List.of("sh", "-c", "echo hi"), List.of("PATH=/usr/bin:/bin", "TERM=xterm"), "/", "",
        id.substring(0, 12), false, false, false, null, false, Map.of("l", "v"), Map.of(), 15, 10, "crun",
        "k8s-file", "/tmp/" + id + "/ctr.log", -1, List.of(new ContainerConfig.Rlimit("RLIMIT_NOFILE", 1024, 4096)),
        List.of("CAP_CHOWN"), true, 2048, "/libpod_parent", "enabled", 65536000, Map.of(),
        io.jpod.core.network.NetworkConfig.of("bridge", null), "",
        Instant.parse("2024-05-01T10:15:30.123456789Z"), List.of("podman", "run", "alpine"), List.of(), null, null, null, null, null, null, null, null, null);
  }

  /** The paths of a store rooted at {@code root}. */
  public static StatePaths paths(Path root) {
    return new StatePaths(root.resolve("graph"), root.resolve("run"), root.resolve("run/libpod"));
  }
}
