package io.jpod.storage;

import io.jpod.common.JpodException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * jpod's "tar-split": what it takes, besides a layer's extracted files, to re-create the layer's
 * uncompressed tar byte for byte (so push and save reproduce the DiffID in the image config).
 *
 * <p>File {@code overlay-layers/<layerId>.tar-split.gz} is gzip of (all integers big-endian):
 * <pre>
 *   magic      "JPODTSPLIT" 0x00 0x01                (format version 1)
 *   record*    'R' u32 length, bytes                 raw bytes of the tar stream (headers, PAX and
 *                                                     long-name records, padding, end blocks, and the
 *                                                     payload of entries that were not kept as files)
 *              'F' u16 length, UTF-8 path, u64 size  the next {@code size} bytes are the content of the
 *                                                     regular file {@code diff/<path>}
 *   end        'E' u64 total size, 32 bytes sha256   of the whole reassembled tar
 * </pre>
 * Concatenating the records in order gives the original tar. When a later entry of the same tar
 * replaces a file an earlier entry wrote, the earlier content is kept inline as an 'R' record.
 */
final class TarSplit {
  private static final byte[] MAGIC = "JPODTSPLIT\0\1".getBytes(StandardCharsets.ISO_8859_1);
  private static final int RAW = 'R';
  private static final int FILE = 'F';
  private static final int END = 'E';
  private static final int MAX_RAW_RECORD = 1 << 20;

  private TarSplit() {}

  /** The digest and size of a reassembled tar. */
  record Summary(Digest digest, long size) {}

  /**
   * Records a tar while it is extracted. Records go to {@code work/split.tmp} first, because whether a
   * file's content survives the rest of the tar is only known at the end; {@link #finish} writes the
   * final file.
   */
  static final class Writer implements AutoCloseable {
    private final Path work;
    private final Path tmp;
    private final Path orphans;
    private final DataOutputStream out;
    private final ByteArrayOutputStream pendingRaw = new ByteArrayOutputStream();
    private int files;
    // File record number → a hard link that keeps content a later entry replaced.
    private final Map<Integer, Path> preserved = new HashMap<>();

    Writer(Path work) throws IOException {
      this.work = work;
      this.tmp = work.resolve("split.tmp");
      this.orphans = work.resolve("orphans");
      this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp,
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 65536));
    }

    void raw(byte[] b, int off, int len) throws IOException {
      pendingRaw.write(b, off, len);
      if (pendingRaw.size() >= MAX_RAW_RECORD) {
        flushRaw();
      }
    }

    /** Records that the next {@code size} bytes are the content of {@code path}; returns its number. */
    int file(String path, long size) throws IOException {
      flushRaw();
      writeFile(out, path, size);
      return files++;
    }

    /** Keeps the content of file record {@code seq} (now at {@code file}) before something replaces it. */
    void preserve(int seq, Path file) throws IOException {
      Files.createDirectories(orphans);
      Path keep = orphans.resolve(Integer.toString(seq));
      Files.createLink(keep, file);
      preserved.put(seq, keep);
    }

    /** Writes the gzip'd split to {@code target}, inlining preserved content; returns the tar's summary. */
    Summary finish(Path target, Digest digest, long size) throws IOException {
      flushRaw();
      out.close();
      Path partial = work.resolve("tar-split.gz.partial");
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(tmp),
              65536));
          DataOutputStream gz = new DataOutputStream(new BufferedOutputStream(
              new GZIPOutputStream(Files.newOutputStream(partial), 65536), 65536))) {
        gz.write(MAGIC);
        int seq = 0;
        int type;
        while ((type = in.read()) >= 0) {
          if (type == RAW) {
            byte[] b = in.readNBytes(in.readInt());
            writeRaw(gz, b, 0, b.length);
          } else if (type == FILE) {
            String path = readPath(in);
            long fileSize = in.readLong();
            Path keep = preserved.get(seq++);
            if (keep == null) {
              writeFile(gz, path, fileSize);
            } else {
              inline(gz, keep, fileSize, path);
            }
          } else {
            throw new IOException("corrupt temporary tar-split record " + type);
          }
        }
        gz.write(END);
        gz.writeLong(size);
        gz.write(HexFormat.of().parseHex(digest.hex()));
      }
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(tmp);
      FileTrees.deleteRecursively(orphans);
      return new Summary(digest, size);
    }

    private static void inline(DataOutputStream gz, Path keep, long size, String path) throws IOException {
      try (InputStream in = Files.newInputStream(keep)) {
        byte[] buf = new byte[MAX_RAW_RECORD];
        long left = size;
        while (left > 0) {
          int n = in.readNBytes(buf, 0, (int) Math.min(buf.length, left));
          if (n == 0) {
            throw new IOException("replaced layer file " + path + " is shorter than its tar entry");
          }
          writeRaw(gz, buf, 0, n);
          left -= n;
        }
      }
    }

    private void flushRaw() throws IOException {
      if (pendingRaw.size() > 0) {
        byte[] b = pendingRaw.toByteArray();
        writeRaw(out, b, 0, b.length);
        pendingRaw.reset();
      }
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /**
   * Writes the tar that {@code split} describes, taking file contents from {@code diffDir}, and checks
   * the sha256 of what was written against {@code expected} (or, if null, the split's own end record):
   * {@code JpodException.system} on a mismatch or a corrupt split, IOException when writing fails.
   */
  static Summary reassemble(Path split, Path diffDir, OutputStream target, Digest expected, String what)
      throws IOException {
    MessageDigest md = Digest.sha256();
    CountingOutputStream counted = new CountingOutputStream(new DigestOutputStream(target, md));
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(
        new GZIPInputStream(Files.newInputStream(split), 65536), 65536))) {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw JpodException.system(what + ": " + split + " is not a jpod tar-split file");
      }
      byte[] buf = new byte[65536];
      while (true) {
        int type = in.read();
        if (type == RAW) {
          copy(in, counted, in.readInt(), buf, split.toString());
        } else if (type == FILE) {
          String path = readPath(in);
          long size = in.readLong();
          try (InputStream file = Files.newInputStream(safeResolve(diffDir, path), StandardOpenOption.READ,
              LinkOption.NOFOLLOW_LINKS)) {
            copy(file, counted, size, buf, diffDir.resolve(path).toString());
          } catch (java.nio.file.NoSuchFileException e) {
            throw JpodException.system(what + ": file " + path + " of the layer is missing");
          } catch (EOFException e) {
            throw JpodException.system(what + ": file " + path + " of the layer is shorter than its tar"
                + " entry (the layer's files changed on disk)");
          }
        } else if (type == END) {
          long size = in.readLong();
          Digest recorded = new Digest(HexFormat.of().formatHex(in.readNBytes(32)));
          counted.flush();
          Digest got = Digest.of(md);
          Digest want = expected != null ? expected : recorded;
          if (!got.equals(want) || size != counted.count) {
            throw JpodException.system(what + ": the re-created tar has digest " + got + ", not " + want
                + " (the layer's files changed on disk)");
          }
          return new Summary(got, size);
        } else {
          throw JpodException.system(what + ": " + split + " is truncated or corrupt");
        }
      }
    } catch (EOFException | java.util.zip.ZipException e) {
      throw JpodException.system(what + ": " + split + " is truncated or corrupt: " + e.getMessage(), e);
    }
  }

  private static void copy(InputStream in, OutputStream out, long size, byte[] buf, String what)
      throws IOException {
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new EOFException(what + " is shorter than the layer's tar-split records");
      }
      out.write(buf, 0, n);
      left -= n;
    }
  }

  /** {@code diffDir/path} for a path the split recorded; a corrupt split must not read elsewhere. */
  private static Path safeResolve(Path diffDir, String path) {
    if (path.isEmpty() || path.startsWith("/") || Arrays.asList(path.split("/")).contains("..")) {
      throw JpodException.system("tar-split names an unsafe path \"" + path + "\"");
    }
    return diffDir.resolve(path);
  }

  private static void writeRaw(DataOutputStream out, byte[] b, int off, int len) throws IOException {
    out.write(RAW);
    out.writeInt(len);
    out.write(b, off, len);
  }

  private static void writeFile(DataOutputStream out, String path, long size) throws IOException {
    byte[] p = path.getBytes(StandardCharsets.UTF_8);
    out.write(FILE);
    out.writeShort(p.length);
    out.write(p);
    out.writeLong(size);
  }

  private static String readPath(DataInputStream in) throws IOException {
    int len = in.readUnsignedShort();
    return new String(in.readNBytes(len), StandardCharsets.UTF_8);
  }

  private static final class CountingOutputStream extends java.io.FilterOutputStream {
    long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
