package io.jpod.core.transfer;

import io.jpod.common.JpodException;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Map;

/**
 * A reference with an explicit transport, as podman accepts them for pull, push, save and load:
 * {@code docker://REF}, {@code docker-archive:PATH[:REF|:@N]}, {@code oci:DIR[:REF]},
 * {@code oci-archive:PATH[:REF]}; anything else is a registry reference or local name.
 */
public sealed interface TransportRef {
  record Docker(String reference) implements TransportRef {}

  record DockerArchive(Path path, String select) implements TransportRef {}

  record OciDir(Path path, String ref) implements TransportRef {}

  record OciArchive(Path path, String ref) implements TransportRef {}

  /** No transport given: a registry reference (pull, push) or a local image (push source). */
  record Plain(String reference) implements TransportRef {}

  static TransportRef parse(String s) {
    if (s.startsWith("docker://")) {
      String rest = s.substring("docker://".length());
      if (rest.isEmpty()) {
        throw JpodException.invalid("invalid reference \"" + s + "\": empty image name");
      }
      return new Docker(rest);
    }
    if (s.startsWith("docker-archive:")) {
      Map.Entry<Path, String> p = split(s.substring("docker-archive:".length()), s);
      return new DockerArchive(p.getKey(), p.getValue());
    }
    if (s.startsWith("oci-archive:")) {
      Map.Entry<Path, String> p = split(s.substring("oci-archive:".length()), s);
      return new OciArchive(p.getKey(), p.getValue());
    }
    if (s.startsWith("oci:")) {
      Map.Entry<Path, String> p = split(s.substring("oci:".length()), s);
      return new OciDir(p.getKey(), p.getValue());
    }
    for (String unsupported : new String[] {"dir:", "docker-daemon:", "containers-storage:", "sif:", "tarball:"}) {
      if (s.startsWith(unsupported)) {
        throw JpodException.invalid("unsupported transport \"" + unsupported.substring(0, unsupported.length() - 1)
            + "\" in \"" + s + "\": jpod supports docker, docker-archive, oci and oci-archive");
      }
    }
    return new Plain(s);
  }

  /** {@code PATH[:REF]}: the first colon separates (paths with colons are not supported, as in containers/image). */
  private static Map.Entry<Path, String> split(String rest, String whole) {
    if (rest.isEmpty()) {
      throw JpodException.invalid("invalid reference \"" + whole + "\": no path");
    }
    int colon = rest.indexOf(':');
    if (colon < 0) {
      return new AbstractMap.SimpleImmutableEntry<>(Path.of(rest), null);
    }
    String ref = rest.substring(colon + 1);
    return new AbstractMap.SimpleImmutableEntry<>(Path.of(rest.substring(0, colon)), ref.isEmpty() ? null : ref);
  }
}
