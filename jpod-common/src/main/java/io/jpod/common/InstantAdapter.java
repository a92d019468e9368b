package io.jpod.common;

import io.avaje.json.JsonAdapter;
import io.avaje.json.JsonDataException;
import io.avaje.json.JsonReader;
import io.avaje.json.JsonWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * avaje-jsonb's binding of {@link Instant} for jpod's own records (store files, state database rows,
 * image configs): the same JSON as avaje's built-in adapter ({@code Instant.toString()} out,
 * {@code Instant.parse} semantics in), through {@link InstantText}'s hand-written fast path.
 */
final class InstantAdapter implements JsonAdapter<Instant> {
  @Override
  public Instant fromJson(JsonReader reader) {
    String text = reader.readString();
    try {
      return InstantText.parse(text);
    } catch (DateTimeParseException e) {
      throw new JsonDataException("not a timestamp: \"" + text + "\" (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public void toJson(JsonWriter writer, Instant value) {
    writer.value(InstantText.format(value));
  }

  @Override
  public String toString() {
    return "JsonAdapter(Instant, RFC 3339)";
  }
}
