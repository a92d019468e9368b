package io.jpod.sys;

import static io.jpod.sys.Libc.INT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DowncallTest {
  @Test
  void linksOnFirstUseAndReusesTheHandle() throws Throwable {
    Downcall getpid = Libc.plain("getpid", INT);
    assertThat(getpid.isLinked()).isFalse();

    MethodHandle first = getpid.handle();
    assertThat(getpid.isLinked()).isTrue();
    assertThat(getpid.handle()).isSameAs(first);
    assertThat((int) first.invokeExact()).isEqualTo((int) ProcessHandle.current().pid());
  }

  @Test
  void concurrentFirstUseLinksOnce() throws Throwable {
    Downcall getppid = Libc.plain("getppid", INT);
    int threads = 16;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<MethodHandle>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          go.await();
          return getppid.handle();
        }));
      }
      go.countDown();
      MethodHandle h = results.getFirst().get();
      for (Future<MethodHandle> f : results) {
        assertThat(f.get()).isSameAs(h);
      }
      long expected = ProcessHandle.current().parent().orElseThrow().pid();
      assertThat((int) h.invokeExact()).isEqualTo((int) expected);
    }
  }

  @Test
  void errnoCapturingAndVariadicHandlesKeepTheirCallShape() throws Throwable {
    // The capture segment comes first; the variadic function's fixed part is as declared.
    Downcall close = Libc.errno("close", INT, INT);
    assertThat(close.handle().type().parameterCount()).isEqualTo(2);
    long rc = Libc.raw(st -> (int) close.handle().invokeExact(st, -1));
    assertThat(rc).isEqualTo(-9L); // EBADF

    Downcall fcntl = Libc.variadic("fcntl", 2, INT, INT, INT, INT);
    try (Pipe p = Pipe.open()) {
      int flags = (int) Libc.call("fcntl", st -> (int) fcntl.handle().invokeExact(st, p.read().fd(), 3, 0));
      assertThat(flags & Fd.O_NONBLOCK).isZero();
    }
  }

  @Test
  void aMissingSymbolIsReportedOnUseNotOnCreation() {
    Downcall missing = Libc.plain("jpod_no_such_function", INT);
    assertThat(missing.isPresent()).isFalse();
    assertThat(missing.isLinked()).isTrue();
    assertThatThrownBy(missing::handle)
        .isInstanceOf(UnsatisfiedLinkError.class)
        .hasMessage("no C symbol jpod_no_such_function");
  }
}
