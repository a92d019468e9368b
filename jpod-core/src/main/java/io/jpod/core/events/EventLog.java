package io.jpod.core.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
  private final Path file;
  private final ObjectMapper json;
  private final boolean enabled;

  public EventLog(Path file, ObjectMapper json, boolean enabled) {
    this.file = file;
    this.json = json;
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
      byte[] line = (json.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
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

  /** All recorded events that match, oldest first. */
  public List<Event> read(Predicate<Event> filter) {
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
      return json.readValue(line, Event.class);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /**
   * Follows the file from its current end, handing each new event to {@code sink} until it returns
   * false or the thread is interrupted.
   */
  public void follow(long fromOffset, Predicate<Event> filter, Predicate<Event> sink) {
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
}
