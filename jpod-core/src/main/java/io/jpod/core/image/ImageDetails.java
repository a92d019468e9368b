package io.jpod.core.image;

import io.jpod.storage.Image;
import io.jpod.storage.ImageConfig;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code image inspect} shows about one image (libimage's ImageData); the CLI lays it out.
 *
 * @param image the stored image (id, names, digest, top layer, created)
 * @param config the OCI config
 * @param repoTags the names that carry a tag
 * @param repoDigests {@code repository@digest} per name
 * @param parentId the parent image's id or ""
 * @param comment the first history entry's comment (OCI) or the config's comment (Docker)
 * @param version the Docker version that built the image, or ""
 * @param size the image size, as {@code images} shows it
 * @param graphDriverName the storage driver ({@code overlay} or {@code vfs})
 * @param graphDriverData the overlay directories of the top layer (LowerDir, UpperDir, WorkDir)
 * @param rootFsType the config's rootfs type ("layers")
 * @param layers the layer DiffIDs, bottom first
 * @param annotations the manifest's annotations (never null)
 * @param manifestType the manifest's media type
 * @param namesHistory names the image has had, most recent first
 */
public record ImageDetails(
    Image image,
    ImageConfig config,
    List<String> repoTags,
    List<String> repoDigests,
    String parentId,
    String comment,
    String version,
    long size,
    String graphDriverName,
    Map<String, String> graphDriverData,
    String rootFsType,
    List<String> layers,
    Map<String, String> annotations,
    String manifestType,
    List<String> namesHistory) {}
