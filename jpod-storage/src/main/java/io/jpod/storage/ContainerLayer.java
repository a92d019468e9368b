package io.jpod.storage;

import java.nio.file.Path;

/**
 * The writable layer of a container: its files ({@code diffDir}: overlay's upper dir, or the complete
 * vfs tree), overlay's work dir (null for vfs) and where its root filesystem is mounted ({@code mergedDir};
 * for vfs the same directory as {@code diffDir}).
 */
public record ContainerLayer(String containerId, String layerId, String imageId, Path diffDir,
    Path workDir, Path mergedDir) {}
