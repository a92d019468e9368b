package io.jpod.core.spec;

import io.avaje.jsonb.Json;
import java.util.List;

/**
 * A containers/common seccomp profile file as written (e.g. /usr/share/containers/seccomp.json); keys
 * the converter does not use (comments) are ignored. Bound by a compile-time adapter: the default
 * profile is read at every container start.
 */
@Json
record SeccompProfileFile(
    String defaultAction,
    Integer defaultErrnoRet,
    List<String> architectures,
    List<ArchMap> archMap,
    List<String> flags,
    List<Syscall> syscalls) {

  SeccompProfileFile {
    architectures = orEmpty(architectures);
    archMap = orEmpty(archMap);
    flags = orEmpty(flags);
    syscalls = orEmpty(syscalls);
  }

  @Json
  record ArchMap(String architecture, List<String> subArchitectures) {
    ArchMap {
      subArchitectures = orEmpty(subArchitectures);
    }
  }

  @Json
  record Syscall(String name, List<String> names, String action, Integer errnoRet, List<Arg> args, Filter includes,
      Filter excludes) {
    Syscall {
      names = orEmpty(names);
      args = orEmpty(args);
      includes = includes == null ? Filter.NONE : includes;
      excludes = excludes == null ? Filter.NONE : excludes;
    }
  }

  @Json
  record Filter(List<String> arches, List<String> caps, String minKernel) {
    static final Filter NONE = new Filter(List.of(), List.of(), null);

    Filter {
      arches = orEmpty(arches);
      caps = orEmpty(caps);
    }
  }

  @Json
  record Arg(int index, long value, long valueTwo, String op) {}

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
