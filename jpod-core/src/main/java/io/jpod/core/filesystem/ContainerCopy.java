package io.jpod.core.filesystem;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.oci.ContainerPaths;
import io.jpod.core.spec.ProcessUser;
import io.jpod.core.spec.UserResolver;
import io.jpod.core.state.ContainerRecord;
import io.jpod.core.volume.MountConfig;
import io.jpod.sys.Ids;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * {@code jpod cp}: copies between a container and the host (or another container), or streams a tar
 * archive from stdin into a container and from a container to stdout, with podman's rules (which follow
 * docker's): an existing destination directory receives the source under its own name, "SRC/." copies
 * a directory's contents, a missing destination is created under the name given, a trailing "/" demands
 * an existing directory.
 *
 * <p>Every path inside a container is resolved within the container's root ({@link InRootPath}), and
 * the files are then opened below descriptors that the kernel keeps inside it ({@link DirFd}), so no
 * symlink in the container (absolute, relative, ".." chains, or one swapped in while copying) can make
 * a copy read or write host files. Works on running and stopped containers alike: the root filesystem
 * is mounted for the copy, sharing the running container's mount.
 *
 * <p>Ownership as in podman: files copied into a container belong to the container's user (its
 * {@code --user}, resolved in its /etc/passwd) unless {@code archive} is off, which keeps the source's
 * ids; files copied out belong to the user running jpod.
 */
public final class ContainerCopy {
  /** Kernel filesystems a copy out of a container leaves out, as podman's copier does. */
  private static final Set<String> EXCLUDED = Set.of("/dev", "/proc", "/sys");

  /**
   * @param archive chown what is copied into a container to the container's user ({@code -a}, default on)
   * @param overwrite replace directories by non-directories and vice versa ({@code --overwrite})
   */
  public record Options(boolean archive, boolean overwrite) {}

  /**
   * What is copied: the item at {@code path} (resolved, inside {@code root}), archived as {@code name},
   * or only what the directory holds when {@code contentsOnly}.
   */
  private record Source(Path root, String path, boolean dir, String name, boolean contentsOnly, boolean container) {}

  /**
   * Where a copy lands: the existing directory {@code dir} inside {@code root}; the copy's top entry is
   * called {@code name} unless {@code intoDir} (then it keeps the source's name).
   */
  private record Dest(Path root, String dir, String name, boolean intoDir) {}

  private final Libpod libpod;

  public ContainerCopy(Libpod libpod) {
    this.libpod = libpod;
  }

  /** Copies {@code src} to {@code dst} (cp's two arguments); "-" streams a tar through {@code stdin}/{@code stdout}. */
  public void copy(String src, String dst, Options options, InputStream stdin, OutputStream stdout) {
    CopyEndpoint from = CopyEndpoint.parse(src);
    CopyEndpoint to = CopyEndpoint.parse(dst);
    if (from.path().isEmpty() || to.path().isEmpty()) {
      throw JpodException.invalid("invalid arguments \"" + src + "\", \"" + dst + "\": you must specify paths");
    }
    try {
      if (!from.onHost() && !to.onHost()) {
        containerToContainer(from, to, options);
      } else if (!from.onHost()) {
        fromContainer(from, to, stdout);
      } else if (!to.onHost()) {
        toContainer(from, to, options, stdin);
      } else {
        throw JpodException.invalid("name or ID cannot be empty");
      }
    } catch (IOException e) {
      throw JpodException.system(message(e), e);
    }
  }

  /**
   * What is at {@code path} in a container, the last component not followed (the Docker API's
   * {@code HEAD /containers/{id}/archive}, which {@code docker cp} asks before copying).
   *
   * @param permissions the permission bits (and setuid/setgid/sticky)
   * @param linkTarget the symlink's target, or "" when not a symlink
   */
  public record PathStat(String name, long size, int permissions, boolean directory, boolean symlink,
      java.time.Instant modified, String linkTarget) {}

  public PathStat stat(String nameOrId, String path) {
    ContainerRecord rec = container(nameOrId);
    try (MountedRoot root = MountedRoot.mount(libpod, rec); Located at = locate(root, containerPath(rec, path));
        DirFd rootFd = DirFd.open(at.root())) {
      String resolved = InRootPath.resolveParent(at.path(), links(rootFd));
      if (stat(rootFd, resolved) == null) {
        throw JpodException.notFound("Could not find the file " + path + " in container " + nameOrId);
      }
      Path p;
      java.nio.file.attribute.PosixFileAttributes a;
      String target = "";
      if (resolved.equals("/")) {
        p = rootFd.path();
        a = Files.readAttributes(p, java.nio.file.attribute.PosixFileAttributes.class);
        String name = at.name() != null ? at.name() : InRootPath.name(containerPath(rec, path));
        return new PathStat(name.isEmpty() ? "/" : name, a.size(), modeBits(a), true, false, a.lastModifiedTime().toInstant(), "");
      }
      try (DirFd parent = rootFd.openDir(InRootPath.relative(InRootPath.parent(resolved)), DirFd.IN_ROOT)) {
        p = parent.child(InRootPath.name(resolved));
        a = Files.readAttributes(p, java.nio.file.attribute.PosixFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink()) {
          target = Files.readSymbolicLink(p).toString();
        }
      }
      return new PathStat(at.name() != null ? at.name() : InRootPath.name(resolved), a.size(), modeBits(a), a.isDirectory(), a.isSymbolicLink(),
          a.lastModifiedTime().toInstant(), target);
    } catch (IOException e) {
      throw JpodException.system(message(e), e);
    }
  }

  private static int modeBits(java.nio.file.attribute.PosixFileAttributes a) {
    int m = 0;
    for (var perm : a.permissions()) {
      m |= 1 << (8 - perm.ordinal());
    }
    return m;
  }

  // ---- the three directions ----------------------------------------------------------------------

  private void fromContainer(CopyEndpoint from, CopyEndpoint to, OutputStream stdout) throws IOException {
    ContainerRecord rec = container(from.container());
    try (MountedRoot root = MountedRoot.mount(libpod, rec); Located at = locate(root, containerPath(rec, from.path()))) {
      Source source = containerSource(at, from);
      Owner me = new Owner(Ids.getuid(), Ids.getgid());
      if (to.isStream()) {
        writeSource(source, source.contentsOnly() ? null : source.name(), me, stdout);
        stdout.flush();
        return;
      }
      Dest dest = hostDest(to, source);
      transfer(source, topName(source, dest), me, dest, new TreeTarExtractor.Options(me, false, true), "");
    }
  }

  private void toContainer(CopyEndpoint from, CopyEndpoint to, Options options, InputStream stdin) throws IOException {
    Source source = from.isStream() ? null : hostSource(from);
    ContainerRecord rec = container(to.container());
    try (MountedRoot root = MountedRoot.mount(libpod, rec); Located at = locate(root, containerPath(rec, to.path()))) {
      Dest dest = containerDest(at, to, source);
      Owner owner = options.archive() ? containerUser(root) : null;
      var extract = new TreeTarExtractor.Options(owner, options.overwrite(), false);
      if (source == null) {
        InputStream tar = tarStream(stdin);
        try (DirFd rootFd = DirFd.open(dest.root())) {
          new TreeTarExtractor(rootFd, dest.dir(), extract).extract(tar);
        } catch (JpodException | IOException e) {
          throw JpodException.system("copying to container: " + message(e), e);
        }
        return;
      }
      transfer(source, topName(source, dest), null, dest, extract, "copying to container: ");
    }
  }

  private void containerToContainer(CopyEndpoint from, CopyEndpoint to, Options options) throws IOException {
    ContainerRecord src = container(from.container());
    ContainerRecord dst = container(to.container());
    try (MountedRoot srcRoot = MountedRoot.mount(libpod, src); MountedRoot dstRoot = MountedRoot.mount(libpod, dst);
        Located srcAt = locate(srcRoot, containerPath(src, from.path()));
        Located dstAt = locate(dstRoot, containerPath(dst, to.path()))) {
      Source source = containerSource(srcAt, from);
      Dest dest = containerDest(dstAt, to, source);
      Owner owner = options.archive() ? containerUser(dstRoot) : null;
      transfer(source, topName(source, dest), new Owner(Ids.getuid(), Ids.getgid()), dest,
          new TreeTarExtractor.Options(owner, options.overwrite(), false), "copying to container: ");
    }
  }

  // ---- sources -----------------------------------------------------------------------------------

  private Source containerSource(Located at, CopyEndpoint from) throws IOException {
    String resolved;
    BasicFileAttributes attrs;
    try (DirFd rootFd = DirFd.open(at.root())) {
      resolved = InRootPath.resolve(at.path(), links(rootFd));
      attrs = stat(rootFd, resolved);
    }
    if (attrs == null) {
      throw notFoundInContainer(from, "no such file or directory");
    }
    String name = at.name() != null ? at.name() : InRootPath.name(resolved);
    boolean contents = attrs.isDirectory() && (from.contentsOnly() || at.wholeContainer(resolved));
    return new Source(at.root(), resolved, attrs.isDirectory(), name, contents, at.container());
  }

  private static Source hostSource(CopyEndpoint from) throws IOException {
    Path abs = Path.of(from.path()).toAbsolutePath().normalize();
    BasicFileAttributes attrs = hostStat(abs);
    if (attrs == null) {
      throw notFoundOnHost(from, "no such file or directory");
    }
    if ((from.mustBeDirectory() || from.contentsOnly()) && !attrs.isDirectory()) {
      throw notFoundOnHost(from, "stat " + withSlash(from) + ": not a directory");
    }
    // A symlink given as the source is followed (the copy gets the link's name and the target's content).
    String real = abs.toRealPath().toString();
    String name = abs.getFileName() == null ? "/" : abs.getFileName().toString();
    boolean contents = attrs.isDirectory() && (from.contentsOnly() || real.equals("/"));
    return new Source(Path.of("/"), real, attrs.isDirectory(), name, contents, false);
  }

  // ---- destinations ------------------------------------------------------------------------------

  private Dest containerDest(Located at, CopyEndpoint to, Source source) throws IOException {
    boolean fromStdin = source == null;
    Path root = at.root();
    try (DirFd rootFd = DirFd.open(root)) {
      // The last component is followed too: a symlink to a file is written through, within the root.
      String resolved = InRootPath.resolve(at.path(), links(rootFd));
      BasicFileAttributes attrs = stat(rootFd, resolved);
      if (attrs == null) {
        if (to.mustBeDirectory()) {
          throw notFoundInContainer(to, "no such file or directory");
        }
        if (fromStdin) {
          throw JpodException.invalid("destination must be a directory when copying from stdin");
        }
        BasicFileAttributes parent = stat(rootFd, InRootPath.parent(resolved));
        if (parent == null) {
          throw notFoundInContainer(to, "no such file or directory");
        }
        if (!parent.isDirectory()) {
          throw notFoundInContainer(to, "not a directory");
        }
        return new Dest(root, InRootPath.parent(resolved), InRootPath.name(resolved), false);
      }
      if (attrs.isDirectory()) {
        return new Dest(root, resolved, null, true);
      }
      if (to.mustBeDirectory()) {
        throw JpodException.invalid("copying to container: copier: put: " + resolved + " (" + resolved + "): exists but is not a directory");
      }
      if (fromStdin) {
        throw JpodException.invalid("destination must be a directory when copying from stdin");
      }
      if (source.dir()) {
        throw JpodException.invalid("destination must be a directory when copying a directory");
      }
      return new Dest(root, InRootPath.parent(resolved), InRootPath.name(resolved), false);
    }
  }

  private static Dest hostDest(CopyEndpoint to, Source source) throws IOException {
    Path abs = Path.of(to.path()).toAbsolutePath().normalize();
    BasicFileAttributes attrs = hostStat(abs);
    if (to.mustBeDirectory()) {
      if (attrs == null) {
        throw notFoundOnHost(to, "no such file or directory");
      }
      if (!attrs.isDirectory()) {
        throw notFoundOnHost(to, "stat " + withSlash(to) + ": not a directory");
      }
    }
    if (attrs == null) {
      Path parent = abs.getParent();
      BasicFileAttributes p = parent == null ? null : hostStat(parent);
      if (p == null || !p.isDirectory()) {
        throw notFoundOnHost(to, "no such file or directory");
      }
      return new Dest(Path.of("/"), parent.toString(), abs.getFileName().toString(), false);
    }
    if (attrs.isDirectory()) {
      return new Dest(Path.of("/"), abs.toString(), null, true);
    }
    if (source.dir()) {
      throw JpodException.invalid("destination must be a directory when copying a directory");
    }
    return new Dest(Path.of("/"), abs.getParent().toString(), abs.getFileName().toString(), false);
  }

  /** The archive's top name: the source's own name in an existing directory, else the destination's. */
  private static String topName(Source source, Dest dest) {
    if (dest.intoDir()) {
      return source.contentsOnly() ? null : source.name();
    }
    return dest.name();
  }

  // ---- moving the bytes --------------------------------------------------------------------------

  /** Archives {@code source} ({@code topName} null: only a directory's contents) onto {@code out}. */
  private static void writeSource(Source source, String topName, Owner owner, OutputStream out) throws IOException {
    var options = new TreeTarWriter.Options(owner, false, source.container() ? EXCLUDED : Set.of());
    try (DirFd rootFd = DirFd.open(source.root());
        TreeTarWriter tar = new TreeTarWriter(out, options, HostNames.load())) {
      if (source.path().equals("/")) {
        tar.writeDirectory(rootFd, "/", topName == null ? "" : topName);
      } else if (topName == null) {
        try (DirFd dir = rootFd.openDir(InRootPath.relative(source.path()), DirFd.IN_ROOT)) {
          tar.writeDirectory(dir, source.path(), "");
        }
      } else {
        try (DirFd parent = rootFd.openDir(InRootPath.relative(InRootPath.parent(source.path())), DirFd.IN_ROOT)) {
          tar.writeItem(parent, InRootPath.name(source.path()), source.path(), topName);
        }
      }
    }
  }

  /**
   * Archives the source on a virtual thread and unpacks it at the destination on this one, through a
   * pipe, as podman's copier does. Whichever side fails first has the real reason (the other one then
   * only sees a closed pipe or a cut archive); it is reported with {@code prefix}.
   */
  private static void transfer(Source source, String topName, Owner readOwner, Dest dest,
      TreeTarExtractor.Options extract, String prefix) throws IOException {
    Pipe pipe = Pipe.open();
    AtomicReference<Throwable> first = new AtomicReference<>();
    Thread producer = Thread.ofVirtual().name("cp-archive").start(() -> {
      try (OutputStream out = Channels.newOutputStream(pipe.sink())) {
        try {
          writeSource(source, topName, readOwner, out);
        } catch (Throwable t) {
          first.compareAndSet(null, t); // before the pipe closes, so the reader's failure comes second
        }
      } catch (IOException e) {
        first.compareAndSet(null, e);
      }
    });
    try (InputStream in = Channels.newInputStream(pipe.source()); DirFd rootFd = DirFd.open(dest.root())) {
      try {
        new TreeTarExtractor(rootFd, dest.dir(), extract).extract(in);
        in.transferTo(OutputStream.nullOutputStream()); // let the archiver write its end blocks
      } catch (IOException | RuntimeException e) {
        first.compareAndSet(null, e);
      }
    }
    try {
      producer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw JpodException.system("interrupted while copying");
    }
    Throwable failure = first.get();
    if (failure != null) {
      ErrorKind kind = failure instanceof JpodException je ? je.kind() : ErrorKind.SYSTEM;
      throw new JpodException(kind, prefix + message(failure), failure);
    }
  }

  /** stdin as a plain tar stream: gzip is unpacked; anything that is not a tar archive is refused. */
  private static InputStream tarStream(InputStream stdin) throws IOException {
    BufferedInputStream in = new BufferedInputStream(stdin, 65536);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    InputStream plain = b0 == 0x1f && b1 == 0x8b
        ? new BufferedInputStream(GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get(), 65536)
        : in;
    plain.mark(512);
    byte[] header = plain.readNBytes(512);
    plain.reset();
    if (header.length < 512 || !TarArchiveInputStream.matches(header, header.length)) {
      throw JpodException.invalid("source must be a (compressed) tar archive when copying from stdin");
    }
    return plain;
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private ContainerRecord container(String nameOrId) {
    if (nameOrId.isEmpty()) {
      throw JpodException.invalid("name or ID cannot be empty");
    }
    try {
      return libpod.containers().get(nameOrId);
    } catch (JpodException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        throw JpodException.notFound("container \"" + nameOrId + "\" does not exist");
      }
      throw e;
    }
  }

  /** A path given for a container: relative ones start at the container's working directory. */
  private static String containerPath(ContainerRecord rec, String path) {
    String wd = rec.config().workingDir();
    return InRootPath.join(wd == null || wd.isEmpty() ? "/" : wd, path);
  }

  /** The container's user and primary group, which files copied in are given. */
  private static Owner containerUser(MountedRoot root) {
    ProcessUser u = UserResolver.resolve(root.root(), root.container().config().user());
    return new Owner((int) u.uid(), (int) u.gid());
  }

  /**
   * Where a path of a container really is: {@code path} inside the host directory {@code root}. {@code
   * name} is the copy's name when it differs from the last component of {@code path} (a file bind
   * mount); {@code container} when the root is the container's root (so /dev, /proc and /sys are left
   * out of a copy of "/"). Closing releases a volume mounted for the copy.
   */
  private record Located(Path root, String path, String name, boolean container, Runnable release)
      implements AutoCloseable {
    /** Whether {@code resolved} is the container's whole root (copied as its contents, never by name). */
    boolean wholeContainer(String resolved) {
      return container && resolved.equals("/");
    }

    @Override
    public void close() {
      release.run();
    }
  }

  /**
   * As podman: a running container's paths are looked up in its own mount namespace (through
   * /proc/PID/root), so volumes, bind mounts, tmpfs and /etc/hosts are what the container sees. In a
   * stopped container the deepest volume or bind mount over the path (as written, before symlinks)
   * holds it, and only the rest is in the root filesystem.
   */
  private Located locate(MountedRoot root, String path) {
    ContainerRecord rec = root.container();
    if (rec.state().status() == io.jpod.core.container.ContainerStatus.RUNNING && rec.state().pid() > 0) {
      // Held open and checked through the descriptor: the pid could have gone and been reused by a
      // host process meanwhile, whose root is the host's; the descriptor names one directory for good.
      try {
        DirFd held = DirFd.open(Path.of("/proc/" + rec.state().pid() + "/root"));
        if (sameDirectory(held.path(), root.root())) {
          return new Located(held.path(), path, null, true, held::close);
        }
        held.close();
      } catch (IOException e) {
        // the process is gone: the container has just stopped, and its mounts with it
      }
    }
    String clean = InRootPath.clean(path);
    MountConfig best = null;
    for (MountConfig m : mountsOf(rec)) {
      String d = InRootPath.clean(m.destination());
      boolean covers = clean.equals(d) || d.equals("/") || clean.startsWith(d + "/");
      if (covers && (best == null || d.length() > InRootPath.clean(best.destination()).length())) {
        best = m;
      }
    }
    if (best == null) {
      return new Located(root.root(), clean, null, true, () -> { });
    }
    String d = InRootPath.clean(best.destination());
    String rest = clean.equals(d) ? "/" : d.equals("/") ? clean : clean.substring(d.length());
    Path source;
    Runnable release = () -> { };
    if (best.isVolume()) {
      String volume = best.source();
      source = libpod.volumes().mount(volume);
      release = () -> libpod.volumes().unmount(volume);
    } else {
      source = Path.of(best.source());
    }
    if (rest.equals("/") && !Files.isDirectory(source)) {
      // a file bind mount: the file is reached from its directory and keeps the container's name
      Path parent = source.toAbsolutePath().getParent();
      return new Located(parent, "/" + source.getFileName(), InRootPath.name(clean), false, release);
    }
    return new Located(source, rest, rest.equals("/") ? InRootPath.name(clean) : null, false, release);
  }

  /** Whether {@code procRoot} is the same directory as the container's root filesystem. */
  private static boolean sameDirectory(Path procRoot, Path rootfs) {
    try {
      Object a = Files.readAttributes(procRoot, BasicFileAttributes.class).fileKey();
      Object b = Files.readAttributes(rootfs, BasicFileAttributes.class).fileKey();
      return a != null && a.equals(b);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The container's volumes and bind mounts, then the files jpod bind-mounts into every container
   * (/etc/hosts, ...): what the container sees there is the run directory's copy, not the empty file
   * in its layer. tmpfs mounts hold nothing while the container is stopped.
   */
  private List<MountConfig> mountsOf(ContainerRecord rec) {
    List<MountConfig> out = new java.util.ArrayList<>();
    for (MountConfig m : rec.config().mounts()) {
      if (m.isVolume() || m.type().equals("bind")) {
        out.add(m);
      }
    }
    ContainerPaths p = libpod.containers().paths(rec.config());
    Map<String, Path> bound = Map.of(
        "/etc/hosts", p.hostsFile(), "/etc/hostname", p.hostnameFile(),
        "/etc/resolv.conf", p.resolvConf(), "/run/.containerenv", p.containerEnv());
    bound.forEach((dest, file) -> {
      boolean userMounted = out.stream().anyMatch(m -> InRootPath.clean(m.destination()).equals(dest));
      if (!userMounted && Files.isRegularFile(file)) {
        out.add(new MountConfig("bind", file.toString(), dest, List.of(), false));
      }
    });
    return out;
  }

  /** Symlink lookups below {@code rootFd}, each through a descriptor that stays inside the root. */
  static InRootPath.Links links(DirFd rootFd) {
    return path -> {
      if (path.equals("/")) {
        return null;
      }
      try (DirFd parent = rootFd.openDir(InRootPath.relative(InRootPath.parent(path)), DirFd.IN_ROOT)) {
        Path p = parent.child(InRootPath.name(path));
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        return a.isSymbolicLink() ? Files.readSymbolicLink(p).toString() : null;
      } catch (NoSuchFileException | NotDirectoryException e) {
        return null;
      }
    };
  }

  /** lstat of a resolved path inside the root; null when it (or a directory above it) does not exist. */
  static BasicFileAttributes stat(DirFd rootFd, String resolved) throws IOException {
    try {
      if (resolved.equals("/")) {
        return Files.readAttributes(rootFd.path(), BasicFileAttributes.class);
      }
      try (DirFd parent = rootFd.openDir(InRootPath.relative(InRootPath.parent(resolved)), DirFd.IN_ROOT)) {
        return Files.readAttributes(parent.child(InRootPath.name(resolved)), BasicFileAttributes.class,
            java.nio.file.LinkOption.NOFOLLOW_LINKS);
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return null;
    }
  }

  private static BasicFileAttributes hostStat(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class);
    } catch (NoSuchFileException | NotDirectoryException e) {
      return null;
    } catch (FileSystemException e) {
      if (e.getReason() != null && e.getReason().contains("Not a directory")) {
        return null;
      }
      throw e;
    }
  }

  /** The absolute host path as stat(2) saw it: Java's Path drops the trailing "/" that made it fail. */
  private static String withSlash(CopyEndpoint e) {
    String abs = Path.of(e.path()).toAbsolutePath().toString();
    return e.path().endsWith("/") ? abs + "/" : e.path().endsWith("/.") ? abs.substring(0, abs.length() - 1) : abs;
  }

  private static JpodException notFoundInContainer(CopyEndpoint e, String why) {
    return JpodException.notFound("\"" + e.path() + "\" could not be found on container " + e.container() + ": " + why);
  }

  private static JpodException notFoundOnHost(CopyEndpoint e, String why) {
    return JpodException.notFound("\"" + e.path() + "\" could not be found on the host: " + why);
  }

  /** A one-line message in podman's style ("/x: permission denied"). */
  static String message(Throwable t) {
    if (t instanceof FileSystemException fse && fse.getFile() != null && !fse.getFile().startsWith("/proc/self/fd/")) {
      return fse.getFile() + ": " + reason(t);
    }
    return reason(t);
  }

  /** Why an I/O operation failed, without the file (lower case, as Go's errors read). */
  static String reason(Throwable t) {
    if (t instanceof FileSystemException fse) {
      String reason = fse.getReason();
      return fse instanceof NoSuchFileException ? "no such file or directory"
          : fse instanceof NotDirectoryException ? "not a directory"
          : fse instanceof java.nio.file.FileAlreadyExistsException ? "file exists"
          : fse instanceof java.nio.file.AccessDeniedException ? "permission denied"
          : fse instanceof java.nio.file.DirectoryNotEmptyException ? "directory not empty"
          : reason == null ? "failed" : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
