package io.jpod.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.state.ContainerRecord;
import io.jpod.storage.BigData;
import io.jpod.storage.Image;
import io.jpod.storage.ImageConfig;
import io.jpod.storage.ImageNames;
import io.jpod.storage.LayerRecord;
import io.jpod.storage.Manifest;
import io.jpod.storage.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Local images: list, inspect, history, tag, untag, remove, prune and disk usage, with libimage's
 * (podman 4's) rules. The logic lives here; the CLI only formats. Obtain it from {@link Libpod#images()}.
 */
public final class ImageService {
  private static final String DOCKER_V2S2 = "application/vnd.docker.distribution.manifest.v2+json";
  private static final String DOCKER_V2S1 = "application/vnd.docker.distribution.manifest.v1+prettyjws";

  private final Libpod libpod;
  private final ImageEvents events;

  public ImageService(Libpod libpod) {
    this.libpod = libpod;
    this.events = new ImageEvents(libpod);
  }

  private Store store() {
    return libpod.store();
  }

  /** An image and the name (or id text) it was found by: libimage's LookupImage result. */
  public record Resolved(Image image, String name) {}

  /**
   * Finds an image by name, short name, id, {@code sha256:}id or unique id prefix. The name returned is
   * the stored name that matched, or {@code ref} as given when it matched by id.
   */
  public Resolved resolve(String ref) {
    ImageRefs.check(ref);
    Image img = store().images().lookup(ref);
    String bare = ref.startsWith("sha256:") ? ref.substring("sha256:".length()) : ref;
    if (!img.id().equals(bare)) {
      for (String c : ImageNames.candidates(ref)) {
        if (img.names().contains(c)) {
          return new Resolved(img, c);
        }
      }
    }
    return new Resolved(img, ref);
  }

  /** Whether {@code ref} names a local image ({@code image exists}); a malformed name is an error. */
  public boolean exists(String ref) {
    try {
      resolve(ref);
      return true;
    } catch (JpodException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  // ---- listing ---------------------------------------------------------------------------------

  /**
   * The images that pass {@code filters} (podman's image filters), in storage order; without
   * {@code all}, intermediate images (nameless parents of other images) are left out.
   */
  public List<ImageSummary> list(List<String> filters, boolean all) {
    List<String> f = new ArrayList<>(filters);
    if (!all) {
      f.add("intermediate=false");
    }
    ImageCatalog catalog = new ImageCatalog(store());
    ImageFilter filter = compile(f);
    return catalog.summaries().stream().filter(filter).toList();
  }

  private ImageFilter compile(List<String> filters) {
    if (filters.isEmpty()) {
      return ImageFilter.none();
    }
    Instant now = Instant.now();
    return ImageFilter.parse(filters, ref -> resolve(ref).image().created(), now,
        ZoneId.systemDefault().getRules().getOffset(now));
  }

  // ---- inspect / history -----------------------------------------------------------------------

  /** What {@code image inspect} shows about the image {@code ref} names. */
  public ImageDetails inspect(String ref) {
    Image img = resolve(ref).image();
    ImageCatalog catalog = new ImageCatalog(store());
    ImageConfig cfg = catalog.config(img.id());
    JsonNode raw = rawConfig(img.id());
    Manifest manifest = manifestOrNull(img.id());
    String manifestType = manifest != null && manifest.mediaType() != null ? manifest.mediaType() : Manifest.MEDIA_TYPE;
    String comment = "";
    if (manifestType.equals(DOCKER_V2S2) || manifestType.equals(DOCKER_V2S1)) {
      comment = raw.path("comment").asText("");
    } else if (cfg.history() != null && !cfg.history().isEmpty() && cfg.history().getFirst().comment() != null) {
      comment = cfg.history().getFirst().comment();
    }
    List<String> repoTags = img.names().stream().filter(ImageRefs::isTagged).toList();
    Map<String, String> annotations = manifest == null || manifest.annotations() == null
        ? Map.of() : manifest.annotations();
    return new ImageDetails(img, cfg, repoTags, ImageCatalog.repoDigests(img),
        catalog.tree().parent(img).map(Image::id).orElse(""), comment, raw.path("docker_version").asText(""),
        catalog.size(img), store().driverName(), graphDriverData(img.topLayer()),
        cfg.rootfs() == null ? "" : cfg.rootfs().type(),
        cfg.rootfs() == null || cfg.rootfs().diffIds() == null ? List.of() : cfg.rootfs().diffIds(),
        annotations, manifestType, ImageCatalog.namesHistory(img));
  }

  private JsonNode rawConfig(String imageId) {
    try {
      return libpod.json().readTree(store().images().bigData(imageId, BigData.configKey(imageId)));
    } catch (IOException e) {
      throw JpodException.system("reading config of image " + imageId + ": " + e.getMessage(), e);
    }
  }

  private Manifest manifestOrNull(String imageId) {
    try {
      return store().images().manifest(imageId);
    } catch (JpodException e) {
      return null;
    }
  }

  /**
   * The overlay driver's metadata for a layer: LowerDir (the lower diff dirs), UpperDir, WorkDir; none
   * for vfs (podman shows {@code "Data": null} there).
   */
  private Map<String, String> graphDriverData(String layerId) {
    Map<String, String> data = new TreeMap<>();
    if (layerId == null || !"overlay".equals(store().driverName())) {
      return data;
    }
    var layers = store().layers();
    try {
      List<String> lowers = new ArrayList<>();
      for (Path link : layers.lowerDirs(layerId)) {
        Path target = Files.isSymbolicLink(link) ? link.getParent().resolve(Files.readSymbolicLink(link)).normalize() : link;
        lowers.add(target.toString());
      }
      if (!lowers.isEmpty()) {
        data.put("LowerDir", String.join(":", lowers));
      }
    } catch (IOException e) {
      // a damaged lower chain leaves LowerDir out rather than failing inspect
    }
    data.put("UpperDir", layers.diffDir(layerId).toString());
    data.put("WorkDir", layers.layerDir(layerId).resolve("work").toString());
    return data;
  }

  /**
   * {@code history}: the config's history newest first. Steps that made a layer are paired with the
   * image's layers from the top down; a step gets the id of the (first) image whose top layer it made,
   * each id used once, the others {@code <missing>}.
   */
  public List<HistoryEntry> history(String ref) {
    Image img = resolve(ref).image();
    ImageCatalog catalog = new ImageCatalog(store());
    ImageConfig cfg = catalog.config(img.id());
    List<ImageConfig.History> steps = cfg.history() == null ? List.of() : cfg.history();
    LayerRecord layer = img.topLayer() == null ? null : catalog.layer(img.topLayer());
    Set<String> usedIds = new HashSet<>();
    List<HistoryEntry> out = new ArrayList<>();
    for (int x = steps.size() - 1; x >= 0; x--) {
      ImageConfig.History h = steps.get(x);
      boolean empty = Boolean.TRUE.equals(h.emptyLayer());
      String id = x == steps.size() - 1 ? img.id() : "<missing>";
      long size = 0;
      if (layer != null) {
        if (!empty) {
          size = layer.diffSize() == null ? 0 : layer.diffSize();
        }
        List<Image> on = catalog.tree().imagesOn(layer.id());
        if (!on.isEmpty() && usedIds.add(on.getFirst().id())) {
          id = on.getFirst().id();
        }
        if (layer.parent() == null) {
          layer = null;
        } else if (!empty) {
          layer = catalog.layer(layer.parent());
        }
      }
      out.add(new HistoryEntry(id, h.created(), h.createdBy() == null ? "" : h.createdBy(), List.of(), size,
          h.comment() == null ? "" : h.comment()));
    }
    return out;
  }

  // ---- names -----------------------------------------------------------------------------------

  /** {@code tag}: adds each name to the image (taking it from any other image); stops at the first bad name. */
  public void tag(String ref, List<String> names) {
    Image img = resolve(ref).image();
    for (String n : names) {
      if (n.startsWith("sha256:")) {
        throw JpodException.invalid(n + ": tag by digest not supported");
      }
      String normalized = ImageRefs.normalize(n);
      if (normalized.contains("@")) {
        throw JpodException.invalid(n + ": tag by digest not supported");
      }
      store().images().tag(img.id(), normalized);
      events.write("tag", img.id(), n);
    }
  }

  /** {@code untag}: removes each name from the image, or all its names when none are given. */
  public void untag(String ref, List<String> names) {
    Image img = resolve(ref).image();
    List<String> targets = names.isEmpty() ? img.names() : names;
    for (String n : targets) {
      if (n.startsWith("sha256:")) {
        throw JpodException.invalid(n + ": untag by digest not supported");
      }
      String normalized = ImageRefs.normalize(n);
      try {
        store().images().untag(img.id(), normalized);
      } catch (JpodException e) {
        if (e.kind() == ErrorKind.NOT_FOUND) {
          throw JpodException.wrongState(normalized + ": tag not known");
        }
        throw e;
      }
      events.write("untag", img.id(), normalized);
    }
  }

  // ---- removal ---------------------------------------------------------------------------------

  /**
   * {@code rmi}: removes the images {@code refs} name, or every image with {@code all}. Per-image
   * failures (no such image, in use, several names) do not stop the others; they come back with the
   * reports. {@code force} removes the containers using an image first and lets an id remove an image
   * with several names; {@code ignore} (and {@code force}) skip references to missing images; {@code noPrune} keeps
   * dangling parents.
   */
  public RemoveResult remove(List<String> refs, boolean force, boolean all, boolean ignore, boolean noPrune) {
    ImageRemoval removal = new ImageRemoval(libpod, events, force, noPrune, false);
    Map<String, List<String>> targets = new LinkedHashMap<>();
    if (!refs.isEmpty()) {
      for (String ref : refs) {
        try {
          Resolved r = resolve(ref);
          targets.computeIfAbsent(r.image().id(), k -> new ArrayList<>()).add(r.name());
        } catch (JpodException e) {
          // podman's rmi -f, like -i, passes over a name no image has
          if (!((ignore || force) && e.kind() == ErrorKind.NOT_FOUND)) {
            removal.fail(e);
          }
        }
      }
    } else if (all) {
      for (ImageSummary s : list(List.of(), false)) {
        targets.put(s.id(), List.of(""));
      }
    }
    return removal.run(targets).result();
  }

  /**
   * {@code image prune}: removes dangling images no container uses (with {@code all}, every image no
   * container uses), repeating until nothing more goes, since removing an image can leave its parent
   * dangling. Returns a report per removed image; the first failure aborts, as in podman.
   */
  public List<RemoveReport> prune(boolean all, List<String> filters) {
    List<RemoveReport> out = new ArrayList<>();
    int previous = 1;
    while (true) {
      List<String> dangling = new ArrayList<>(filters);
      dangling.add("dangling=true");
      dangling.add("containers=false");
      int removed = prunePass(dangling, out);
      if (all) {
        List<String> unused = new ArrayList<>(filters);
        unused.add("containers=false");
        removed += prunePass(unused, out);
      }
      if (removed + previous == 0) {
        return out;
      }
      previous = removed;
    }
  }

  private int prunePass(List<String> filters, List<RemoveReport> out) {
    Map<String, List<String>> targets = new LinkedHashMap<>();
    for (ImageSummary s : list(filters, true)) {
      targets.put(s.id(), List.of(""));
    }
    RemoveResult r = new ImageRemoval(libpod, events, false, false, true).run(targets).result();
    if (!r.errors().isEmpty()) {
      throw join(r.errors());
    }
    out.addAll(r.reports());
    return r.reports().size();
  }

  /**
   * podman's error joining: one error as itself, several as {@code N errors occurred:} and a
   * {@code \t* message} line each; the kind is that of the last error (which decides exit codes).
   */
  public static JpodException join(List<JpodException> errors) {
    if (errors.size() == 1) {
      return errors.getFirst();
    }
    String lines = errors.stream().map(e -> "\t* " + e.getMessage()).collect(Collectors.joining("\n"));
    return new JpodException(errors.getLast().kind(), errors.size() + " errors occurred:\n" + lines);
  }

  // ---- disk usage ------------------------------------------------------------------------------

  /**
   * {@code system df}: a row per image name (the parent's share counted as shared), per container (its
   * writable layer's size) and per volume.
   */
  public DiskUsage diskUsage() {
    ImageCatalog catalog = new ImageCatalog(store());
    List<DiskUsage.ImageUsage> images = new ArrayList<>();
    for (Image img : catalog.images()) {
      long unique = catalog.size(img);
      long shared = 0;
      Optional<Image> parent = catalog.tree().parent(img);
      if (catalog.tree().hasChildren(img)) {
        shared = unique;
        unique = 0;
      } else if (parent.isPresent()) {
        shared = catalog.size(parent.get());
        unique -= shared;
      }
      int containers = catalog.containers(img.id()).size();
      if (img.names().isEmpty()) {
        images.add(new DiskUsage.ImageUsage("<none>", "<none>", img.id(), img.created(), shared + unique, shared,
            unique, containers));
      }
      for (String n : img.names()) {
        String tag = ImageRefs.tag(n);
        images.add(new DiskUsage.ImageUsage(ImageRefs.repository(n), tag == null ? "<none>" : tag, img.id(),
            img.created(), shared + unique, shared, unique, containers));
      }
    }
    List<DiskUsage.ContainerUsage> containers = new ArrayList<>();
    List<ContainerRecord> recs = new ArrayList<>(libpod.containers().list());
    recs.sort(Comparator.comparing(ContainerRecord::id));
    for (ContainerRecord rec : recs) {
      var c = rec.config();
      containers.add(new DiskUsage.ContainerUsage(c.id(), c.imageId() == null ? "" : c.imageId(),
          c.command() == null ? List.of() : c.command(), (int) c.mounts().stream().filter(m -> m.isVolume()).count(),
          rwSize(c.id()), c.created(),
          rec.state().status().cliName(), c.name()));
    }
    List<DiskUsage.VolumeUsage> volumes = new ArrayList<>();
    for (var v : libpod.volumes().list()) {
      volumes.add(new DiskUsage.VolumeUsage(v.name(), libpod.volumes().users(v.name()).size(),
          DirectorySize.of(libpod.volumes().mountPoint(v.name()))));
    }
    return new DiskUsage(images, containers, volumes);
  }

  /**
   * Sizes containers as containers/storage measures them: the files of the writable layer, and the
   * files of each image layer below it (measured on disk, not the layers' recorded tar sizes). The
   * function remembers the image layers it measured, so sizing many containers of one image walks
   * that image once. A container without a layer (--rootfs) or one that is gone measures 0.
   */
  public java.util.function.Function<String, ContainerSize> containerSizer() {
    var layers = store().layers();
    Map<String, LayerRecord> byId = new java.util.HashMap<>();
    layers.list().forEach(l -> byId.put(l.id(), l));
    Map<String, Long> measured = new java.util.HashMap<>();
    return containerId -> {
      try {
        var c = store().containers().get(containerId);
        LayerRecord top = byId.get(c.layerId());
        long root = 0;
        for (String id = top == null ? null : top.parent(); id != null; ) {
          root += measured.computeIfAbsent(id, l -> DirectorySize.of(layers.diffDir(l)));
          LayerRecord l = byId.get(id);
          id = l == null ? null : l.parent();
        }
        return new ContainerSize(root, DirectorySize.of(c.diffDir()));
      } catch (JpodException | java.io.UncheckedIOException e) {
        return new ContainerSize(0, 0);
      }
    };
  }

  /** The bytes in a container's writable layer; 0 when it has none (--rootfs) or it is gone. */
  private long rwSize(String containerId) {
    try {
      return DirectorySize.of(store().containers().get(containerId).diffDir());
    } catch (JpodException | java.io.UncheckedIOException e) {
      return 0;
    }
  }
}
