package io.jpod.core.network;

import io.jpod.common.JpodException;
import java.util.List;
import java.util.Map;

/** The {@code -o} options podman 4.3.1's CNI backend accepts for an ipvlan network, with its errors. */
final class IpvlanOptions {
  private static final List<String> MODES = List.of("l2", "l3", "l3s");

  private IpvlanOptions() {}

  static void check(Map<String, String> options) {
    for (var e : options.entrySet()) {
      switch (e.getKey()) {
        case "mode" -> {
          if (!MODES.contains(e.getValue())) {
            throw JpodException.invalid("unknown ipvlan mode \"" + e.getValue() + "\"");
          }
        }
        case "mtu" -> {
          try {
            if (Integer.parseInt(e.getValue()) < 0) {
              throw JpodException.invalid("mtu " + e.getValue() + " is less than zero");
            }
          } catch (NumberFormatException ex) {
            throw JpodException.invalid("strconv.Atoi: parsing \"" + e.getValue() + "\": invalid syntax");
          }
        }
        default -> throw JpodException.invalid("unsupported network option " + e.getKey());
      }
    }
  }
}
