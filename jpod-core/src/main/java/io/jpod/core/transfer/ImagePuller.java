package io.jpod.core.transfer;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import io.jpod.core.Libpod;
import io.jpod.core.events.Event;
import io.jpod.image.archive.DockerArchiveReader;
import io.jpod.image.archive.OciLayoutReader;
import io.jpod.image.copy.BlobInfoCache;
import io.jpod.image.copy.CopyResult;
import io.jpod.image.copy.ImageCopier;
import io.jpod.image.registry.ImageReference;
import io.jpod.image.registry.RegistryClient;
import io.jpod.image.registry.RegistrySource;
import io.jpod.image.registry.ShortNameResolver;
import io.jpod.image.store.StoreDestination;
import io.jpod.image.transport.ImageSource;
import io.jpod.storage.Image;
import io.jpod.storage.ImageNames;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code podman pull}: resolves what the user typed (transport prefix, short name per registries.conf,
 * or a fully qualified reference), tries each candidate in turn and copies the first that works into the
 * store. A failed pull leaves nothing in the store.
 */
public final class ImagePuller {
  private final Libpod libpod;
  private final ImageCopier copier;

  private final BlobInfoCache blobCache;

  public ImagePuller(Libpod libpod) {
    this.libpod = libpod;
    this.blobCache = Transfers.blobCache(libpod);
    this.copier = new ImageCopier(Json.mapper(), 6);
  }

  /** Pulls {@code input}; with {@code allTags} every tag of the repository. Returns the images pulled. */
  public List<Image> pull(String input, boolean allTags, TransferOptions o) {
    TransportRef t = TransportRef.parse(input);
    if (allTags && !(t instanceof TransportRef.Plain || t instanceof TransportRef.Docker)) {
      throw JpodException.invalid("--all-tags is only supported for the docker transport");
    }
    return switch (t) {
      case TransportRef.Docker d -> pullCandidates(List.of(ImageReference.parseDockerNormalized(d.reference())),
          null, allTags, o);
      case TransportRef.Plain p -> pullPlain(p.reference(), allTags, o);
      case TransportRef.DockerArchive a -> List.of(fromArchive(input, o, () -> {
        DockerArchiveReader r = DockerArchiveReader.open(a.path(), o.tmpDir());
        return new Opened(r.select(a.select()), r);
      }, a.select(), ImagePuller::dockerName));
      case TransportRef.OciDir d -> List.of(fromArchive(input, o, () -> {
        OciLayoutReader r = OciLayoutReader.openDirectory(d.path());
        return new Opened(r.source(d.ref(), o.platform()), r);
      }, d.ref(), ImageNames::normalize));
      case TransportRef.OciArchive a -> List.of(fromArchive(input, o, () -> {
        OciLayoutReader r = OciLayoutReader.openArchive(a.path(), o.tmpDir());
        return new Opened(r.source(a.ref(), o.platform()), r);
      }, a.ref(), ImageNames::normalize));
    };
  }

  private List<Image> pullPlain(String input, boolean allTags, TransferOptions o) {
    if (ImageReference.isShortName(input) && o.access().conf() != null) {
      ShortNameResolver resolver = new ShortNameResolver(o.access().conf());
      ShortNameResolver.Resolution res = resolver.resolve(input, o.terminal());
      if (res.needsSelection()) {
        // podman's prompt: the user picks the registry, and the choice is remembered as an alias.
        res = res.select(o.chooser().choose(res.shortName(),
            res.candidates().stream().map(ImageReference::toString).toList()));
      }
      if (!res.description().isEmpty()) {
        o.notes().accept(res.description());
      }
      return pullCandidates(res.candidates(), res, allTags, o);
    }
    return pullCandidates(List.of(ImageReference.parse(input).withDefaultTag()), null, allTags, o);
  }

  private List<Image> pullCandidates(List<ImageReference> candidates, ShortNameResolver.Resolution res,
      boolean allTags, TransferOptions o) {
    List<String> errors = new ArrayList<>();
    JpodException last = null;
    for (ImageReference ref : candidates) {
      try {
        List<Image> pulled = allTags ? pullAllTags(ref, o) : List.of(pullOne(ref.withDefaultTag(), o));
        if (res != null) {
          new ShortNameResolver(o.access().conf()).recordIfSelected(res, ref);
        }
        return pulled;
      } catch (JpodException e) {
        errors.add(e.getMessage());
        last = e;
      } catch (IOException e) {
        errors.add(e.getMessage());
        last = JpodException.system(e.getMessage(), e);
      }
    }
    if (last == null) {
      throw JpodException.invalid("no candidates to pull");
    }
    throw new JpodException(last.kind(), ShortNameResolver.formatPullErrors(errors), last);
  }

  private List<Image> pullAllTags(ImageReference repo, TransferOptions o) {
    List<String> tags = Retry.run(() -> {
      boolean insecure = o.access().conf() != null && o.access().conf().isInsecure(repo.name());
      try (RegistryClient client = o.access().client(repo, insecure, repo.registry())) {
        return client.listTags(repo.repository());
      }
    }, o.notes());
    List<Image> out = new ArrayList<>();
    for (String tag : tags) {
      out.add(pullOne(repo.withTag(tag), o));
    }
    return out;
  }

  private Image pullOne(ImageReference ref, TransferOptions o) {
    o.notes().accept("Trying to pull " + ref + "...");
    return Retry.run(() -> {
      try (RegistrySource src = RegistrySource.open(o.access(), ref, o.platform())) {
        List<String> extra = new ArrayList<>();
        if (src.indexDigest() != null) {
          extra.add(src.indexDigest());
        }
        return store(src, List.of(ref.toString()), extra, o, ref.toString(),
            src.reference().registry() + "/" + src.reference().repository());
      }
    }, o.notes());
  }

  private record Opened(ImageSource source, java.io.Closeable owner) {}

  @FunctionalInterface
  private interface Opener {
    Opened open() throws IOException;
  }

  /**
   * An image from an archive or layout: named by the reference in the transport string if it has one,
   * else by the names the archive carries.
   */
  private Image fromArchive(String input, TransferOptions o, Opener opener, String refInTransport,
      UnaryOperator<String> naming) {
    try {
      Opened opened = opener.open();
      try (java.io.Closeable owner = opened.owner(); ImageSource src = opened.source()) {
        List<String> names = new ArrayList<>();
        if (refInTransport != null && !refInTransport.startsWith("@")) {
          names.add(naming.apply(refInTransport));
        } else {
          src.names().forEach(n -> names.add(naming.apply(n)));
        }
        return store(src, names, List.of(), o, input, null);
      }
    } catch (IOException e) {
      throw new JpodException(ErrorKind.INVALID_ARGUMENT, input + ": " + e.getMessage(), e);
    }
  }

  /** docker-archive names follow Docker's rules: {@code busybox:1} is {@code docker.io/library/busybox:1}. */
  static String dockerName(String name) {
    return ImageReference.parseDockerNormalized(name).withDefaultTag().toString();
  }

  /** Copies {@code src} into the store under {@code names} and records the pull event. */
  Image store(ImageSource src, List<String> names, List<String> extraDigests, TransferOptions o, String eventName,
      String location) {
    try (StoreDestination dst = new StoreDestination(libpod.store(), names, extraDigests)) {
      CopyResult copied = copier.copy(src, dst, o.progress());
      Image image = dst.image();
      if (location != null) {
        Transfers.remember(blobCache, copied, location);
      }
      libpod.events().write(new Event(null, image.id(), null, eventName, "pull", Instant.now(), "image", null));
      return image;
    } catch (IOException e) {
      throw JpodException.system("copying " + src.describe() + ": " + e.getMessage(), e);
    }
  }
}
