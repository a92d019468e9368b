package io.jpod.core.pod;

import io.jpod.common.JpodException;
import java.util.List;
import java.util.TreeSet;

/** Parses {@code pod create --share}. */
final class SharedNamespaces {
  static final List<String> DEFAULT = List.of("ipc", "net", "uts");
  private static final List<String> KNOWN = List.of("cgroup", "ipc", "net", "pid", "uts", "none");

  private SharedNamespaces() {}

  /** "" → the default; "+pid" → the default plus pid; "none" → nothing; else exactly the list. */
  static List<String> parse(String share) {
    String s = share.strip();
    if (s.isEmpty()) {
      return DEFAULT;
    }
    TreeSet<String> out = new TreeSet<>();
    if (s.startsWith("+")) {
      out.addAll(DEFAULT);
      s = s.substring(1);
    }
    for (String part : s.split(",")) {
      String ns = part.strip();
      if (ns.equals("network")) {
        ns = "net";
      }
      if (!KNOWN.contains(ns)) {
        throw JpodException.invalid("Invalid kernel namespace to share: " + part + ". Options are: cgroup, ipc, net, pid, uts or none");
      }
      if (!ns.equals("none")) {
        out.add(ns);
      }
    }
    return List.copyOf(out);
  }
}
