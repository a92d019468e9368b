package io.jpod.cli.container;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * podman's {@code --cidfile}: {@code create} and {@code run} write the new container's id to the
 * file, and {@code stop}, {@code kill} and {@code rm} take their targets from such files.
 */
final class CidFiles {
  private CidFiles() {}

  /**
   * Claims the file before the container is made, so two commands cannot share it and a failed
   * create leaves nothing behind ({@link #release}).
   */
  static Path reserve(String file) {
    Path p = Path.of(file);
    try {
      Files.createFile(p);
      return p;
    } catch (FileAlreadyExistsException e) {
      throw JpodException.invalid("container id file exists. Ensure another container is not using it or delete " + file);
    } catch (IOException e) {
      throw JpodException.invalid("opening cidfile: open " + file + ": " + reason(e));
    }
  }

  static void write(Path file, String id) {
    try {
      Files.writeString(file, id, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw JpodException.system("writing container id to file " + file + ": " + reason(e), e);
    }
  }

  /** Removes a reserved file whose container was not made. */
  static void release(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // nothing more to undo
    }
  }

  /** The container ids in the files (their first lines); a missing file is an error, even with --ignore. */
  static List<String> read(List<String> files) {
    List<String> ids = new ArrayList<>();
    for (String f : files) {
      try {
        String content = Files.readString(Path.of(f), StandardCharsets.UTF_8);
        ids.add(content.split("\n", 2)[0].strip());
      } catch (NoSuchFileException e) {
        throw JpodException.invalid("reading CIDFile: open " + f + ": no such file or directory");
      } catch (IOException e) {
        throw JpodException.invalid("reading CIDFile: open " + f + ": " + reason(e));
      }
    }
    return ids;
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      return fs.getReason().toLowerCase(java.util.Locale.ROOT);
    }
    return e.getMessage();
  }
}
