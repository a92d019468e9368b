package io.jpod.core.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ContainerChangesTest {
  @Test
  void aSignalWakesAWaiterLongBeforeItsMaximum() throws Exception {
    ContainerChanges changes = new ContainerChanges();
    long seen = changes.count();
    Thread waiter = Thread.ofVirtual().start(() -> {
      try {
        changes.await(seen, Duration.ofHours(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    changes.signal();
    waiter.join(); // the class-level timeout fails the test if the signal were lost
    assertThat(changes.count()).isEqualTo(seen + 1);
  }

  @Test
  void aChangeBeforeTheWaitIsNotMissed() throws Exception {
    ContainerChanges changes = new ContainerChanges();
    long seen = changes.count();
    changes.signal(); // between reading the state and waiting
    changes.await(seen, Duration.ofHours(1));
    assertThat(changes.count()).isEqualTo(seen + 1);
  }

  @Test
  void withoutAChangeTheWaitEndsAtItsMaximum() throws Exception {
    ContainerChanges changes = new ContainerChanges();
    changes.await(changes.count(), Duration.ofMillis(20));
    assertThat(changes.count()).isZero();
  }
}
