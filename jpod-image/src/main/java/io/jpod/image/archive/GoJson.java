package io.jpod.image.archive;

import io.jpod.common.JpodException;
import io.jpod.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;

/**
 * JSON byte for byte as Go's encoding/json writes it, where jpod must hash what podman hashes (the
 * legacy v1 layer ids of docker-archive): maps with sorted keys, raw values compacted, and {@code <},
 * {@code >}, {@code &}, U+2028 and U+2029 escaped inside strings.
 */
final class GoJson {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private GoJson() {}

  /**
   * The raw (unparsed) value of every top-level key of the JSON object {@code json}; for a repeated key
   * the last one, as Go's decoder keeps.
   */
  static Map<String, byte[]> topLevel(byte[] json, String what) {
    try {
      if (!Json.mapper().readTree(json).isObject()) {
        throw JpodException.invalid(what + ": not a JSON object");
      }
    } catch (IOException e) {
      throw JpodException.invalid(what + ": invalid JSON (" + e.getMessage() + ")");
    }
    // The input is now known to be valid JSON, so the scanner below needs no error handling.
    Map<String, byte[]> out = new LinkedHashMap<>();
    int i = skipSpace(json, 0) + 1;
    while (true) {
      i = skipSpace(json, i);
      if (json[i] == '}') {
        return out;
      }
      int keyEnd = skipValue(json, i);
      String key;
      try {
        key = Json.mapper().readValue(Arrays.copyOfRange(json, i, keyEnd), String.class);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      i = skipSpace(json, keyEnd) + 1;
      i = skipSpace(json, i);
      int valueEnd = skipValue(json, i);
      out.put(key, Arrays.copyOfRange(json, i, valueEnd));
      i = skipSpace(json, valueEnd);
      if (json[i] == ',') {
        i++;
      }
    }
  }

  private static int skipSpace(byte[] b, int i) {
    while (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
      i++;
    }
    return i;
  }

  /** The index just after the value (string, number, literal, object or array) starting at {@code i}. */
  private static int skipValue(byte[] b, int i) {
    int depth = 0;
    boolean inString = false;
    for (; i < b.length; i++) {
      byte c = b[i];
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
          if (depth == 0) {
            return i + 1;
          }
        }
        continue;
      }
      switch (c) {
        case '"' -> inString = true;
        case '{', '[' -> depth++;
        case '}', ']' -> {
          if (depth == 0) {
            return i;
          }
          if (--depth == 0) {
            return i + 1;
          }
        }
        case ',', ' ', '\t', '\n', '\r' -> {
          if (depth == 0) {
            return i;
          }
        }
        default -> {
          // part of a number, literal or nested value
        }
      }
    }
    return i;
  }

  /** {@code raw} as Go's {@code json.Marshal} emits a {@code json.RawMessage}: compacted, HTML-escaped. */
  static byte[] compact(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
    boolean inString = false;
    for (int i = 0; i < raw.length; i++) {
      int c = raw[i] & 0xff;
      if (!inString && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
        continue;
      }
      if (inString && c == '\\') {
        out.write(c);
        out.write(raw[++i]);
        continue;
      }
      if (c == '"') {
        inString = !inString;
      }
      if (c == '<' || c == '>' || c == '&') {
        escape(out, c);
      } else if (c == 0xe2 && i + 2 < raw.length && (raw[i + 1] & 0xff) == 0x80
          && ((raw[i + 2] & 0xff) == 0xa8 || (raw[i + 2] & 0xff) == 0xa9)) {
        escape(out, 0x2028 + ((raw[i + 2] & 0xff) - 0xa8));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  /** {@code s} as a Go JSON string literal. */
  static byte[] string(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 2);
    out.write('"');
    s.codePoints().forEach(c -> {
      switch (c) {
        case '"', '\\' -> {
          out.write('\\');
          out.write(c);
        }
        case '\n' -> out.writeBytes("\\n".getBytes(StandardCharsets.US_ASCII));
        case '\r' -> out.writeBytes("\\r".getBytes(StandardCharsets.US_ASCII));
        case '\t' -> out.writeBytes("\\t".getBytes(StandardCharsets.US_ASCII));
        case '<', '>', '&', 0x2028, 0x2029 -> escape(out, c);
        default -> {
          if (c < 0x20) {
            escape(out, c);
          } else {
            out.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
          }
        }
      }
    });
    out.write('"');
    return out.toByteArray();
  }

  /** An object of already-encoded values, keys in the (sorted) order of {@code values}. */
  static byte[] object(SortedMap<String, byte[]> values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write('{');
    boolean first = true;
    for (Map.Entry<String, byte[]> e : values.entrySet()) {
      if (!first) {
        out.write(',');
      }
      first = false;
      out.writeBytes(string(e.getKey()));
      out.write(':');
      out.writeBytes(e.getValue());
    }
    out.write('}');
    return out.toByteArray();
  }

  private static void escape(ByteArrayOutputStream out, int c) {
    out.writeBytes("\\u".getBytes(StandardCharsets.US_ASCII));
    out.write(HEX[(c >> 12) & 0xf]);
    out.write(HEX[(c >> 8) & 0xf]);
    out.write(HEX[(c >> 4) & 0xf]);
    out.write(HEX[c & 0xf]);
  }
}
