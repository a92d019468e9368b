package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ConcurrencyIT extends JpodTestBase {
  private static final int N = 20;

  @Test
  void twentyParallelRunRm() throws Exception {
    List<CliResult> results = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(N);
    try {
      List<Future<CliResult>> futures = new ArrayList<>();
      for (int i = 0; i < N; i++) {
        futures.add(pool.submit(() -> jpod.run(null, java.time.Duration.ofMinutes(8), "run", "--rm", "busybox", "true")));
      }
      for (Future<CliResult> f : futures) {
        results.add(f.get(10, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
    }
    for (CliResult r : results) {
      assertThat(r.stdout() + r.stderr()).doesNotContainIgnoringCase("database is locked");
    }
    for (CliResult r : results) {
      assertThat(r).exitsCleanly();
    }
    CliResult ps = jpod("ps", "-a", "-q");
    assertThat(ps).exitsCleanly().stdoutIs("");
    assertThat(ps.stderr()).doesNotContainIgnoringCase("database is locked");
  }
}
