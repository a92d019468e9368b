package io.jpod.cli.image;

import io.jpod.image.copy.CopyProgress;
import io.jpod.image.transport.BlobInfo;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a copy's progress as podman does on stderr: without a terminal one line per blob
 * ({@code Copying blob sha256:…}); on a terminal one redrawn progress bar per layer
 * ({@code Copying blob 7375c2b67a73 [====>---] 1.2MiB / 2.0MiB}, then {@code done} or
 * {@code skipped: already exists}).
 */
public final class CopyProgressPrinter implements CopyProgress {
  private static final int BAR = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintStream err;
  private final boolean terminal;
  private final Map<String, Row> rows = new LinkedHashMap<>();
  private int drawnLines;
  private long lastDraw;

  public CopyProgressPrinter(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  /** A printer that prints nothing ({@code -q}). */
  public static CopyProgress quiet() {
    return CopyProgress.NONE;
  }

  private static final class Row {
    final String label;
    final long size;
    long done;
    String state; // null while copying

    Row(String label, long size) {
      this.label = label;
      this.size = size;
    }
  }

  @Override
  public synchronized void started() {
    err.println("Getting image source signatures");
  }

  @Override
  public synchronized void blobStarted(BlobInfo blob, boolean config, boolean skipped) {
    String kind = config ? "config" : "blob";
    if (!terminal) {
      err.println("Copying " + kind + " " + blob.digest());
      return;
    }
    String shortHex = blob.digest().substring("sha256:".length(), "sha256:".length() + (config ? 10 : 12));
    Row row = new Row("Copying " + kind + " " + shortHex, blob.size());
    if (skipped) {
      row.state = "skipped: already exists";
    }
    rows.put(blob.digest() + kind, row);
    redraw(true);
  }

  @Override
  public synchronized void blobProgress(BlobInfo blob, long bytes) {
    if (!terminal) {
      return;
    }
    Row row = rows.get(blob.digest() + "blob");
    if (row == null) {
      row = rows.get(blob.digest() + "config");
    }
    if (row != null) {
      row.done = bytes;
      redraw(false);
    }
  }

  @Override
  public synchronized void blobDone(BlobInfo blob, boolean config) {
    if (!terminal) {
      return;
    }
    Row row = rows.get(blob.digest() + (config ? "config" : "blob"));
    if (row != null && row.state == null) {
      row.state = "done";
    }
    redraw(true);
  }

  @Override
  public synchronized void writingManifest() {
    err.println("Writing manifest to image destination");
    err.println("Storing signatures");
  }

  private void redraw(boolean force) {
    long now = System.nanoTime();
    if (!force && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    StringBuilder sb = new StringBuilder();
    if (drawnLines > 0) {
      sb.append("\033[").append(drawnLines).append('A');
    }
    List<Row> all = new ArrayList<>(rows.values());
    for (Row r : all) {
      sb.append("\r\033[2K").append(r.label).append(' ');
      if (r.state != null) {
        sb.append(r.state);
      } else {
        sb.append(bar(r)).append(' ').append(binary(r.done));
        if (r.size >= 0) {
          sb.append(" / ").append(binary(r.size));
        }
      }
      sb.append('\n');
    }
    drawnLines = all.size();
    err.print(sb);
    err.flush();
  }

  private static String bar(Row r) {
    int filled = r.size > 0 ? (int) Math.min(BAR, r.done * BAR / r.size) : 0;
    return "[" + "=".repeat(Math.max(0, filled - 1)) + (filled > 0 ? ">" : "") + "-".repeat(BAR - filled) + "]";
  }

  /** Byte counts as the progress bars show them (binary units, like podman's mpb bars). */
  private static String binary(long n) {
    String[] units = {"b", "KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? n + "b" : String.format(java.util.Locale.ROOT, "%.1f%s", v, units[u]);
  }
}
