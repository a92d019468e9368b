package io.jpod.storage;

import io.avaje.jsonb.Json;
import io.avaje.jsonb.JsonType;
import java.util.List;

/**
 * JSON binding for the store's own files (images.json, layers.json, containers.json, mountpoints.json)
 * and for reading image configs and manifests. The adapters are generated at compile time
 * (avaje-jsonb, which honours the records' Jackson {@code @JsonProperty} names), so a fresh jpod process
 * reads its store with plain code instead of learning each record by reflection first. Nulls are left
 * out and unknown keys ignored, as before.
 */
@Json.Import({
  ImageRecord.class,
  LayerRecord.class,
  ContainerRecord.class,
  MountRecord.class,
  ImageConfig.class,
  ImageConfig.Config.class,
  ImageConfig.RootFs.class,
  ImageConfig.History.class,
  Manifest.class,
  Manifest.Descriptor.class,
  io.jpod.sys.IdMap.class
})
public final class StorageJson {
  /** The binding of a JSON array of {@code type}. */
  public <T> JsonType<List<T>> listOf(Class<T> type) {
    return io.jpod.common.Bindings.of(type).list();
  }

  /** The binding of a JSON object of arbitrary values. */
  public JsonType<java.util.Map<String, Object>> objectMap() {
    return io.jpod.common.Bindings.of(Object.class).map();
  }

  /** The binding of one {@code type}. */
  public <T> JsonType<T> of(Class<T> type) {
    return io.jpod.common.Bindings.of(type);
  }
}
