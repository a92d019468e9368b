package io.jpod.core.state;

import io.avaje.jsonb.Json;
import io.avaje.jsonb.JsonType;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;

/**
 * JSON binding for the records the state database stores. The adapters are generated at compile time
 * (avaje-jsonb) from the record components, so a fresh jpod process binds a container's config with
 * plain code instead of learning each record type by reflection first, which cost a short command
 * tens of milliseconds. The JSON is the same as before: component names as keys, ISO-8601 instants,
 * enum names; unknown keys are ignored and missing ones read as null/0/false, so rows written by
 * older or newer jpod versions still load.
 */
@Json.Import({
  io.jpod.core.container.ContainerConfig.class,
  io.jpod.core.container.ContainerConfig.Rlimit.class,
  io.jpod.core.container.ContainerState.class,
  io.jpod.core.container.NamespaceConfig.class,
  io.jpod.core.network.NetworkConfig.class,
  io.jpod.core.network.NetworkAttachment.class,
  io.jpod.core.network.PortMapping.class,
  io.jpod.core.network.NetworkStatus.class,
  io.jpod.core.network.NetworkStatus.Result.class,
  io.jpod.core.network.NetworkStatus.Interface.class,
  io.jpod.core.network.NetworkStatus.Subnet.class,
  io.jpod.core.network.Network.class,
  io.jpod.core.network.Network.Subnet.class,
  io.jpod.core.volume.MountConfig.class,
  io.jpod.core.volume.Volume.class,
  io.jpod.core.volume.VolumeState.class,
  io.jpod.core.resources.ResourceConfig.class,
  io.jpod.core.resources.ResourceConfig.DeviceRate.class,
  io.jpod.core.security.SecurityConfig.class,
  io.jpod.core.security.SecurityConfig.Device.class,
  io.jpod.core.supervision.SupervisionConfig.class,
  io.jpod.core.supervision.RestartPolicy.class,
  io.jpod.core.supervision.Healthcheck.class,
  io.jpod.core.identity.IdentityConfig.class,
  io.jpod.core.secret.SecretUse.class,
  io.jpod.core.pod.PodConfig.class,
  io.jpod.core.pod.PodState.class
})
public final class StoredJson {
  /** Encodes one stored record. */
  public <T> String write(T value) {
    @SuppressWarnings("unchecked")
    JsonType<T> type = (JsonType<T>) io.jpod.common.Bindings.of(value.getClass());
    try {
      return type.toJson(value);
    } catch (RuntimeException e) {
      throw new JpodException(ErrorKind.INTERNAL, "encoding " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** Decodes one stored record. */
  public <T> T read(String text, Class<T> type) {
    try {
      return io.jpod.common.Bindings.of(type).fromJson(text);
    } catch (RuntimeException e) {
      throw new JpodException(ErrorKind.INTERNAL, "decoding " + type.getSimpleName() + " from the state database: "
          + e.getMessage(), e);
    }
  }
}
