package io.jpod.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KernelFilesTest {
  @Test
  void sysctlValuesAreReadWhole() throws Exception {
    String pidMax = KernelFiles.read(Path.of("/proc/sys/kernel/pid_max")).strip();
    // pid_max is at least 301 on Linux; a one-character answer is the short-read bug this class avoids
    assertThat(Long.parseLong(pidMax)).isGreaterThanOrEqualTo(301);
  }
}
