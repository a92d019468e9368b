package io.jpod.common;

import io.avaje.jsonb.JsonType;
import io.avaje.jsonb.Jsonb;
import java.time.Instant;

/**
 * The JSON binding for jpod's own records whose adapters are generated at compile time (avaje-jsonb,
 * {@code @Json} / {@code @Json.Import} in each module): stored records, store files, seccomp profiles.
 * A fresh jpod process binds them with plain code instead of learning each type by reflection first,
 * as {@link Json}'s mapper does. One instance per process (it registers every module's adapters when
 * made); unknown keys are ignored and nulls left out.
 */
public final class Bindings {
  private Bindings() {}

  private static final class Holder {
    // Instants through jpod's own adapter: avaje's goes through DateTimeFormatter, which was 14-20 % of a
    // create with 100-200 containers in the store (same JSON either way).
    static final Jsonb JSONB = Jsonb.builder().failOnUnknown(false)
        .add(Instant.class, new InstantAdapter().nullSafe()).build();
  }

  /** The binding of {@code type}. */
  public static <T> JsonType<T> of(Class<T> type) {
    return Holder.JSONB.type(type);
  }
}
