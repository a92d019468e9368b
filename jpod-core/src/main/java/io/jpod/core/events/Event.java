package io.jpod.core.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One event in podman's file-backend format: a JSON object per line, empty fields and a zero exit
 * code left out.
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
    @JsonProperty("Attributes") @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, String> attributes) {

  public static Event container(String status, String id, String name, String image, Map<String, String> labels) {
    return new Event(null, id, image, name, status, Instant.now(), "container", labels);
  }

  public Event withExitCode(int code) {
    return new Event(code == 0 ? null : code, id, image, name, status, time, type, attributes);
  }
}
