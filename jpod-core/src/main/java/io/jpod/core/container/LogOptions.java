package io.jpod.core.container;

import io.jpod.common.JpodException;
import io.jpod.config.units.ByteSize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --log-opt KEY=VALUE} as podman reads them: driver, path and max-size (decimal units, as
 * go-units' FromHumanSize) replace the container's own settings; every other key (tag, ...) is kept.
 *
 * @param driver null unless given
 * @param path null unless given
 * @param sizeMax null unless given
 */
record LogOptions(String driver, String path, Long sizeMax, Map<String, String> options) {
  /**
   * The drivers jpod can run: conmon's k8s-file (json-file is podman's alias for it, kept as typed),
   * none, and passthrough (the container gets jpod's own stdio).
   */
  static final List<String> DRIVERS = List.of("k8s-file", "json-file", "none", "passthrough");

  LogOptions {
    options = Map.copyOf(options);
  }

  static LogOptions parse(List<String> opts) {
    String driver = null;
    String path = null;
    Long size = null;
    Map<String, String> rest = new LinkedHashMap<>();
    for (String o : opts) {
      int eq = o.indexOf('=');
      if (eq < 0) {
        throw JpodException.invalid("invalid log option \"" + o + "\"");
      }
      String key = o.substring(0, eq);
      String value = o.substring(eq + 1);
      switch (key.toLowerCase(Locale.ROOT)) {
        case "driver" -> driver = value;
        case "path" -> path = value;
        case "max-size" -> size = ByteSize.parseDecimal(value);
        default -> rest.put(key, value);
      }
    }
    return new LogOptions(driver, path, size, rest);
  }
}
