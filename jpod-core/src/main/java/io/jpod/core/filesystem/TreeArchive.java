package io.jpod.core.filesystem;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whole directory trees as tar streams, for callers outside this package (volume export, import and
 * copy-up): owners, modes, symlinks, hard links and devices kept as they are.
 */
public final class TreeArchive {
  private TreeArchive() {}

  /**
   * A directory inside a root filesystem, looked up with symlinks resolved as if the root were "/", so
   * an image's symlink can never lead out of it; {@link #path()} stays valid while it is open.
   */
  public static final class RootedDir implements AutoCloseable {
    private final DirFd fd;

    private RootedDir(DirFd fd) {
      this.fd = fd;
    }

    /** {@code /proc/self/fd/N}: the directory, whatever its path is. */
    public Path path() {
      return fd.path();
    }

    @Override
    public void close() {
      fd.close();
    }
  }

  /** The directory at {@code inRootPath} (absolute, clean) inside {@code root}, or empty if there is none. */
  public static java.util.Optional<RootedDir> openInRoot(Path root, String inRootPath) {
    try (DirFd rootFd = DirFd.open(root)) {
      return java.util.Optional.of(new RootedDir(rootFd.openDir(InRootPath.relative(inRootPath), DirFd.IN_ROOT)));
    } catch (IOException e) {
      return java.util.Optional.empty(); // missing, not a directory, or leading nowhere: nothing to copy
    }
  }

  /** Writes everything below {@code dir} (not the directory itself) to {@code out} as a tar stream. */
  public static void write(Path dir, OutputStream out) throws IOException {
    try (DirFd fd = DirFd.open(dir);
        TreeTarWriter tar = new TreeTarWriter(out, new TreeTarWriter.Options(null, true, Set.of()), HostNames.load())) {
      tar.writeDirectory(fd, "/", "");
      tar.finish();
      out.flush();
    }
  }

  /** Unpacks the tar stream {@code in} into the existing directory {@code dir}, replacing what is there. */
  public static void extract(InputStream in, Path dir) throws IOException {
    try (DirFd fd = DirFd.open(dir)) {
      new TreeTarExtractor(fd, "/", new TreeTarExtractor.Options(null, true, false)).extract(in);
    }
  }

  /**
   * Copies everything below {@code from} into {@code to}, keeping owners, modes and times; a virtual
   * thread writes the tree while this one unpacks it, so nothing is buffered whole.
   */
  public static void copy(Path from, Path to) throws IOException {
    PipedInputStream in = new PipedInputStream(1 << 16);
    PipedOutputStream out = new PipedOutputStream(in);
    AtomicReference<IOException> writeError = new AtomicReference<>();
    Thread writer = Thread.ofVirtual().start(() -> {
      try (out) {
        write(from, out);
      } catch (IOException e) {
        writeError.set(e);
      }
    });
    try (in) {
      extract(in, to);
      in.transferTo(OutputStream.nullOutputStream());
    } finally {
      try {
        writer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw JpodException.system("interrupted while copying " + from);
      }
    }
    if (writeError.get() != null) {
      throw writeError.get();
    }
  }
}
