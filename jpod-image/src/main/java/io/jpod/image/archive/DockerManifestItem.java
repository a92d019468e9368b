package io.jpod.image.archive;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One image of a docker-archive's {@code manifest.json}: its config file, names and layer files (paths
 * inside the archive). Field order and names are those docker and podman write.
 */
@JsonPropertyOrder({"Config", "RepoTags", "Layers"})
public record DockerManifestItem(
    @JsonProperty("Config") String config,
    @JsonProperty("RepoTags") List<String> repoTags,
    @JsonProperty("Layers") List<String> layers) {
  public DockerManifestItem {
    repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
    layers = layers == null ? List.of() : List.copyOf(layers);
  }
}
