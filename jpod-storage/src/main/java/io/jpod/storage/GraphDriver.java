package io.jpod.storage;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.Locale;

/**
 * A containers/storage graph driver: how the files of layers live under {@code <graphroot>/<name>/} and
 * how a container's root filesystem is produced from them. The stores around it (layers.json,
 * images.json, containers.json, mountpoints.json) are the same for every driver, in directories named
 * after it ({@code <name>-layers}, {@code <name>-images}, {@code <name>-containers}).
 *
 * <ul>
 *   <li>{@link OverlayDriver} (the default): each layer keeps only its own files; a container's root is
 *       an overlay mount of its empty upper dir over the image's layers.
 *   <li>{@link VfsDriver}: each layer is a complete copy of its parent's tree with its own changes
 *       applied, and a container's root is simply its directory. Slow and large, but it needs nothing
 *       from the kernel: it is what works where overlayfs does not (nested inside an overlay without a
 *       usable upper dir, some network or FUSE filesystems, kernels without overlay).
 * </ul>
 *
 * <p>Layers are created in two steps so the layers lock is held only briefly: {@link #prepare} does the
 * slow work in a private staging directory, {@link #install} moves the result into place.
 */
sealed interface GraphDriver permits OverlayDriver, VfsDriver {
  /** The drivers jpod implements, for error messages. */
  List<String> SUPPORTED = List.of("overlay", "vfs");

  /**
   * The driver {@code name} over {@code graphRoot}, configured with {@code options} in
   * containers/storage form ({@code <driver>.<key>=<value>} or {@code .<key>=<value>}; options of other
   * drivers are ignored). An unknown name is {@code JpodException.invalid}.
   */
  static GraphDriver open(String name, Path graphRoot, List<String> options, RandomGenerator random) {
    String n = checkName(name);
    List<String[]> own = new ArrayList<>();
    for (String o : options == null ? List.<String>of() : options) {
      int eq = o.indexOf('=');
      String key = (eq < 0 ? o : o.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : o.substring(eq + 1).trim();
      int dot = key.indexOf('.');
      if (dot < 0) {
        continue; // not a driver option (containers/storage wants the prefix too)
      }
      String driver = key.substring(0, dot);
      if (driver.isEmpty() || driver.equals(n)) {
        own.add(new String[] {key.substring(dot + 1), value});
      }
    }
    return switch (n) {
      case "overlay" -> new OverlayDriver(graphRoot.resolve("overlay"), random, own);
      case "vfs" -> new VfsDriver(graphRoot.resolve("vfs"), random, own);
      default -> throw new IllegalStateException(n);
    };
  }

  /** The canonical name of driver {@code name} (null or empty: overlay); unknown names are refused. */
  static String checkName(String name) {
    String n = name == null || name.isEmpty() ? "overlay" : name.toLowerCase(Locale.ROOT);
    if (!SUPPORTED.contains(n)) {
      throw JpodException.invalid("unsupported storage driver \"" + name + "\": jpod supports "
          + String.join(", ", SUPPORTED));
    }
    return n;
  }

  /** {@code overlay} or {@code vfs}: also the prefix of the store directories. */
  String name();

  /** {@code <graphroot>/<name>}. */
  Path home();

  /** Where layers are built before {@link #install}. */
  StagingDirs staging();

  /** The driver's directory of a layer. */
  Path layerDir(String id);

  /**
   * The files of a layer: for overlay its own files ({@code <id>/diff}, a container's upper dir), for
   * vfs the layer's complete tree ({@code dir/<id>}).
   */
  Path diffDir(String id);

  /** The overlay work dir of a container layer; null for drivers without one. */
  Path workDir(String id);

  /** Where a container layer's root filesystem appears once mounted. */
  Path mountPoint(String id);

  /**
   * Turns the staging directory {@code staged} (holding the layer's own files in {@code diff/}, overlay
   * whiteouts and all) into what {@link #install} moves into place, on top of {@code parent} (null for a
   * base layer). Runs without the layers lock; may consume {@code diff/}.
   */
  void prepare(Path staged, String parent) throws IOException;

  /** Under the layers lock: moves the prepared {@code staged} into place as layer {@code id}. */
  void install(Path staged, String id, String parent) throws IOException;

  /** Creates the files of an empty writable (container) layer {@code id} on top of {@code parent}. */
  void createWritable(String id, String parent) throws IOException;

  /** Makes the layer's root filesystem appear at {@link #mountPoint}, replacing a stale mount. */
  void mount(String id, boolean volatile_) throws IOException;

  /**
   * As {@link #mount(String, boolean)} for a container in a user namespace: files of the image appear
   * owned by the ids the mappings give them (host id N shows as the host id container id N maps to).
   */
  default void mount(String id, boolean volatile_, List<io.jpod.sys.IdMap> uidMap, List<io.jpod.sys.IdMap> gidMap)
      throws IOException {
    mount(id, volatile_);
  }

  /**
   * Makes a new writable layer fit a user namespace: what the container will see as owned by root is
   * owned by the host ids container root maps to.
   */
  void shiftOwnership(String id, List<io.jpod.sys.IdMap> uidMap, List<io.jpod.sys.IdMap> gidMap) throws IOException;

  /** Whether the layer's root filesystem is available at its mount point right now. */
  boolean isMounted(String id);

  /** Undoes {@link #mount}; not being mounted is fine. */
  void unmount(String id);

  /** The changes of the top layer of {@code chain} (bottom first) against the layers below it. */
  List<Change> changes(List<String> chain) throws IOException;

  /** Writes the changes of the top layer of {@code chain} as an OCI layer tar. */
  void writeDiff(List<String> chain, OutputStream out) throws IOException;

  /** Removes the layer's files; an unknown id is fine. */
  void delete(String id) throws IOException;
}
