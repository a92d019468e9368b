package io.jpod.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KernelRandomTest {
  @Test
  void makesVersion4UuidsLikeTheJdk() {
    KernelRandom random = new KernelRandom();
    Set<UUID> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      UUID u = random.uuid();
      assertThat(u.version()).isEqualTo(4);
      assertThat(u.variant()).isEqualTo(UUID.randomUUID().variant());
      assertThat(u.toString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      seen.add(u);
    }
    assertThat(seen).hasSize(100);
  }

  @Test
  void fillsWholeArraysAndSpreadsBounds() {
    KernelRandom random = new KernelRandom();
    byte[] big = new byte[4096];
    random.nextBytes(big);
    Set<Byte> values = new HashSet<>();
    for (byte b : big) {
      values.add(b);
    }
    assertThat(values).hasSizeGreaterThan(200); // 4096 random bytes miss almost none of the 256 values
    Set<Integer> small = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      small.add(random.nextInt(7));
    }
    assertThat(small).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6);
  }
}
