package io.jpod.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodesXattrsTest {
  @TempDir Path tmp;

  @Test
  void devNumbersRoundTripAndMatchTheKernelEncoding() throws Exception {
    assertThat(Nodes.makedev(1, 3)).isEqualTo(0x103L);
    for (long[] mm : new long[][] {{0, 0}, {1, 3}, {8, 17}, {4095, 255}, {4096, 256}, {0xfffff, 0xfffff}}) {
      long dev = Nodes.makedev(mm[0], mm[1]);
      assertThat(Nodes.major(dev)).isEqualTo((int) mm[0]);
      assertThat(Nodes.minor(dev)).isEqualTo((int) mm[1]);
    }
    // /dev/null is 1:3 everywhere.
    long rdev = (long) Files.getAttribute(Path.of("/dev/null"), "unix:rdev");
    assertThat(Nodes.major(rdev)).isEqualTo(1);
    assertThat(Nodes.minor(rdev)).isEqualTo(3);
  }

  @Test
  void mknodCreatesDevicesFifosAndWhiteouts() throws Exception {
    Path whiteout = tmp.resolve("wh");
    Nodes.mknod(whiteout, Nodes.S_IFCHR, 0);
    assertThat((int) Files.getAttribute(whiteout, "unix:mode", LinkOption.NOFOLLOW_LINKS) & Nodes.S_IFMT)
        .isEqualTo(Nodes.S_IFCHR);
    assertThat((long) Files.getAttribute(whiteout, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isZero();

    Path blk = tmp.resolve("loop0");
    Nodes.mknod(blk, Nodes.S_IFBLK | 0600, Nodes.makedev(7, 300));
    long rdev = (long) Files.getAttribute(blk, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
    assertThat(Nodes.major(rdev)).isEqualTo(7);
    assertThat(Nodes.minor(rdev)).isEqualTo(300);
    assertThat((int) Files.getAttribute(blk, "unix:mode", LinkOption.NOFOLLOW_LINKS) & Nodes.S_IFMT)
        .isEqualTo(Nodes.S_IFBLK);

    Path fifo = tmp.resolve("fifo");
    Nodes.mknod(fifo, Nodes.S_IFIFO | 0644, 0);
    assertThat(Files.isRegularFile(fifo)).isFalse();
    assertThat(Files.getAttribute(fifo, "unix:mode")).isEqualTo(Nodes.S_IFIFO | 0644);

    assertThatThrownBy(() -> Nodes.mknod(fifo, Nodes.S_IFIFO, 0))
        .isInstanceOf(JpodException.class).hasMessage("mknod " + fifo + ": file exists");
  }

  @Test
  void attributesOfFifosDevicesAndLinksWithoutOpeningThem() throws Exception {
    Path fifo = tmp.resolve("fifo2");
    Nodes.mknod(fifo, Nodes.S_IFIFO, 0);
    // Opening a fifo for reading would block until a writer comes: none of these may open it.
    Nodes.lchown(fifo, 12, 34);
    Nodes.chmod(fifo, 04751); // after chown, which clears setuid
    java.time.Instant t = java.time.Instant.parse("2001-09-09T01:46:40.123456789Z");
    Nodes.setTimes(fifo, t, t);
    assertThat(Files.getAttribute(fifo, "unix:mode", LinkOption.NOFOLLOW_LINKS)).isEqualTo(Nodes.S_IFIFO | 04751);
    assertThat(Files.getAttribute(fifo, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(12);
    assertThat(Files.getAttribute(fifo, "unix:gid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(34);
    assertThat(Files.getLastModifiedTime(fifo, LinkOption.NOFOLLOW_LINKS).toInstant()).isEqualTo(t);

    Path target = Files.writeString(tmp.resolve("target"), "t");
    Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
    Nodes.lchown(link, 5, 6);
    Nodes.setTimes(link, t, t);
    assertThat(Files.getAttribute(link, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(5);
    assertThat(Files.getAttribute(target, "unix:uid")).isEqualTo(0);
    assertThat(Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS).toInstant()).isEqualTo(t);
    assertThat(Files.getLastModifiedTime(target).toInstant()).isNotEqualTo(t);
    assertThatThrownBy(() -> Nodes.chmod(tmp.resolve("nope"), 0644))
        .isInstanceOf(JpodException.class).hasMessage("chmod " + tmp.resolve("nope") + ": no such file or directory");
  }

  @Test
  void xattrsOfTheLinkItselfNeverOfItsTarget() throws Exception {
    Path file = Files.writeString(tmp.resolve("f"), "x");
    Path link = Files.createSymbolicLink(tmp.resolve("l"), file);
    byte[] binary = {1, 0, 0, 2, (byte) 0x80, 0x20, 0, 0, (byte) 0xff};
    Xattrs.set(file, "trusted.test", binary);
    Xattrs.set(link, "trusted.overlay.opaque", "y".getBytes(StandardCharsets.US_ASCII));

    assertThat(Xattrs.get(file, "trusted.test")).hasValueSatisfying(v -> assertThat(v).isEqualTo(binary));
    assertThat(Xattrs.get(link, "trusted.test")).isEmpty();
    assertThat(Xattrs.get(file, "trusted.overlay.opaque")).isEmpty();
    assertThat(Xattrs.list(link)).containsExactly("trusted.overlay.opaque");
    assertThat(Xattrs.list(file)).contains("trusted.test");

    Xattrs.set(file, "trusted.empty", new byte[0]);
    assertThat(Xattrs.get(file, "trusted.empty")).hasValueSatisfying(v -> assertThat(v).isEmpty());

    Xattrs.remove(file, "trusted.test");
    Xattrs.remove(file, "trusted.test"); // already gone: fine
    assertThat(Xattrs.get(file, "trusted.test")).isEmpty();
  }

  @Test
  void failuresAreReportedWithErrno() {
    Path missing = tmp.resolve("missing");
    assertThat(Xattrs.trySet(missing, "trusted.a", new byte[] {1})).isEqualTo(Errno.ENOENT);
    assertThatThrownBy(() -> Xattrs.set(missing, "trusted.a", new byte[] {1}))
        .isInstanceOf(JpodException.class)
        .hasMessage("lsetxattr trusted.a " + missing + ": no such file or directory");
    assertThatThrownBy(() -> Xattrs.list(missing)).isInstanceOf(JpodException.class);
    assertThatThrownBy(() -> Xattrs.get(missing, "trusted.a")).isInstanceOf(JpodException.class);
  }

  @Test
  void userXattrsAreRefusedOnSymlinks() throws Exception {
    Path link = Files.createSymbolicLink(tmp.resolve("l2"), Path.of("nowhere"));
    assertThat(Xattrs.trySet(link, "user.a", new byte[] {1})).isIn(Errno.EPERM, Errno.ENOTSUP);
  }
}
