package io.jpod.image.archive;

import io.jpod.image.transport.ImageDestination;
import io.jpod.image.transport.LayerCompression;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes an oci-archive ({@code oci-archive:FILE[:REF]}): the images are assembled as an OCI layout in
 * a temp directory under {@code tmpDir}, and {@link #finish} tars it ({@code blobs/}, {@code index.json},
 * {@code oci-layout}; mtime 0 so that equal images give equal archives). podman's
 * {@code save --format oci-archive} gzips layers ({@link LayerCompression#GZIP}) unless given
 * {@code --uncompressed} ({@link LayerCompression#UNCOMPRESSED}). {@link #close} without
 * {@link #finish} leaves no archive.
 */
public final class OciArchiveWriter implements FinishableArchive {
  private final ArchiveOutput output;
  private final Path layoutDir;
  private final OciLayoutWriter layout;
  private boolean finished;
  private boolean closed;

  private OciArchiveWriter(ArchiveOutput output, Path tmpDir, LayerCompression compression) throws IOException {
    this.output = output;
    Files.createDirectories(tmpDir);
    this.layoutDir = Files.createTempDirectory(tmpDir, "jpod-oci-archive-");
    this.layout = new OciLayoutWriter(layoutDir, compression, "oci-archive:" + output.describe());
  }

  /** Writes the archive to {@code file} (made visible by {@link #finish}). */
  public static OciArchiveWriter create(Path file, Path tmpDir, LayerCompression compression) throws IOException {
    ArchiveOutput output = ArchiveOutput.toFile(file);
    try {
      return new OciArchiveWriter(output, tmpDir, compression);
    } catch (IOException | RuntimeException e) {
      output.discard();
      throw e;
    }
  }

  /** Writes the archive to {@code out}, which stays open. */
  public static OciArchiveWriter create(OutputStream out, Path tmpDir, LayerCompression compression)
      throws IOException {
    return new OciArchiveWriter(ArchiveOutput.toStream(out), tmpDir, compression);
  }

  /** A destination for an archive of exactly one image: its commit also finishes the archive. */
  public static ImageDestination singleImage(Path file, String refName, Path tmpDir, LayerCompression compression)
      throws IOException {
    OciArchiveWriter writer = create(file, tmpDir, compression);
    try {
      return new SingleImageDestination(writer.addImage(refName), writer);
    } catch (RuntimeException e) {
      writer.close();
      throw e;
    }
  }

  /** A destination for the next image, named {@code refName} in the index (null: no name). */
  public synchronized ImageDestination addImage(String refName) {
    checkOpen();
    return layout.addImage(refName);
  }

  /** Tars the layout into the output and makes it visible. */
  @Override
  public synchronized void finish() throws IOException {
    checkOpen();
    if (!Files.exists(layoutDir.resolve("index.json"))) {
      throw new IllegalStateException("oci-archive:" + output.describe() + ": no image was committed");
    }
    TarSink tar = new TarSink(output.stream());
    tar.directory("blobs", 0755);
    tar.directory("blobs/sha256", 0755);
    List<Path> blobs;
    try (Stream<Path> files = Files.list(layoutDir.resolve("blobs/sha256"))) {
      blobs = files.sorted(Comparator.comparing(Path::toString)).toList();
    }
    for (Path blob : blobs) {
      addFile(tar, "blobs/sha256/" + blob.getFileName(), blob);
    }
    addFile(tar, "index.json", layoutDir.resolve("index.json"));
    addFile(tar, "oci-layout", layoutDir.resolve("oci-layout"));
    tar.finish();
    output.commit();
    finished = true;
  }

  private static void addFile(TarSink tar, String name, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      tar.file(name, 0644, Files.size(file), in);
    }
  }

  private void checkOpen() {
    if (finished || closed) {
      throw new IllegalStateException("oci-archive:" + output.describe() + " is already "
          + (finished ? "finished" : "closed"));
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (!finished) {
      output.discard();
    }
    try (Stream<Path> all = Files.walk(layoutDir)) {
      all.sorted(Comparator.reverseOrder()).forEach(BlobFiles::deleteQuietly);
    }
  }
}
