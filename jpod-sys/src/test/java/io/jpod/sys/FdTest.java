package io.jpod.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class FdTest {
  @TempDir Path tmp;

  @Test
  void pipeRoundTrip() throws Exception {
    try (Pipe p = Pipe.open()) {
      byte[] data = new byte[200_000]; // larger than the pipe buffer, so the writer must loop
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) i;
      }
      Thread writer = Thread.ofPlatform().start(() -> {
        p.write().write(data, 0, data.length);
        p.write().close();
      });
      byte[] got = p.read().inputStream().readAllBytes();
      writer.join();
      assertThat(got).isEqualTo(data);
      assertThat(p.read().read(new byte[1], 0, 1)).isEqualTo(-1);
    }
  }

  @Test
  void openWriteReadFile() throws Exception {
    Path file = tmp.resolve("f");
    try (Fd fd = Fd.open(file.toString(), Fd.O_WRONLY | Fd.O_CREAT | Fd.O_CLOEXEC, 0600)) {
      fd.outputStream().write("abc".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(Files.readString(file)).isEqualTo("abc");
    try (Fd fd = Fd.open(file.toString(), Fd.O_RDONLY | Fd.O_CLOEXEC, 0); Fd copy = fd.dup()) {
      assertThat(copy.fd()).isNotEqualTo(fd.fd());
      byte[] buf = new byte[10];
      assertThat(copy.read(buf, 1, 9)).isEqualTo(3);
      assertThat(new String(buf, 1, 3, StandardCharsets.UTF_8)).isEqualTo("abc");
      assertThat(fd.read(buf, 0, 10)).isEqualTo(-1); // dup shares the file offset
    }
  }

  @Test
  void openFailureNamesThePath() {
    assertThatThrownBy(() -> Fd.open("/nonexistent/x", Fd.O_RDONLY, 0))
        .isInstanceOf(JpodException.class)
        .hasMessage("open /nonexistent/x: no such file or directory");
  }

  @Test
  void nonBlockingReadOfEmptyPipeReturnsZero() {
    try (Pipe p = Pipe.open()) {
      p.read().setBlocking(false);
      assertThat(p.read().read(new byte[4], 0, 4)).isZero();
      p.read().setBlocking(true);
      p.write().write(new byte[] {1, 2}, 0, 2);
      assertThat(p.read().read(new byte[4], 0, 4)).isEqualTo(2);
    }
  }

  @Test
  void closeIsIdempotentAndUseAfterCloseFails() {
    Pipe p = Pipe.open();
    p.close();
    p.close();
    assertThatThrownBy(() -> p.read().read(new byte[1], 0, 1)).isInstanceOf(JpodException.class);
  }
}
