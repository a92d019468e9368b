package io.jpod.core.pod;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.lock.ObjectLock;
import io.jpod.storage.ImportOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The default infra image. podman builds {@code localhost/podman-pause:<version>-<build>} locally
 * ({@code FROM scratch}, {@code COPY catatonit /catatonit}, {@code ENTRYPOINT ["/catatonit","-P"]},
 * pkg/specgen/generate/pause_image.go); jpod builds the same single-file image from the host's
 * catatonit the first time a pod needs it, through the import path.
 */
final class PauseImage {
  static final String NAME = "localhost/podman-pause:jpod-0.1.0";
  static final List<String> ENTRYPOINT = List.of("/catatonit", "-P");

  private final Libpod libpod;

  PauseImage(Libpod libpod) {
    this.libpod = libpod;
  }

  /** The pause image's name, building it when it is not in the store yet. */
  String ensure() {
    if (present()) {
      return NAME;
    }
    // Two jpods creating their first pods at once would otherwise both build it.
    try (ObjectLock lock = libpod.locks().lock("podman-pause")) {
      if (!present()) {
        build();
      }
    }
    return NAME;
  }

  private boolean present() {
    try {
      libpod.store().images().lookup(NAME);
      return true;
    } catch (JpodException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  private void build() {
    Path catatonit = Path.of(libpod.options().defaults().initPath());
    byte[] binary;
    try {
      binary = Files.readAllBytes(catatonit);
    } catch (IOException e) {
      throw JpodException.system("building the pause image: reading catatonit at " + catatonit
          + " (containers.conf init_path): " + e.getMessage(), e);
    }
    var opts = new ImportOptions(List.of("ENTRYPOINT [\"/catatonit\",\"-P\"]"), null, null, null);
    libpod.store().images().importRootfs(new ByteArrayInputStream(tar(binary)), Optional.of(NAME), opts);
  }

  private static byte[] tar(byte[] binary) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(binary.length + 4096);
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(buf)) {
      TarArchiveEntry e = new TarArchiveEntry("catatonit");
      e.setMode(0100755);
      e.setSize(binary.length);
      tar.putArchiveEntry(e);
      tar.write(binary);
      tar.closeArchiveEntry();
      tar.finish();
    } catch (IOException e) {
      throw JpodException.system("building the pause image: " + e.getMessage(), e);
    }
    return buf.toByteArray();
  }
}
