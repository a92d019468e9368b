package io.jpod.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jpod.common.Json;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * containers/storage-compatible image and container storage (overlay driver) under a graph root
 * (persistent) and a run root (tmpfs); opening it reads nothing, each operation reads only its files.
 */
public final class Store {
  private final Path graphRoot;
  private final Path runRoot;
  private final LayerStore layers;
  private final ContainerStore containers;
  private final ImageStore images;

  private Store(Path graphRoot, Path runRoot) {
    this.graphRoot = graphRoot.toAbsolutePath().normalize();
    this.runRoot = runRoot.toAbsolutePath().normalize();
    ObjectMapper mapper = Json.mapper();
    this.layers = new LayerStore(this.graphRoot, mapper, new SecureRandom());
    MountTable mounts = new MountTable(this.runRoot, mapper);
    // Containers need the image's top layer and images need to know their containers: break the cycle
    // with a function that asks the image store at call time.
    this.containers = new ContainerStore(this.graphRoot, this.runRoot, mapper, layers, mounts,
        imageId -> images().lookup(imageId).topLayer());
    this.images = new ImageStore(this.graphRoot, mapper, layers, containers);
  }

  /** Opens (without touching the disk) the store at e.g. /var/lib/jpod/storage and /run/jpod/storage. */
  public static Store open(Path graphRoot, Path runRoot) {
    return new Store(graphRoot, runRoot);
  }

  public Path graphRoot() {
    return graphRoot;
  }

  public Path runRoot() {
    return runRoot;
  }

  public ImageStore images() {
    return images;
  }

  public ContainerStore containers() {
    return containers;
  }

  public LayerStore layers() {
    return layers;
  }
}
