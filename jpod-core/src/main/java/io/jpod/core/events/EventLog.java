package io.jpod.core.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jpod.common.JpodException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * podman's "file" events backend: appends one JSON line per event to {@code events.log} and reads
 * them back for {@code jpod events}.
 */
public final class EventLog {
  private static final com.fasterxml.jackson.core.JsonFactory LINES = new com.fasterxml.jackson.core.JsonFactory();

  private final Path file;
  private final boolean enabled;

  public EventLog(Path file, boolean enabled) {
    this.file = file;
    this.enabled = enabled;
  }

  private final java.util.concurrent.locks.ReentrantLock inProcess = new java.util.concurrent.locks.ReentrantLock();

  public Path file() {
    return file;
  }

  /** Appends an event; a failure to record is reported on stderr but never fails the operation. */
  public void write(Event event) {
    if (!enabled) {
      return;
    }
    try {
      byte[] line = line(event);
      Files.createDirectories(file.getParent());
      // O_APPEND plus one write per line keeps concurrent writers' lines whole; the lock keeps them
      // whole even past PIPE_BUF and during rotation by another process.
      // File locks belong to the process: threads of one JVM (a pod's members stopped in parallel) take
      // turns here first, or FileChannel.lock throws OverlappingFileLockException.
      inProcess.lock();
      try (FileChannel ch =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        try (var lock = ch.lock()) {
          ch.write(ByteBuffer.wrap(line));
        }
      } finally {
        inProcess.unlock();
      }
    } catch (IOException e) {
      io.jpod.common.Logrus.warn("Unable to write event to " + file + ": " + e.getMessage());
    }
  }

  /** The "none" backend records nothing, so there is nothing to read (podman refuses too). */
  private void requireReadable() {
    if (!enabled) {
      throw JpodException.invalid("cannot read events with the \"none\" backend");
    }
  }

  /** All recorded events that match, oldest first. */
  public List<Event> read(Predicate<Event> filter) {
    requireReadable();
    List<Event> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        Event e = parse(line);
        if (e != null && filter.test(e)) {
          out.add(e);
        }
      }
    } catch (IOException e) {
      throw JpodException.system("reading events from " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Parses one line; a torn or foreign line yields null and is skipped. */
  public Event parse(String line) {
    if (line.isBlank()) {
      return null;
    }
    try {
      return io.jpod.common.Json.mapper().readValue(line, Event.class);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /**
   * Follows the file from its current end, handing each new event to {@code sink} until it returns
   * false or the thread is interrupted.
   */
  public void follow(long fromOffset, Predicate<Event> filter, Predicate<Event> sink) {
    requireReadable();
    try {
      Files.createDirectories(file.getParent());
      if (!Files.exists(file)) {
        Files.createFile(file);
      }
      try (var in = Files.newInputStream(file);
          BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        in.skip(fromOffset);
        StringBuilder partial = new StringBuilder();
        while (!Thread.currentThread().isInterrupted()) {
          int c = r.read();
          if (c < 0) {
            Thread.sleep(100);
            continue;
          }
          if (c != '\n') {
            partial.append((char) c);
            continue;
          }
          Event e = parse(partial.toString());
          partial.setLength(0);
          if (e != null && filter.test(e) && !sink.test(e)) {
            return;
          }
        }
      }
    } catch (IOException e) {
      throw JpodException.system("following events in " + file + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public long size() {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * One line of the log, as the annotated {@link Event} maps to (podman's keys; empty values left out
   * but Attributes always written), with the streaming generator: every container operation writes an
   * event, and binding the record by reflection first cost a fresh jpod process milliseconds.
   */
  static byte[] line(Event e) throws IOException {
    var out = new java.io.ByteArrayOutputStream(256);
    try (var g = LINES.createGenerator(out)) {
      g.writeStartObject();
      if (e.containerExitCode() != null) {
        g.writeNumberField("ContainerExitCode", e.containerExitCode());
      }
      nonEmpty(g, "ID", e.id());
      nonEmpty(g, "Image", e.image());
      nonEmpty(g, "Name", e.name());
      nonEmpty(g, "Status", e.status());
      if (e.time() != null) {
        g.writeStringField("Time", e.time().toString());
      }
      nonEmpty(g, "Type", e.type());
      g.writeFieldName("Attributes");
      if (e.attributes() == null) {
        g.writeNull();
      } else {
        g.writeStartObject();
        for (var a : e.attributes().entrySet()) {
          g.writeStringField(a.getKey(), a.getValue());
        }
        g.writeEndObject();
      }
      nonEmpty(g, "health_status", e.healthStatus());
      g.writeEndObject();
    }
    out.write('\n');
    return out.toByteArray();
  }

  private static void nonEmpty(com.fasterxml.jackson.core.JsonGenerator g, String name, String value) throws IOException {
    if (value != null && !value.isEmpty()) {
      g.writeStringField(name, value);
    }
  }
}
