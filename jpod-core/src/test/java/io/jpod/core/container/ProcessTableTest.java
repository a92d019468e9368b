package io.jpod.core.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTableTest {
  @TempDir Path proc;

  private void process(long pid, long ppid, String comm, String cmdline, String nspid, int uid, String capEff)
      throws Exception {
    Path d = Files.createDirectories(proc.resolve(Long.toString(pid)));
    // pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime cutime
    // cstime priority nice num_threads itrealvalue starttime vsize rss
    Files.writeString(d.resolve("stat"), pid + " (" + comm + ") S " + ppid + " " + pid + " " + pid
        + " 34816 0 0 0 0 0 0 150 99 0 0 20 0 1 0 1000 4096000 200 0\n");
    Files.writeString(d.resolve("status"), "Name:\t" + comm + "\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid
        + "\nGid:\t0\t0\t0\t0\nNSpid:\t" + nspid + "\nCapEff:\t" + capEff + "\nSeccomp:\t2\n");
    Files.writeString(d.resolve("cmdline"), cmdline);
  }

  @Test
  void podmansColumnsWithTheContainersPidsAndNames() throws Exception {
    Files.writeString(proc.resolve("stat"), "cpu 1 2 3\nbtime 1700000000\n");
    process(100, 90, "sh", "sh\0-c\0sleep 9\0", "100\t1", 0, "00000000a80425fb");
    process(101, 100, "sleep", "sleep\0009\0", "101\t2", 1000, "0000000000000000");
    process(90, 1, "conmon", "conmon\0", "90", 0, "000001ffffffffff");
    Files.createDirectories(proc.resolve("100/root/etc"));
    Files.writeString(proc.resolve("100/root/etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    Files.writeString(proc.resolve("100/root/etc/group"), "root:x:0:\n");
    ProcessTable t = new ProcessTable(proc);
    List<List<String>> rows = t.rows(List.of(100L, 101L), List.of(), 100);
    assertThat(rows.get(0)).containsExactly("USER", "PID", "PPID", "%CPU", "ELAPSED", "TTY", "TIME", "COMMAND");
    assertThat(rows.get(1)).startsWith("root", "1", "0");
    assertThat(rows.get(1).get(5)).isEqualTo("pts/0");
    assertThat(rows.get(1).get(6)).isEqualTo("2s"); // 249 ticks of CPU: whole seconds, as psgo counts them
    assertThat(rows.get(1).get(7)).isEqualTo("sh -c sleep 9 ");
    assertThat(rows.get(2)).startsWith("1000", "2", "1");
    List<List<String>> more = t.rows(List.of(100L, 101L), List.of("pid", "hpid", "comm", "%C", "capeff", "seccomp", "vsz", "rss"), 100);
    assertThat(more.get(0)).containsExactly("PID", "HPID", "COMMAND", "%CPU", "EFFECTIVE CAPS", "SECCOMP", "VSZ", "RSS");
    assertThat(more.get(1)).startsWith("1", "100", "sh");
    assertThat(more.get(1).get(4)).isEqualTo(
        "AUDIT_WRITE,CHOWN,DAC_OVERRIDE,FOWNER,FSETID,KILL,MKNOD,NET_BIND_SERVICE,NET_RAW,SETFCAP,SETGID,SETPCAP,SETUID,SYS_CHROOT");
    assertThat(more.get(2).get(4)).isEqualTo("none");
    assertThat(more.get(1).subList(5, 8)).containsExactly("filter", "4000", "800");
    assertThatThrownBy(() -> t.rows(List.of(100L), List.of("bogus"), 100)).hasMessageContaining("unknown descriptor: bogus");
  }

  @Test
  void ttysAndCapabilities() {
    assertThat(ProcessTable.tty(0)).isEqualTo("?");
    assertThat(ProcessTable.tty((136 << 8) | 3)).isEqualTo("pts/3");
    assertThat(ProcessTable.caps("000001ffffffffff")).isEqualTo("full");
    assertThat(ProcessTable.caps("0000000000000001")).isEqualTo("CHOWN");
    assertThat(ProcessTable.knows("%C")).isTrue();
    assertThat(ProcessTable.knows("-ef")).isFalse();
    assertThat(ProcessTable.descriptors(List.of("pid,comm", "%C user", ",args,"))).containsExactly("pid", "comm", "%C", "user", "args");
  }
}
