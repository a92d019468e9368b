package io.jpod.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A jpod SIGKILLed in the middle of writing leaves a consistent database (WAL + synchronous=FULL). */
class StateCrashTest {
  @TempDir Path tmp;

  @Test
  void killedWriterLeavesConsistentDatabase() throws Exception {
    for (int round = 0; round < 3; round++) {
      try (ChildJvm child = ChildJvm.start(CrashWriterMain.class, tmp.toString(), "r" + round)) {
        child.awaitLine("wrote 20", Duration.ofSeconds(60));
        // Why a random extra delay: land the kill at a different point of a transaction each round.
        Thread.sleep(ThreadLocalRandom.current().nextInt(1, 60));
        child.kill();
      }
      assertConsistent();
    }
  }

  private void assertConsistent() throws Exception {
    try (SqliteStateStore store = new SqliteStateStore(TestContainers.paths(tmp))) {
      assertThat(store.integrityCheck()).isEqualTo("ok");
      // Every row parses, and every config row has its state row (the JOIN would drop orphans).
      int listed = store.containers().size();
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("graph/libpod/db.sql"));
           Statement st = c.createStatement()) {
        assertThat(count(st, "SELECT count(*) FROM ContainerConfig")).isEqualTo(listed);
        assertThat(count(st, "SELECT count(*) FROM ContainerState")).isEqualTo(listed);
        assertThat(count(st, "SELECT count(*) FROM ContainerConfig c LEFT JOIN ContainerState s ON s.ID = c.ID"
            + " WHERE s.ID IS NULL")).isZero();
        assertThat(count(st, "SELECT count(*) FROM ContainerConfig c LEFT JOIN IDNamespace n ON n.ID = c.ID"
            + " WHERE n.ID IS NULL")).isZero();
        assertThat(count(st, "SELECT count(*) FROM ContainerExecSession e LEFT JOIN ContainerConfig c"
            + " ON c.ID = e.ContainerID WHERE c.ID IS NULL")).isZero();
        try (ResultSet rs = st.executeQuery("PRAGMA foreign_key_check")) {
          assertThat(rs.next()).as("foreign key violations").isFalse();
        }
      }
      assertThat(listed).isPositive();
    }
  }

  private static int count(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
