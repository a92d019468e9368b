package io.jpod.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class K8sFileLogTest {
  private static final String LOG =
      "2026-12-04T05:00:00.000000001+00:00 stdout F one\r\n"
          + "2026-12-04T05:00:00.000000002+00:00 stdout P par\r\n"
          + "2026-12-04T05:00:00.000000003+00:00 stderr F err\n"
          + "2026-12-04T05:00:00.000000004+00:00 stdout F t\rwo\n";

  @Test
  void carriageReturnsStayInTheContent(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("ctr.log");
    Files.writeString(f, LOG, StandardCharsets.UTF_8);
    List<String> got = new K8sFileLog(f).readAll().stream().map(l -> l.stream() + ":" + l.content()).toList();
    assertEquals(List.of("stdout:one\r", "stderr:err", "stdout:par\rt\rwo"), got);
  }

  @Test
  void followReadsTheSameAsReadAll(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("ctr.log");
    Files.writeString(f, LOG, StandardCharsets.UTF_8);
    List<LogLine> followed = new ArrayList<>();
    new K8sFileLog(f).follow(0, followed::add, () -> false);
    assertEquals(new K8sFileLog(f).readAll(), followed);
  }
}
