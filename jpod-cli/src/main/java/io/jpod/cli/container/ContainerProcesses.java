package io.jpod.cli.container;

import java.util.ArrayList;
import java.util.List;

/** The processes of a container: its init pid and every descendant, found through /proc. */
final class ContainerProcesses {
  private ContainerProcesses() {}

  static List<Long> pids(long init) {
    List<Long> out = new ArrayList<>();
    out.add(init);
    ProcessHandle.of(init).ifPresent(h -> h.descendants().forEach(d -> out.add(d.pid())));
    return out;
  }
}
