package io.jpod.it;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Tar archives in tests: jpod's binary stdout (export, {@code cp CTR:PATH -}), the entries of an archive
 * by name, and small archives to feed {@code cp - CTR:PATH}.
 */
final class TarListing {
  /** One entry: its header and, for regular files, its content. */
  record Entry(TarArchiveEntry header, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  private TarListing() {}

  /** Runs jpod and returns its raw stdout; fails unless it exits 0. */
  static byte[] stdout(JpodCli jpod, String... args) {
    JpodCli.Started s = jpod.start(args);
    try {
      if (!s.process().waitFor(180, TimeUnit.SECONDS)) {
        s.kill();
        throw new AssertionError("timed out: " + String.join(" ", args));
      }
      byte[] out = Files.readAllBytes(s.stdout());
      if (s.process().exitValue() != 0) {
        throw new AssertionError("jpod " + String.join(" ", args) + " failed: " + s.result(s.process().exitValue()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      s.deleteFiles();
    }
  }

  /** The entries of a tar archive by name, in archive order (the reader ends directory names in "/"). */
  static Map<String, Entry> entries(byte[] tar) {
    Map<String, Entry> out = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        byte[] content = e.isFile() && !e.isSymbolicLink() && !e.isLink() ? in.readAllBytes() : new byte[0];
        out.put(e.getName(), new Entry(e, content));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** An archive of regular files (name → content) and symlinks (name → "-> target"), mode 0644. */
  static byte[] archive(Map<String, String> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      for (var f : files.entrySet()) {
        TarArchiveEntry e;
        if (f.getValue().startsWith("-> ")) {
          e = new TarArchiveEntry(f.getKey(), TarArchiveEntry.LF_SYMLINK, true);
          e.setLinkName(f.getValue().substring(3));
          out.putArchiveEntry(e);
        } else {
          byte[] data = f.getValue().getBytes(StandardCharsets.UTF_8);
          e = new TarArchiveEntry(f.getKey(), true);
          e.setSize(data.length);
          e.setMode(0100644);
          e.setUserId(4321);
          e.setGroupId(4321);
          out.putArchiveEntry(e);
          out.write(data);
        }
        out.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
