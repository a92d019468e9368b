package io.jpod.core.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads conmon's k8s-file log: {@code <RFC3339Nano local time> <stdout|stderr> <F|P> <content>} per
 * record; P records are parts of a line that continues in the next record of the same stream.
 */
public final class K8sFileLog {
  private final Path file;

  public K8sFileLog(Path file) {
    this.file = file;
  }

  /** Parses one record; null when the line is not a log record. */
  static Record parseRecord(String line) {
    int s1 = line.indexOf(' ');
    if (s1 < 0) {
      return null;
    }
    int s2 = line.indexOf(' ', s1 + 1);
    if (s2 < 0) {
      return null;
    }
    int s3 = line.indexOf(' ', s2 + 1);
    String tag = s3 < 0 ? line.substring(s2 + 1) : line.substring(s2 + 1, s3);
    String content = s3 < 0 ? "" : line.substring(s3 + 1);
    try {
      OffsetDateTime t = OffsetDateTime.parse(line.substring(0, s1));
      return new Record(t, line.substring(s1 + 1, s2), tag.startsWith("P"), content);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  record Record(OffsetDateTime time, String stream, boolean partial, String content) {}

  /** All complete lines in the file. */
  public List<LogLine> readAll() {
    List<LogLine> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      // split on '\n' alone: a record's content may hold '\r' (a terminal's output always does)
      Joiner j = new Joiner(out::add);
      byte[] all = Files.readAllBytes(file);
      int start = 0;
      for (int i = 0; i < all.length; i++) {
        if (all[i] == '\n') {
          j.accept(new String(all, start, i - start, StandardCharsets.UTF_8));
          start = i + 1;
        }
      }
      if (start < all.length) {
        j.accept(new String(all, start, all.length - start, StandardCharsets.UTF_8));
      }
      j.flush();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Emits every line from {@code offset} on and keeps following the file while {@code keepGoing}
   * says so, polling for growth; returns once it is told to stop and the file is drained.
   */
  public void follow(long offset, Consumer<LogLine> sink, BooleanSupplier keepGoing) {
    try {
      while (!Files.exists(file)) {
        if (!keepGoing.getAsBoolean()) {
          return;
        }
        Thread.sleep(50);
      }
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
        raf.seek(offset);
        Joiner j = new Joiner(sink);
        byte[] buf = new byte[8192];
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        while (true) {
          int n = raf.read(buf);
          if (n > 0) {
            for (int i = 0; i < n; i++) {
              if (buf[i] == '\n') {
                j.accept(bytes.toString(StandardCharsets.UTF_8));
                bytes.reset();
              } else {
                bytes.write(buf[i]);
              }
            }
            continue;
          }
          if (raf.length() < raf.getFilePointer()) {
            raf.seek(0); // conmon truncated the log at --log-size-max
          }
          if (!keepGoing.getAsBoolean()) {
            // one last read after the writer stopped, so nothing written just before is lost
            n = raf.read(buf);
            if (n > 0) {
              raf.seek(raf.getFilePointer() - n);
              continue;
            }
            j.flush();
            return;
          }
          Thread.sleep(50);
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Joins P records to the following records of the same stream. */
  private static final class Joiner {
    private final Consumer<LogLine> sink;
    private final StringBuilder[] parts = {new StringBuilder(), new StringBuilder()};
    private final OffsetDateTime[] firstTime = new OffsetDateTime[2];

    Joiner(Consumer<LogLine> sink) {
      this.sink = sink;
    }

    void accept(String raw) {
      Record r = parseRecord(raw);
      if (r == null) {
        return;
      }
      int i = r.stream().equals("stderr") ? 1 : 0;
      if (parts[i].isEmpty()) {
        firstTime[i] = r.time();
      }
      parts[i].append(r.content());
      if (!r.partial()) {
        sink.accept(new LogLine(firstTime[i], r.stream(), parts[i].toString(), true));
        parts[i].setLength(0);
      }
    }

    void flush() {
      for (int i = 0; i < 2; i++) {
        if (!parts[i].isEmpty()) {
          sink.accept(new LogLine(firstTime[i], i == 0 ? "stdout" : "stderr", parts[i].toString(), false));
          parts[i].setLength(0);
        }
      }
    }
  }
}
