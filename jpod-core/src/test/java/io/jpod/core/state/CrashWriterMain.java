package io.jpod.core.state;

import io.jpod.core.container.ContainerState;
import io.jpod.core.container.ContainerStatus;
import java.nio.file.Path;
import java.time.Instant;

/** Child process of {@link StateCrashTest}: writes state rows in a loop until it is SIGKILLed. */
public final class CrashWriterMain {
  private CrashWriterMain() {}

  public static void main(String[] args) {
    try (SqliteStateStore store = new SqliteStateStore(TestContainers.paths(Path.of(args[0])))) {
      String tag = args[1];
      for (int i = 0; i < 1_000_000; i++) {
        String id = TestContainers.randomId();
        store.addContainer(TestContainers.config(id, tag + "-" + i), ContainerState.configured());
        store.saveState(id, ContainerState.configured().withStatus(ContainerStatus.RUNNING).withPids(1000 + i, 999)
            .withStarted(Instant.now()));
        store.addExecSession(id, TestContainers.randomId(), "{\"cmd\":[\"ls\"]}");
        store.recordExitCode(id, i % 256);
        if (i % 3 == 0) {
          store.removeContainer(id);
        }
        System.out.println("wrote " + i);
      }
    }
  }
}
