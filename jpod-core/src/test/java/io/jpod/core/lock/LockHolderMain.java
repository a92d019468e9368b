package io.jpod.core.lock;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Child process of {@link LockManagerTest}: holds, waits for, or increments under an object lock. */
public final class LockHolderMain {
  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    LockManager locks = new LockManager(Path.of(args[1]));
    String id = args[2];
    switch (mode) {
      case "hold" -> {
        System.out.println("WAITING");
        ObjectLock held = locks.lock(id);
        System.out.println("LOCKED " + held.objectId());
        Thread.sleep(Long.MAX_VALUE); // until SIGKILL
      }
      case "count" -> {
        int threads = Integer.parseInt(args[3]);
        int iterations = Integer.parseInt(args[4]);
        Path counter = Path.of(args[5]);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          workers.add(Thread.ofPlatform().start(() -> {
            for (int i = 0; i < iterations; i++) {
              try (ObjectLock _ = locks.lock(id)) {
                incrementSlowly(counter);
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            }
          }));
        }
        for (Thread w : workers) {
          w.join();
        }
        System.out.println("DONE");
      }
      default -> throw new IllegalArgumentException(mode);
    }
  }

  /** A read-modify-write that loses updates unless callers are mutually excluded. */
  static void incrementSlowly(Path counter) throws Exception {
    int n = Files.exists(counter) ? Integer.parseInt(Files.readString(counter).trim()) : 0;
    Thread.onSpinWait();
    Files.writeString(counter, Integer.toString(n + 1), StandardCharsets.UTF_8);
  }
}
