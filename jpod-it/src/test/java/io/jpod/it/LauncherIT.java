package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** bin/jpod itself: whatever the JVM has to say must never end up in a command's stdout. */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LauncherIT {

  /**
   * Regression test: an earlier launcher passed -Xshare:auto, and with lib/jpod.aot older than
   * lib/jpod.jar (any `mvn install` after ./setup) the JVM printed "[warning][aot] This file is
   * not the one used while building the shared archive file" on stdout of every command.
   */
  @Test
  void staleAotCacheDoesNotPolluteStdout() throws Exception {
    Path copy = Files.createTempDirectory(Path.of("/tmp"), "jpod-it-launcher-");
    try {
      Path home = JpodCli.jpodHome();
      BusyboxImage.exec(List.of("cp", "-a", home.resolve("bin").toString(), home.resolve("lib").toString(),
          copy.toString()));
      Files.deleteIfExists(copy.resolve("lib/jpod.aot"));
      Path store = Files.createDirectories(copy.resolve("store"));
      List<String> base = List.of(copy.resolve("bin/jpod").toString(), "--root", store.resolve("root").toString(),
          "--runroot", store.resolve("run").toString(), "--tmpdir", store.resolve("tmp").toString());

      // the training run ./setup does, then a rebuilt jar (newer mtime), as after `mvn install`
      ProcessBuilder train = new ProcessBuilder(concat(base, "version"));
      train.environment().put("JPOD_AOT_OUTPUT", copy.resolve("lib/jpod.aot").toString());
      Process p = train.redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
      assertThat(copy.resolve("lib/jpod.aot")).exists();
      Files.setLastModifiedTime(copy.resolve("lib/jpod.jar"), FileTime.from(Instant.now().plusSeconds(5)));

      Process v = new ProcessBuilder(concat(base, "ps", "-aq"))
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
      String out = new String(v.getInputStream().readAllBytes());
      String err = new String(v.getErrorStream().readAllBytes());
      assertThat(v.waitFor(180, TimeUnit.SECONDS)).isTrue();
      assertThat(new CliResult(v.exitValue(), out, err)).exitsCleanly().stdoutIs("");
    } finally {
      JpodCli.unmountAll(copy);
      JpodCli.deleteTree(copy);
    }
  }

  private static List<String> concat(List<String> base, String... more) {
    var l = new java.util.ArrayList<>(base);
    l.addAll(List.of(more));
    return l;
  }
}
