package io.jpod.core.state;

import io.jpod.core.container.ContainerState;
import io.jpod.core.container.ContainerStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Child process of {@link StateConcurrencyTest}: several threads add {@code count} containers each,
 * then remove every other one, all through one store (one connection) of this process.
 */
public final class ConcurrentWriterMain {
  private ConcurrentWriterMain() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    String tag = args[1];
    int threads = Integer.parseInt(args[2]);
    int count = Integer.parseInt(args[3]);
    Path go = Path.of(args[4]);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (SqliteStateStore store = new SqliteStateStore(TestContainers.paths(root))) {
      System.out.println("READY");
      while (!Files.exists(go)) {
        Thread.sleep(2);
      }
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int tn = t;
        workers.add(Thread.ofPlatform().start(() -> {
          try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
              String id = TestContainers.randomId();
              String name = tag + "-" + tn + "-" + i;
              store.addContainer(TestContainers.config(id, name), ContainerState.configured());
              store.saveState(id, ContainerState.configured().withStatus(ContainerStatus.CREATED));
              if (!store.lookupContainer(name).id().equals(id)) {
                throw new AssertionError("lookup of " + name + " returned another container");
              }
              ids.add(id);
            }
            for (int i = 0; i < ids.size(); i += 2) {
              store.removeContainer(ids.get(i));
            }
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          }
        }));
      }
      for (Thread w : workers) {
        w.join();
      }
    }
    if (failure.get() != null) {
      System.out.println("ERROR " + failure.get());
      failure.get().printStackTrace(System.out);
      System.exit(1);
    }
    System.out.println("DONE");
  }
}
