package io.jpod.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Builds the one JSON mapper configuration jpod uses for its own files and the state database. */
public final class Json {
  /**
   * The process-wide mapper. A mapper is configured once and thread-safe; sharing it matters for
   * start-up, since each new mapper re-learns every record type it meets.
   */
  private static final ObjectMapper SHARED = newMapper();

  private Json() {}

  /** The shared mapper (do not reconfigure it). */
  public static ObjectMapper mapper() {
    return SHARED;
  }

  /**
   * A new mapper: java.time as ISO-8601 strings, unknown properties ignored (so older jpod versions
   * read newer rows), records handled natively.
   */
  public static ObjectMapper newMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}
