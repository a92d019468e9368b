package io.jpod.storage;

import io.jpod.common.JpodException;
import io.jpod.sys.Nodes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * containers/storage's {@code vfs} driver: the fallback for hosts where overlayfs cannot be used (a
 * jpod running inside a container whose own root is an overlay without a usable upper dir, filesystems
 * overlay refuses as upper, kernels without it). No mount is ever needed, at the price of space and
 * time: {@code vfs/dir/<id>/} is the complete root filesystem of layer {@code id}, a full copy of its
 * parent's tree with the layer's own tar applied on top, deletions done for real (a whiteout removes
 * the path, an opaque directory loses the parent's content) instead of overlay's whiteout devices and
 * xattrs. A container's layer is a full copy of its image's top layer; "mounting" it hands out that
 * directory (only the mount count in mountpoints.json changes), and its changes are found by comparing
 * it with the image's directory ({@link NaiveDiff}).
 *
 * <p>A layer is built in a staging directory: the tar is extracted into {@code diff/} exactly as for
 * overlay (so tar-split and digests are the same), then {@link #prepare} copies the parent into
 * {@code root/} and moves the extracted files onto it, and {@link #install} renames {@code root/} into
 * place. As containers/storage, the records live in {@code vfs-layers/}, {@code vfs-images/} and
 * {@code vfs-containers/}.
 *
 * <p>Options: {@code vfs.ignore_chown_errors=true} tolerates failing chowns (a rootless user namespace
 * with a single id).
 */
final class VfsDriver implements GraphDriver {
  private static final System.Logger LOG = System.getLogger(VfsDriver.class.getName());
  private static final String ROOT = "root";

  private final Path home;
  private final StagingDirs staging;
  private final boolean ignoreChownErrors;

  VfsDriver(Path home, RandomGenerator random, List<String[]> options) {
    this.home = home;
    this.staging = new StagingDirs(home.resolve("staging"), random);
    boolean ignoreChown = false;
    for (String[] o : options) {
      if (o[0].equals("ignore_chown_errors")) {
        ignoreChown = Boolean.parseBoolean(o[1]);
      } else {
        LOG.log(System.Logger.Level.DEBUG, "ignoring vfs storage option " + o[0]);
      }
    }
    this.ignoreChownErrors = ignoreChown;
  }

  @Override
  public String name() {
    return "vfs";
  }

  @Override
  public Path home() {
    return home;
  }

  @Override
  public StagingDirs staging() {
    return staging;
  }

  @Override
  public Path layerDir(String id) {
    return home.resolve("dir").resolve(id);
  }

  @Override
  public Path diffDir(String id) {
    return layerDir(id);
  }

  @Override
  public Path workDir(String id) {
    return null;
  }

  @Override
  public Path mountPoint(String id) {
    return layerDir(id);
  }

  /** Builds the layer's complete tree in {@code staged/root}: the parent's copied, the diff applied. */
  @Override
  public void prepare(Path staged, String parent) throws IOException {
    Path root = staged.resolve(ROOT);
    FileTrees.deleteRecursively(root); // a previous attempt that failed half way
    if (parent == null) {
      Files.createDirectory(root);
    } else {
      TreeCopy.copy(existing(parent), root, ignoreChownErrors);
    }
    Path diff = staged.resolve("diff");
    FileStat diffRoot = FileStat.of(diff); // before apply() moves files out of it
    if (Whiteouts.isOpaque(diff)) {
      clear(root);
    }
    apply(diff, root);
    // The layer root's attributes come from the layer, as overlay shows its topmost diff dir's.
    copyDirAttributes(diff, root, diffRoot);
    // What is left are whiteouts and emptied directories.
    FileTrees.deleteRecursively(diff);
  }

  @Override
  public void install(Path staged, String id, String parent) throws IOException {
    Path root = staged.resolve(ROOT);
    if (!Files.isDirectory(root)) {
      throw JpodException.system("layer " + id + ": staged layer " + staged + " was not prepared");
    }
    Path dir = layerDir(id);
    // A directory without a record is what a crash between move and registration leaves.
    FileTrees.deleteRecursively(dir);
    Files.createDirectories(dir.getParent());
    Files.move(root, dir, StandardCopyOption.ATOMIC_MOVE);
    FileTrees.deleteRecursively(staged);
  }

  /** Copies the parent's tree (in a staging directory, so a crash leaves nothing half made in place). */
  @Override
  public void createWritable(String id, String parent) throws IOException {
    Path s = staging.create();
    try {
      Path root = s.resolve(ROOT);
      if (parent == null) {
        Files.createDirectory(root);
      } else {
        TreeCopy.copy(existing(parent), root, ignoreChownErrors);
      }
      Path dir = layerDir(id);
      Files.createDirectories(dir.getParent());
      Files.move(root, dir, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      FileTrees.deleteRecursively(s);
    }
  }

  @Override
  public void mount(String id, boolean volatile_) throws IOException {
    existing(id); // nothing to mount: the directory is the root filesystem
  }

  /**
   * A vfs container layer is a private copy of its image, so its owners can be shifted in place: each
   * file's uid and gid move to the host ids they map to (modes re-applied, as chown clears setuid).
   */
  @Override
  public void shiftOwnership(String id, List<io.jpod.sys.IdMap> uidMap, List<io.jpod.sys.IdMap> gidMap)
      throws IOException {
    try (var walk = Files.walk(existing(id))) {
      for (Path p : walk.toList()) {
        int uid = (int) Files.getAttribute(p, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        int gid = (int) Files.getAttribute(p, "unix:gid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        int mode = (int) Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        long hu = io.jpod.sys.IdMap.toHost(uidMap, uid);
        long hg = io.jpod.sys.IdMap.toHost(gidMap, gid);
        io.jpod.sys.Nodes.lchown(p, (int) (hu < 0 ? 65534 : hu), (int) (hg < 0 ? 65534 : hg));
        if (!Files.isSymbolicLink(p)) {
          io.jpod.sys.Nodes.chmod(p, mode & 07777);
        }
      }
    }
  }

  @Override
  public boolean isMounted(String id) {
    return Files.isDirectory(layerDir(id));
  }

  @Override
  public void unmount(String id) {
    // nothing was mounted
  }

  @Override
  public List<Change> changes(List<String> chain) throws IOException {
    return NaiveDiff.sorted(naiveDiff(chain));
  }

  @Override
  public void writeDiff(List<String> chain, OutputStream out) throws IOException {
    DiffWriter.writeChanges(layerDir(chain.getLast()), naiveDiff(chain), out);
  }

  @Override
  public void delete(String id) throws IOException {
    FileTrees.deleteRecursively(layerDir(id));
  }

  private List<Change> naiveDiff(List<String> chain) throws IOException {
    Path parent = chain.size() < 2 ? null : existing(chain.get(chain.size() - 2));
    return NaiveDiff.compute(existing(chain.getLast()), parent);
  }

  private Path existing(String id) {
    Path dir = layerDir(id);
    if (!Files.isDirectory(dir)) {
      throw JpodException.notFound("layer " + id + ": layer not known (no " + dir + ")");
    }
    return dir;
  }

  /**
   * Applies an overlay-style diff dir (as {@link LayerExtractor} makes it) onto the complete tree
   * {@code tree}: whiteout devices delete, opaque directories first drop what the tree had there, every
   * other file is moved (a rename, keeping inode, hard links and attributes) over what was there, and
   * directories take the diff's attributes.
   */
  private void apply(Path diff, Path tree) throws IOException {
    for (String name : DiffWriter.sortedNames(diff)) {
      Path d = diff.resolve(name);
      Path t = tree.resolve(name);
      FileStat ds = FileStat.of(d);
      if (ds == null) {
        continue;
      }
      FileStat ts = FileStat.of(t);
      if (ds.isWhiteout()) {
        if (ts != null) {
          FileTrees.deleteRecursively(t);
        }
        continue;
      }
      if (ds.isDir()) {
        if (ts != null && !ts.isDir()) {
          Files.delete(t);
          ts = null;
        }
        if (ts == null) {
          Files.createDirectory(t);
        } else if (Whiteouts.isOpaque(d)) {
          clear(t);
        }
        apply(d, t);
        copyDirAttributes(d, t, ds);
        continue;
      }
      if (ts != null) {
        FileTrees.deleteRecursively(t);
      }
      try {
        Files.move(d, t, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        TreeCopy.copyEntry(d, t, ignoreChownErrors); // staging on another filesystem: unusual
      }
    }
  }

  private void copyDirAttributes(Path from, Path to, FileStat st) {
    try {
      Nodes.lchown(to, st.uid(), st.gid());
    } catch (JpodException e) {
      if (!ignoreChownErrors) {
        throw e;
      }
    }
    Nodes.chmod(to, st.mode() & 07777);
    TreeCopy.copyXattrs(from, to);
    Nodes.setTimes(to, st.mtime().toInstant(), st.mtime().toInstant());
  }

  /** Deletes the content of directory {@code dir}, keeping the directory. */
  private static void clear(Path dir) throws IOException {
    for (String name : DiffWriter.sortedNames(dir)) {
      FileTrees.deleteRecursively(dir.resolve(name));
    }
  }
}
