package io.jpod.storage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The OCI image configuration ({@code application/vnd.oci.image.config.v1+json}) with the spec's key names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageConfig(
    Instant created,
    String author,
    String architecture,
    String os,
    String variant,
    Config config,
    RootFs rootfs,
    List<History> history) {

  /** The execution defaults ({@code config} object; its keys are capitalized in the spec). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Config(
      @JsonProperty("User") String user,
      @JsonProperty("ExposedPorts") Map<String, Map<String, Object>> exposedPorts,
      @JsonProperty("Env") List<String> env,
      @JsonProperty("Entrypoint") List<String> entrypoint,
      @JsonProperty("Cmd") List<String> cmd,
      @JsonProperty("Volumes") Map<String, Map<String, Object>> volumes,
      @JsonProperty("WorkingDir") String workingDir,
      @JsonProperty("Labels") Map<String, String> labels,
      @JsonProperty("StopSignal") String stopSignal) {

    /** A config with nothing set. */
    public static Config empty() {
      return new Config(null, null, null, null, null, null, null, null, null);
    }
  }

  /** The layer DiffIDs, bottom first. */
  public record RootFs(String type, @JsonProperty("diff_ids") List<String> diffIds) {}

  /** One history step. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record History(
      Instant created,
      @JsonProperty("created_by") String createdBy,
      String author,
      String comment,
      @JsonProperty("empty_layer") Boolean emptyLayer) {}
}
