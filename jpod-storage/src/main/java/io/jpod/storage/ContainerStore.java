package io.jpod.storage;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Containers in {@code <driver>-containers/}: their writable layers, userdata dirs and (reference-counted)
 * mounts of their root filesystems.
 */
public final class ContainerStore {
  private final Path graphDir;
  private final Path runDir;
  private final JsonFile<ContainerRecord> records;
  private final LayerStore layers;
  private final MountTable mounts;
  private final Function<String, String> topLayerOfImage;
  private final io.avaje.jsonb.JsonType<Map<String, Object>> metadataJson;

  ContainerStore(Path graphRoot, Path runRoot, StorageJson json, LayerStore layers, MountTable mounts,
      Function<String, String> topLayerOfImage) {
    this.graphDir = graphRoot.resolve(layers.driverName() + "-containers");
    this.runDir = runRoot.resolve(layers.driverName() + "-containers");
    this.records = new JsonFile<>(graphDir.resolve("containers.json"),
        graphDir.resolve("containers.lock"), json, ContainerRecord.class);
    this.metadataJson = json.objectMap();
    this.layers = layers;
    this.mounts = mounts;
    this.topLayerOfImage = topLayerOfImage;
  }

  /** Creates the container's layer on top of the image's, its userdata dirs and its record. */
  public ContainerLayer create(String containerId, String containerName, String imageId) {
    return create(containerId, containerName, imageId, List.of(), List.of());
  }

  /**
   * As {@link #create(String, String, String)} for a container in a user namespace with these
   * mappings (empty for none): its layer is owned by the mapped root and its mounts are idmapped.
   */
  public ContainerLayer create(String containerId, String containerName, String imageId,
      List<io.jpod.sys.IdMap> uidMap, List<io.jpod.sys.IdMap> gidMap) {
    if (!Digest.isHex64(containerId)) {
      throw JpodException.invalid("invalid container id \"" + containerId + "\"");
    }
    List<ContainerRecord> existing = records.read();
    for (ContainerRecord r : existing) {
      if (r.id().equals(containerId)) {
        throw JpodException.conflict("the container id " + containerId + " is already in use");
      }
      if (containerName != null && r.nameList().contains(containerName)) {
        throw JpodException.conflict("the container name \"" + containerName
            + "\" is already in use by " + r.id());
      }
    }
    String parent = imageId == null ? null : topLayerOfImage.apply(imageId);
    try {
      LayerRecord layer = layers.createWritable(parent,
          containerName == null ? null : containerName + "-layer");
      Files.createDirectories(userdataDir(containerId));
      Files.createDirectories(runUserdataDir(containerId));
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("image-id", imageId);
      meta.put("name", containerName);
      meta.put("created-at", Instant.now().getEpochSecond());
      ContainerRecord record = new ContainerRecord(containerId,
          containerName == null ? null : List.of(containerName), imageId, layer.id(),
          metadataJson.toJson(meta), Map.of("MountLabel", "", "ProcessLabel", ""), Instant.now(),
          uidMap.isEmpty() ? null : List.copyOf(uidMap), gidMap.isEmpty() ? null : List.copyOf(gidMap));
      if (!uidMap.isEmpty() || !gidMap.isEmpty()) {
        layers.driver().shiftOwnership(layer.id(), uidMap, gidMap);
      }
      boolean added = records.update(list -> {
        // Re-check under the lock: another process may have taken the name meanwhile.
        if (list.stream().anyMatch(r -> r.id().equals(containerId)
            || (containerName != null && r.nameList().contains(containerName)))) {
          return false;
        }
        return list.add(record);
      });
      if (!added) {
        layers.delete(layer.id());
        throw JpodException.conflict("the container name \"" + containerName + "\" is already in use");
      }
      return toLayer(record);
    } catch (IOException e) {
      throw JpodException.system("creating container " + containerId + ": " + e.getMessage(), e);
    }
  }

  /** The container's layer, dirs and image. */
  public ContainerLayer get(String containerId) {
    return toLayer(record(containerId));
  }

  /** All container records. */
  public List<ContainerRecord> list() {
    return records.read();
  }

  /**
   * Mounts the container's root filesystem (shared with other jpod processes) and returns where it is:
   * overlay's merged dir, or for vfs the container layer's own directory.
   */
  public Path mount(String containerId) {
    return mount(containerId, false);
  }

  /** As {@link #mount(String)}; {@code volatile_} skips overlay syncs (for --rm containers). */
  public Path mount(String containerId, boolean volatile_) {
    ContainerRecord r = record(containerId);
    return mounts.mount(r.layer(), volatile_, r.uidMappings(), r.gidMappings());
  }

  /** Drops one user of the mount ({@code force}: all) and unmounts when none is left. */
  public void unmount(String containerId, boolean force) {
    ContainerLayer c = get(containerId);
    mounts.unmount(c.layerId(), force);
  }

  /** How many users the container's mount has. */
  public int mountCount(String containerId) {
    return mounts.count(get(containerId).layerId());
  }

  /** Unmounts if needed and deletes the layer, the userdata dirs and the record. */
  public void remove(String containerId) {
    ContainerLayer c = get(containerId);
    try {
      mounts.unmount(c.layerId(), true);
      layers.delete(c.layerId());
      FileTrees.deleteRecursively(graphDir.resolve(containerId));
      FileTrees.deleteRecursively(runDir.resolve(containerId));
      records.update(list -> list.removeIf(r -> r.id().equals(containerId)));
    } catch (IOException e) {
      throw JpodException.system("removing container " + containerId + ": " + e.getMessage(), e);
    }
  }

  /** {@code <graphroot>/<driver>-containers}: where the containers' userdata dirs live. */
  public Path graphDir() {
    return graphDir;
  }

  /** {@code <runroot>/<driver>-containers}. */
  public Path runDir() {
    return runDir;
  }

  /** {@code <graphroot>/<driver>-containers/<id>/userdata}: the OCI bundle dir. */
  public Path userdataDir(String containerId) {
    return graphDir.resolve(containerId).resolve("userdata");
  }

  /** {@code <runroot>/<driver>-containers/<id>/userdata}: pid files, hosts, resolv.conf. */
  public Path runUserdataDir(String containerId) {
    return runDir.resolve(containerId).resolve("userdata");
  }

  /** Ids of the containers created from {@code imageId}. */
  public List<String> containersUsingImage(String imageId) {
    return records.read().stream().filter(r -> imageId.equals(r.image())).map(ContainerRecord::id)
        .toList();
  }

  private ContainerRecord record(String containerId) {
    return records.read().stream().filter(r -> r.id().equals(containerId)).findFirst()
        .orElseThrow(() -> JpodException.notFound(containerId + ": container not known"));
  }

  private ContainerLayer toLayer(ContainerRecord r) {
    GraphDriver d = layers.driver();
    return new ContainerLayer(r.id(), r.layer(), r.image(), d.diffDir(r.layer()), d.workDir(r.layer()),
        d.mountPoint(r.layer()));
  }
}
