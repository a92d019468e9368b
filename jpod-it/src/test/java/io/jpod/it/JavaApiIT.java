package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.jpod.core.Libpod;
import io.jpod.core.LibpodOptions;
import io.jpod.it.example.RunHello;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The engine through its Java API only (the CLI is used just to check the result and clean up). */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaApiIT {
  private JpodCli jpod;
  private BusyboxImage busybox;

  @BeforeAll
  void setUp() {
    jpod = new JpodCli("JavaApiIT");
    busybox = BusyboxImage.build(jpod.dir());
    // like bin/jpod: use the sqlite native library shipped in lib/native
    Path nativeLib = jpod.home().resolve("lib/native");
    if (Files.isRegularFile(nativeLib.resolve("libsqlitejdbc.so"))) {
      System.setProperty("org.sqlite.lib.path", nativeLib.toString());
      System.setProperty("org.sqlite.lib.name", "libsqlitejdbc.so");
    }
  }

  @AfterAll
  void tearDown() {
    if (jpod != null) {
      jpod.close();
    }
  }

  @Test
  void runHelloExample() throws Exception {
    RunHello.Result r = RunHello.runHello(jpod.home(), busybox.tar(), jpod.dir());
    assertThat(r.exitCode()).isZero();
    assertThat(r.output()).containsExactly("hello");
    // removed: the CLI, sharing the directories, sees no container
    assertThat(jpod.run("ps", "-aq")).exitsCleanly().stdoutIs("");
    assertThat(jpod.run("container", "exists", r.containerId())).exitedWith(1);
  }

  @Test
  void exitCodeAndStderrThroughTheApi() throws Exception {
    LibpodOptions opts = RunHello.options(jpod.home(), jpod.root(), jpod.runRoot(), jpod.tmpDir());
    try (Libpod libpod = Libpod.open(opts)) {
      RunHello.importImage(libpod, busybox.tar(), "busybox");
      RunHello.Result r = RunHello.run(libpod, "busybox", List.of("sh", "-c", "echo to-out; echo to-err >&2; exit 7"));
      assertThat(r.exitCode()).isEqualTo(7);
      assertThat(r.output()).containsExactly("to-out", "to-err");
      assertThat(libpod.containers().exists(r.containerId())).isFalse();
    }
  }
}
