package io.jpod.core.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Writes a Java {@code long} as the Go {@code uint64} it stands for: -1 (unlimited) becomes
 * 18446744073709551615, as runc and crun expect.
 */
public final class UnsignedLongSerializer extends StdSerializer<Long> {
  public UnsignedLongSerializer() {
    super(Long.class);
  }

  @Override
  public void serialize(Long value, JsonGenerator gen, SerializerProvider provider) throws IOException {
    gen.writeNumber(Long.toUnsignedString(value));
  }
}
