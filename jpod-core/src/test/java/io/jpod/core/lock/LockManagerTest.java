package io.jpod.core.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import io.jpod.core.state.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockManagerTest {
  @TempDir Path tmp;

  @Test
  void threadsQueueInArrivalOrder() throws Exception {
    LockManager locks = new LockManager(tmp);
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    ObjectLock first = locks.lock("ctr1");
    Thread b = Thread.ofPlatform().start(() -> {
      try (ObjectLock _ = locks.lock("ctr1")) {
        order.add("b");
      }
    });
    awaitBlocked(b);
    Thread c = Thread.ofPlatform().start(() -> {
      try (ObjectLock _ = locks.lock("ctr1")) {
        order.add("c");
      }
    });
    awaitBlocked(c);
    order.add("a");
    first.close();
    b.join(10_000);
    c.join(10_000);
    assertThat(order).containsExactly("a", "b", "c");
  }

  @Test
  void tryLockSeesOtherHoldersAndLocksAreIndependentPerObject() throws Exception {
    LockManager locks = new LockManager(tmp);
    try (ObjectLock _ = locks.lock("ctr1")) {
      Optional<ObjectLock> other = CompletableFuture.supplyAsync(() -> locks.tryLock("ctr1")).get(10, TimeUnit.SECONDS);
      assertThat(other).isEmpty();
      Optional<ObjectLock> unrelated = CompletableFuture.supplyAsync(() -> {
        Optional<ObjectLock> l = locks.tryLock("ctr2");
        l.ifPresent(ObjectLock::close);
        return l;
      }).get(10, TimeUnit.SECONDS);
      assertThat(unrelated).isPresent();
      assertThatThrownBy(() -> locks.lock("ctr1")).isInstanceOf(IllegalStateException.class);
    }
    Optional<ObjectLock> again = locks.tryLock("ctr1");
    assertThat(again).isPresent();
    again.get().close();
    again.get().close(); // idempotent
    assertThat(again.get().isHeld()).isFalse();
  }

  @Test
  void rejectsIdsThatAreNotFileNames() {
    LockManager locks = new LockManager(tmp);
    for (String bad : List.of("", "../x", "a/b", ".hidden")) {
      assertThatThrownBy(() -> locks.lock(bad)).isInstanceOf(JpodException.class);
    }
  }

  @Test
  void removeNeedsTheLockAndDeletesTheFile() {
    LockManager locks = new LockManager(tmp);
    assertThatThrownBy(() -> locks.remove("v")).isInstanceOf(IllegalStateException.class);
    try (ObjectLock _ = locks.lock("v")) {
      assertThat(tmp.resolve("v.lock")).exists();
      locks.remove("v");
      assertThat(tmp.resolve("v.lock")).doesNotExist();
    }
    try (ObjectLock _ = locks.lock("v")) {
      assertThat(tmp.resolve("v.lock")).exists();
    }
  }

  @Test
  void processesAndThreadsExcludeEachOther() throws Exception {
    Path counter = tmp.resolve("counter");
    Path dir = tmp.resolve("locks");
    int threads = 2;
    int iterations = 100;
    try (ChildJvm a = ChildJvm.start(LockHolderMain.class, "count", dir.toString(), "shared", "" + threads, "" + iterations, counter.toString());
         ChildJvm b = ChildJvm.start(LockHolderMain.class, "count", dir.toString(), "shared", "" + threads, "" + iterations, counter.toString())) {
      // This JVM joins in too.
      LockManager locks = new LockManager(dir);
      for (int i = 0; i < iterations; i++) {
        try (ObjectLock _ = locks.lock("shared")) {
          LockHolderMain.incrementSlowly(counter);
        }
      }
      assertThat(a.waitFor(Duration.ofMinutes(2))).as(a.output()).isZero();
      assertThat(b.waitFor(Duration.ofMinutes(2))).as(b.output()).isZero();
    }
    assertThat(Files.readString(counter).trim()).isEqualTo("" + (2 * threads * iterations + iterations));
  }

  @Test
  void killedHolderReleasesItsLock() throws Exception {
    LockManager locks = new LockManager(tmp);
    try (ChildJvm holder = ChildJvm.start(LockHolderMain.class, "hold", tmp.toString(), "ctr")) {
      holder.awaitLine("LOCKED", Duration.ofSeconds(60));
      assertThat(locks.tryLock("ctr")).isEmpty();
      holder.kill();
    }
    Optional<ObjectLock> got = CompletableFuture.supplyAsync(() -> locks.lock("ctr")).completeOnTimeout(null, 10, TimeUnit.SECONDS)
        .thenApply(Optional::ofNullable).get();
    assertThat(got).as("lock after the holder was killed").isPresent();
  }

  @Test
  void waiterOnRemovedFileMovesToTheNewFile() throws Exception {
    LockManager locks = new LockManager(tmp);
    ObjectLock mine = locks.lock("vol");
    try (ChildJvm waiter = ChildJvm.start(LockHolderMain.class, "hold", tmp.toString(), "vol")) {
      waiter.awaitLine("WAITING", Duration.ofSeconds(60));
      Thread.sleep(300); // let it block in fcntl on the current file
      locks.remove("vol");
      mine.close();
      waiter.awaitLine("LOCKED", Duration.ofSeconds(30));
      // The waiter must hold the file now at the path, so we are excluded.
      assertThat(locks.tryLock("vol")).isEmpty();
    }
  }

  private static void awaitBlocked(Thread t) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(t.getState()).isEqualTo(Thread.State.WAITING);
  }
}
