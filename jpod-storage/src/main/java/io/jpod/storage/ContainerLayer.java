package io.jpod.storage;

import java.nio.file.Path;

/** The writable layer of a container: its overlay upper dir ({@code diff}), work dir and mount point. */
public record ContainerLayer(String containerId, String layerId, String imageId, Path diffDir,
    Path workDir, Path mergedDir) {}
