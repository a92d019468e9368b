package io.jpod.core.image;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.events.Event;
import io.jpod.core.state.ContainerRecord;
import io.jpod.storage.Image;
import io.jpod.storage.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of libimage's image removal, the rules of {@code rmi} and {@code image prune}:
 * <ul>
 *   <li>a name of an image that has other names is only untagged;</li>
 *   <li>an id (or digest) of an image with several names is refused unless forced;</li>
 *   <li>an image used by a container is refused unless forced, which removes the containers first;</li>
 *   <li>a removed image's parent is removed too when that leaves it dangling.</li>
 * </ul>
 * Reports are kept per image across all the references given, in the order the images were touched.
 */
final class ImageRemoval {
  private final Libpod libpod;
  private final Store store;
  private final ImageEvents events;
  private final boolean force;
  private final boolean noPrune;
  private final boolean withSize;
  private final Map<String, Progress> progress = new LinkedHashMap<>();
  private final List<String> ordered = new ArrayList<>();
  private final List<JpodException> errors = new ArrayList<>();

  /** The mutable state of one image's report while the run goes on. */
  private static final class Progress {
    final List<String> untagged = new ArrayList<>();
    boolean removed;
    long size;
  }

  ImageRemoval(Libpod libpod, ImageEvents events, boolean force, boolean noPrune, boolean withSize) {
    this.libpod = libpod;
    this.store = libpod.store();
    this.events = events;
    this.force = force;
    this.noPrune = noPrune;
    this.withSize = withSize;
  }

  /** Records a failure that happened before removal (a reference that names no image). */
  void fail(JpodException e) {
    errors.add(e);
  }

  /**
   * Removes each image by each of the references it was found by ({@code ""}: by no name, as
   * {@code rmi --all} and {@code prune} do).
   */
  ImageRemoval run(Map<String, List<String>> refsByImage) {
    for (var e : refsByImage.entrySet()) {
      for (String ref : e.getValue()) {
        List<String> processed = new ArrayList<>();
        try {
          removeRecursive(e.getKey(), ref, processed);
        } catch (JpodException ex) {
          errors.add(ex);
        } finally {
          processed.stream().filter(id -> !ordered.contains(id)).forEach(ordered::add);
        }
      }
    }
    return this;
  }

  RemoveResult result() {
    List<RemoveReport> reports = new ArrayList<>();
    for (String id : ordered) {
      Progress p = progress.get(id);
      if (p != null) {
        reports.add(new RemoveReport(id, p.untagged, p.removed, p.size));
      }
    }
    return new RemoveResult(reports, errors);
  }

  private void removeRecursive(String imageId, String ref, List<String> processed) {
    ImageCatalog catalog = new ImageCatalog(store);
    Image img = catalog.images().stream().filter(i -> i.id().equals(imageId)).findFirst().orElse(null);
    if (img == null) {
      return; // already gone (another reference, or another process): as good as removed
    }
    // podman stamps the remove event first but records it last, after the untag events.
    Event removeEvent = ImageEvents.event("remove", imageId, ref);
    try {
      Progress report = progress.get(imageId);
      if (report != null && report.removed) {
        return;
      }
      if (report == null) {
        report = new Progress();
        progress.put(imageId, report);
      }
      if (withSize) {
        report.size = catalog.size(img);
      }
      boolean skipRemove = false;
      int numNames = img.names().size();
      if (!(ref.isEmpty() || numNames == 1)) {
        boolean byId = imageId.startsWith(ref);
        boolean byDigest = ref.startsWith("sha256:");
        if (!force && numNames > 1 && (byId || byDigest)) {
          throw JpodException.wrongState("unable to delete image \"" + imageId + "\" by " + (byId ? "ID" : "digest")
              + " with more than one tag (" + goList(img.names()) + "): please force removal");
        }
        if (!byId && !byDigest) {
          store.images().untag(imageId, ref);
          events.write("untag", imageId, ref);
          report.untagged.add(ref);
          skipRemove = numNames > 1;
        }
      }
      processed.add(imageId);
      if (skipRemove) {
        return;
      }
      if (force) {
        removeContainers(imageId);
      }
      boolean hasChildren = catalog.tree().hasChildren(img);
      Optional<Image> parent = catalog.tree().parent(img);
      List<String> names = store.images().lookup(imageId).names();
      delete(imageId);
      report.untagged.addAll(names);
      names.forEach(n -> events.write("untag", imageId, n));
      if (!hasChildren) {
        report.removed = true;
      }
      if (noPrune || parent.isEmpty()) {
        return;
      }
      ImageCatalog after = new ImageCatalog(store);
      Optional<Image> p = after.images().stream().filter(i -> i.id().equals(parent.get().id())).findFirst();
      if (p.isPresent() && p.get().names().isEmpty() && !after.tree().hasChildren(p.get())) {
        removeRecursive(p.get().id(), "", processed);
      }
    } finally {
      events.write(removeEvent);
    }
  }

  /** Deletes the image from the store, refusing (as containers/storage does) while a container uses it. */
  private void delete(String imageId) {
    List<String> users = store.containers().containersUsingImage(imageId);
    if (!users.isEmpty()) {
      throw inUse(users.getFirst());
    }
    try {
      store.images().remove(imageId, false);
    } catch (JpodException e) {
      if (e.kind() != ErrorKind.CONFLICT) {
        throw e;
      }
      List<String> now = store.containers().containersUsingImage(imageId);
      throw now.isEmpty() ? e : inUse(now.getFirst());
    }
  }

  private static JpodException inUse(String containerId) {
    return JpodException.conflict("image used by " + containerId
        + ": image is in use by a container: consider listing external containers and force-removing image");
  }

  /**
   * {@code rmi --force}: removes the containers using the image, jpod's through the container service
   * (taking each container's lock, stopping it if it runs), then any left in the store by other tools.
   */
  private void removeContainers(String imageId) {
    for (ContainerRecord c : libpod.state().containers()) {
      if (imageId.equals(c.config().imageId())) {
        try {
          libpod.containers().remove(c.config().id(), true, null);
        } catch (JpodException e) {
          if (e.kind() != ErrorKind.NOT_FOUND) {
            throw e;
          }
        }
      }
    }
    for (String id : store.containers().containersUsingImage(imageId)) {
      try {
        store.containers().remove(id);
      } catch (JpodException e) {
        if (e.kind() != ErrorKind.NOT_FOUND) {
          throw e;
        }
      }
    }
  }

  /** A string slice as Go's %s prints it: {@code [a b]}. */
  static String goList(List<String> items) {
    return "[" + String.join(" ", items) + "]";
  }
}
