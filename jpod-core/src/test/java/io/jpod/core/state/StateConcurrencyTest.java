package io.jpod.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two jpod processes with several threads each write at once and never see "database is locked". */
class StateConcurrencyTest {
  private static final int THREADS = 4;
  private static final int COUNT = 50;

  @TempDir Path tmp;

  @Test
  void twoProcessesWritingAtOnceNeverFail() throws Exception {
    Path go = tmp.resolve("go");
    try (ChildJvm a = ChildJvm.start(ConcurrentWriterMain.class, tmp.toString(), "a", "" + THREADS, "" + COUNT, go.toString());
         ChildJvm b = ChildJvm.start(ConcurrentWriterMain.class, tmp.toString(), "b", "" + THREADS, "" + COUNT, go.toString())) {
      a.awaitLine("READY", Duration.ofSeconds(60));
      b.awaitLine("READY", Duration.ofSeconds(60));
      Files.createFile(go); // both start writing at the same moment
      assertThat(a.waitFor(Duration.ofMinutes(3))).as(a.output()).isZero();
      assertThat(b.waitFor(Duration.ofMinutes(3))).as(b.output()).isZero();
      assertThat(a.output()).doesNotContain("locked").contains("DONE");
      assertThat(b.output()).doesNotContain("locked").contains("DONE");
    }
    try (SqliteStateStore store = new SqliteStateStore(TestContainers.paths(tmp))) {
      assertThat(store.containers()).hasSize(2 * THREADS * COUNT / 2);
      assertThat(store.integrityCheck()).isEqualTo("ok");
    }
  }
}
