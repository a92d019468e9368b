package io.jpod.core.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One event in podman's file-backend format: a JSON object per line, empty fields and a zero exit
 * code left out; health_status events also name the health status the check found.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Event(
    @JsonProperty("ContainerExitCode") Integer containerExitCode,
    @JsonProperty("ID") String id,
    @JsonProperty("Image") String image,
    @JsonProperty("Name") String name,
    @JsonProperty("Status") String status,
    @JsonProperty("Time") Instant time,
    @JsonProperty("Type") String type,
    @JsonProperty("Attributes") @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, String> attributes,
    @JsonProperty("health_status") String healthStatus) {

  /** An event without a health status (all but health_status). */
  public Event(Integer containerExitCode, String id, String image, String name, String status, Instant time, String type,
      Map<String, String> attributes) {
    this(containerExitCode, id, image, name, status, time, type, attributes, null);
  }

  public static Event container(String status, String id, String name, String image, Map<String, String> labels) {
    return new Event(null, id, image, name, status, Instant.now(), "container", labels);
  }

  public Event withExitCode(int code) {
    return new Event(code == 0 ? null : code, id, image, name, status, time, type, attributes, healthStatus);
  }

  /** podman's health_status event, which carries the status the check left the container in. */
  public Event withHealthStatus(String health) {
    return new Event(containerExitCode, id, image, name, status, time, type, attributes, health);
  }
}
