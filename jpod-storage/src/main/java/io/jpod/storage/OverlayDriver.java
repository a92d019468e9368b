package io.jpod.storage;

import io.jpod.common.JpodException;
import io.jpod.sys.Mount;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The overlay driver: {@code overlay/<id>/{diff,link,lower,work,merged}} and the short
 * {@code overlay/l/<link>} symlinks (see podman-internals §4). A layer's {@code diff/} holds only its
 * own files, deletions as overlay whiteouts; a container mounts overlayfs with its {@code diff/} as
 * upper dir over the lower layers' links.
 *
 * <p>Options: {@code overlay.mountopt=a,b} adds mount options (e.g. {@code nodev}).
 */
final class OverlayDriver implements GraphDriver {
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private final Path home;
  private final RandomGenerator random;
  private final StagingDirs staging;
  private final String mountOptions;

  OverlayDriver(Path home, RandomGenerator random, List<String[]> options) {
    this.home = home;
    this.random = random;
    this.staging = new StagingDirs(home.resolve("staging"), random);
    String extra = "";
    for (String[] o : options) {
      if (o[0].equals("mountopt")) {
        extra = o[1];
      } else {
        log().log(System.Logger.Level.DEBUG, "ignoring overlay storage option " + o[0]);
      }
    }
    this.mountOptions = extra;
  }

  @Override
  public String name() {
    return "overlay";
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
    return home.resolve(id);
  }

  @Override
  public Path diffDir(String id) {
    return layerDir(id).resolve("diff");
  }

  @Override
  public Path workDir(String id) {
    return layerDir(id).resolve("work");
  }

  @Override
  public Path mountPoint(String id) {
    return layerDir(id).resolve("merged");
  }

  @Override
  public void prepare(Path staged, String parent) {
    // Nothing: the staged diff/ is the layer's diff/ as it is.
  }

  @Override
  public void install(Path staged, String id, String parent) throws IOException {
    String lower = parent == null ? null : lowerFor(parent);
    Path dir = layerDir(id);
    // A directory without a record is what a crash between move and registration leaves.
    FileTrees.deleteRecursively(dir);
    Files.deleteIfExists(staged.resolve(StagingDirs.OWNER));
    Files.move(staged, dir, StandardCopyOption.ATOMIC_MOVE);
    if (parent == null) {
      Files.createDirectories(dir.resolve("empty"));
    } else {
      Files.writeString(dir.resolve("lower"), lower);
    }
    makeLink(id);
  }

  @Override
  public void createWritable(String id, String parent) throws IOException {
    String lower = parent == null ? null : lowerFor(parent);
    Path dir = layerDir(id);
    Files.createDirectories(dir.resolve("diff"));
    // as containers/storage: the new top layer's root has its parent's mode, which overlay shows as "/"
    Files.setPosixFilePermissions(dir.resolve("diff"), parent == null ? LayerStore.LAYER_ROOT_MODE
        : Files.getPosixFilePermissions(diffDir(parent)));
    Files.createDirectories(dir.resolve("work"));
    Files.createDirectories(dir.resolve("merged"));
    if (lower != null) {
      Files.writeString(dir.resolve("lower"), lower);
    }
    makeLink(id);
  }

  @Override
  public void mount(String id, boolean volatile_) throws IOException {
    mount(id, volatile_, List.of(), List.of());
  }

  /**
   * With mappings, each lower layer is first bind-mounted idmapped under {@code <id>/mapped/<n>} and
   * overlay stacks those; overlay keeps private clones of its layers, so the binds are detached right
   * after and nothing but the overlay mount is left behind. The upper dir needs no idmapping: the
   * container's root writes there as the mapped host ids already.
   */
  @Override
  public void mount(String id, boolean volatile_, List<io.jpod.sys.IdMap> uidMap, List<io.jpod.sys.IdMap> gidMap)
      throws IOException {
    List<Path> lowers = lowerDirs(id);
    List<Path> mapped = new ArrayList<>();
    if (!uidMap.isEmpty() && !lowers.isEmpty()) {
      Path base = layerDir(id).resolve("mapped");
      try (io.jpod.sys.Fd userns = io.jpod.sys.IdmappedMounts.userNamespace(uidMap, gidMap)) {
        for (int i = 0; i < lowers.size(); i++) {
          Path target = Files.createDirectories(base.resolve(Integer.toString(i)));
          if (MountTable.MountInfo.isMountPoint(target)) {
            Mount.unmount(target.toString(), Mount.MNT_DETACH);
          }
          io.jpod.sys.IdmappedMounts.bind(lowers.get(i).toRealPath().toString(), target.toString(), userns);
          mapped.add(target);
        }
      } catch (RuntimeException | IOException e) {
        mapped.forEach(m -> Mount.unmount(m.toString(), Mount.MNT_DETACH));
        throw e;
      }
      lowers = mapped;
    }
    try {
      mountOverlay(id, lowers, volatile_);
    } finally {
      mapped.forEach(m -> Mount.unmount(m.toString(), Mount.MNT_DETACH));
    }
  }

  @Override
  public void shiftOwnership(String id, List<io.jpod.sys.IdMap> uidMap, List<io.jpod.sys.IdMap> gidMap) {
    // overlay shows the upper dir's root as the container's "/": it must belong to the mapped root.
    io.jpod.sys.Nodes.lchown(diffDir(id), (int) io.jpod.sys.IdMap.toHost(uidMap, 0),
        (int) io.jpod.sys.IdMap.toHost(gidMap, 0));
  }

  private void mountOverlay(String id, List<Path> lowers, boolean volatile_) throws IOException {
    String options;
    if (lowers.isEmpty()) {
      // overlay needs a lowerdir: a container without an image gets its own empty one.
      Path empty = layerDir(id).resolve("empty");
      Files.createDirectories(empty);
      options = "lowerdir=" + empty;
    } else {
      options = "lowerdir=" + lowers.stream().map(Path::toString).collect(Collectors.joining(":"));
    }
    options += ",upperdir=" + diffDir(id) + ",workdir=" + workDir(id) + (volatile_ ? ",volatile" : "");
    if (!mountOptions.isEmpty()) {
      options += "," + mountOptions;
    }
    Path merged = mountPoint(id);
    Files.createDirectories(merged);
    if (MountTable.MountInfo.isMountPoint(merged)) {
      Mount.unmount(merged.toString(), 0); // stale: a crashed process, a record lost
    }
    Mount.mount("overlay", merged.toString(), "overlay", 0, options);
  }

  @Override
  public boolean isMounted(String id) {
    return MountTable.MountInfo.isMountPoint(mountPoint(id));
  }

  @Override
  public void unmount(String id) {
    Mount.unmount(mountPoint(id).toString(), 0); // false when it was not mounted: that's fine
  }

  @Override
  public List<Change> changes(List<String> chain) throws IOException {
    List<Path> lowers = new ArrayList<>();
    for (int i = chain.size() - 2; i >= 0; i--) {
      lowers.add(diffDir(chain.get(i)));
    }
    return LayerChanges.compute(diffDir(chain.getLast()), lowers);
  }

  @Override
  public void writeDiff(List<String> chain, OutputStream out) throws IOException {
    DiffWriter.write(diffDir(chain.getLast()), out);
  }

  @Override
  public void delete(String id) throws IOException {
    Path mapped = layerDir(id).resolve("mapped");
    if (Files.isDirectory(mapped)) {
      // a crash between an idmapped bind and its detach must not let the delete reach into an image layer
      try (var dirs = Files.list(mapped)) {
        dirs.forEach(d -> Mount.unmount(d.toString(), Mount.MNT_DETACH));
      }
    }
    Path linkFile = layerDir(id).resolve("link");
    if (Files.exists(linkFile)) {
      String link = Files.readString(linkFile).trim();
      if (!link.isEmpty() && !link.contains("/")) {
        Files.deleteIfExists(home.resolve("l").resolve(link));
      }
    }
    FileTrees.deleteRecursively(layerDir(id));
  }

  /**
   * The absolute {@code overlay/l/<link>} paths of the lower layers of {@code id}, nearest first (what
   * {@code lowerdir=} wants); the short links keep the mount data under a page.
   */
  List<Path> lowerDirs(String id) throws IOException {
    Path lowerFile = layerDir(id).resolve("lower");
    if (!Files.exists(lowerFile)) {
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    for (String l : Files.readString(lowerFile).trim().split(":")) {
      if (!l.isEmpty()) {
        out.add(home.resolve(l));
      }
    }
    return out;
  }

  /** The {@code lower} content for a child of {@code parent}: the parent's link, then its lowers. */
  private String lowerFor(String parent) throws IOException {
    StringBuilder sb = new StringBuilder("l/").append(link(parent));
    Path parentLower = layerDir(parent).resolve("lower");
    if (Files.exists(parentLower)) {
      sb.append(':').append(Files.readString(parentLower).trim());
    }
    return sb.toString();
  }

  private String link(String id) throws IOException {
    Path f = layerDir(id).resolve("link");
    if (!Files.exists(f)) {
      throw JpodException.notFound("layer " + id + ": layer not known");
    }
    return Files.readString(f).trim();
  }

  private void makeLink(String id) throws IOException {
    // one read of random bytes: BASE32 has 32 letters, so each byte's low five bits pick one uniformly
    byte[] b = new byte[26];
    random.nextBytes(b);
    char[] c = new char[b.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = BASE32.charAt(b[i] & 31);
    }
    String link = new String(c);
    Path l = home.resolve("l");
    Files.createDirectories(l);
    Files.createSymbolicLink(l.resolve(link), Path.of("..", id, "diff"));
    Files.writeString(layerDir(id).resolve("link"), link);
  }

  // Looked up when there is something to log: the first System.getLogger sets up the JDK's logging,
  // ~2 ms of every command that opens the store.
  private static System.Logger log() {
    return System.getLogger(OverlayDriver.class.getName());
  }
}
