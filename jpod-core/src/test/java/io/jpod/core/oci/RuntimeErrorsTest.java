package io.jpod.core.oci;

import static org.assertj.core.api.Assertions.assertThat;

import io.jpod.common.ErrorKind;
import io.jpod.core.cgroup.CgroupMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeErrorsTest {
  @Test
  void missingAndNonExecutableCommandsMapTo127And126() {
    var notFound = RuntimeErrors.classify("runc",
        "runc create failed: unable to start container process: exec: \"/x\": stat /x: no such file or directory");
    assertThat(notFound.kind()).isEqualTo(ErrorKind.RUNTIME_NOT_FOUND);
    assertThat(notFound.kind().exitCode()).isEqualTo(127);
    assertThat(notFound.getMessage()).endsWith(": OCI runtime attempted to invoke a command that was not found");
    var denied = RuntimeErrors.classify("runc", "exec: \"/etc/passwd\": permission denied");
    assertThat(denied.kind().exitCode()).isEqualTo(126);
    assertThat(RuntimeErrors.classify("runc", "cgroup trouble").kind()).isEqualTo(ErrorKind.SYSTEM);
  }

  @Test
  void lastErrorOfTheJsonLogIsUsed(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("oci-log");
    Files.writeString(log, "{\"level\":\"info\",\"msg\":\"x\"}\n{\"level\":\"error\",\"msg\":\"exec: \\\"a\\\": boom\",\"time\":\"t\"}\n");
    assertThat(RuntimeErrors.lastLogError(log)).isEqualTo("exec: \"a\": boom");
    assertThat(RuntimeErrors.lastLogError(dir.resolve("none"))).isEmpty();
  }

  @Test
  void crunOnHybridHostIsRefusedWithTheAlternative(@TempDir Path dir) throws Exception {
    Path crun = Files.createFile(dir.resolve("crun"));
    Path runc = Files.createFile(dir.resolve("runc"));
    crun.toFile().setExecutable(true);
    runc.toFile().setExecutable(true);
    var runtimes = new OciRuntimes(Map.of("crun", List.of(crun.toString()), "runc", List.of(runc.toString())), CgroupMode.HYBRID);
    OciRuntime rt = runtimes.get("crun");
    assertThat(rt).isInstanceOf(MissingOciRuntime.class);
    assertThat(((MissingOciRuntime) rt).reason()).contains("hybrid").endsWith("use --runtime runc");
    assertThat(runtimes.firstUsable()).get().extracting(OciRuntime::name).isEqualTo("runc");
    assertThat(new OciRuntimes(Map.of("crun", List.of(crun.toString())), CgroupMode.V2).get("crun"))
        .isInstanceOf(ConmonOciRuntime.class);
    assertThat(runtimes.get("kata")).isInstanceOf(MissingOciRuntime.class);
  }
}
