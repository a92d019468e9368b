package io.jpod.storage;

import java.nio.file.Path;
import java.util.List;

/**
 * containers/storage-compatible image and container storage under a graph root (persistent) and a run
 * root (tmpfs), with the overlay driver by default or vfs (see {@link GraphDriver}); opening it reads
 * nothing, each operation reads only its files.
 */
public final class Store {
  /** The driver a store uses unless told otherwise. */
  public static final String DEFAULT_DRIVER = "overlay";

  private final Path graphRoot;
  private final Path runRoot;
  private final GraphDriver driver;
  private final LayerStore layers;
  private final ContainerStore containers;
  private final ImageStore images;

  private Store(Path graphRoot, Path runRoot, String driverName, List<String> driverOptions) {
    this.graphRoot = graphRoot.toAbsolutePath().normalize();
    this.runRoot = runRoot.toAbsolutePath().normalize();
    StorageJson json = new StorageJson();
    this.driver = GraphDriver.open(driverName, this.graphRoot, driverOptions, new io.jpod.common.KernelRandom());
    this.layers = new LayerStore(this.graphRoot, driver, json);
    MountTable mounts = new MountTable(this.runRoot, driver, json);
    // Containers need the image's top layer and images need to know their containers: break the cycle
    // with a function that asks the image store at call time.
    this.containers = new ContainerStore(this.graphRoot, this.runRoot, json, layers, mounts,
        imageId -> images().lookup(imageId).topLayer());
    this.images = new ImageStore(this.graphRoot, json, layers, containers);
  }

  /** Opens (without touching the disk) the overlay store at e.g. /var/lib/jpod/storage and /run/jpod/storage. */
  public static Store open(Path graphRoot, Path runRoot) {
    return new Store(graphRoot, runRoot, DEFAULT_DRIVER, List.of());
  }

  /**
   * Opens the store with graph driver {@code driver} ({@code overlay} or {@code vfs}; null or empty:
   * overlay) and its {@code options} in containers/storage form ({@code vfs.ignore_chown_errors=true},
   * {@code overlay.mountopt=nodev}; other drivers' options are ignored). An unknown driver is
   * {@code JpodException.invalid}, naming the supported ones.
   */
  public static Store open(Path graphRoot, Path runRoot, String driver, List<String> options) {
    return new Store(graphRoot, runRoot, driver, options);
  }

  /**
   * Fails ({@code JpodException.invalid}, naming the supported drivers) unless {@code driver} is one
   * {@link #open(Path, Path, String, List)} accepts; null or empty means the default.
   */
  public static void requireSupportedDriver(String driver) {
    GraphDriver.checkName(driver);
  }

  /** The drivers {@link #open(Path, Path, String, List)} accepts. */
  public static List<String> supportedDrivers() {
    return GraphDriver.SUPPORTED;
  }

  public Path graphRoot() {
    return graphRoot;
  }

  public Path runRoot() {
    return runRoot;
  }

  /** The graph driver's name, {@code overlay} or {@code vfs} (podman's {@code GraphDriver.Name}). */
  public String driverName() {
    return driver.name();
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
