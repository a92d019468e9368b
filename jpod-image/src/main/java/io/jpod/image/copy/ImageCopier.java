package io.jpod.image.copy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jpod.common.JpodException;
import io.jpod.image.transport.BlobInfo;
import io.jpod.image.transport.ImageDestination;
import io.jpod.image.transport.ImageSource;
import io.jpod.image.transport.LayerCompression;
import io.jpod.image.transport.MediaTypes;
import io.jpod.image.transport.RawManifest;
import io.jpod.storage.Digest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Copies one image from any source to any destination, as containers/image's copy does: config first,
 * then the layers in parallel (skipping those the destination has), each verified against its digest
 * while it streams and converted to the compression the destination wants, then the manifest, which is
 * rewritten only when a layer's form changed (so a plain copy keeps the image's digest).
 */
public final class ImageCopier {
  private final ObjectMapper mapper;
  private final int parallelism;
  private final Function<String, List<BlobInfo>> knownVariants;

  public ImageCopier(ObjectMapper mapper, int parallelism) {
    this(mapper, parallelism, diffId -> List.of());
  }

  /**
   * @param knownVariants other blobs known to hold a layer, by DiffID (the blob-info cache): offered to
   *     the destination before the layer is converted and sent
   */
  public ImageCopier(ObjectMapper mapper, int parallelism, Function<String, List<BlobInfo>> knownVariants) {
    this.mapper = mapper;
    this.parallelism = Math.max(1, parallelism);
    this.knownVariants = knownVariants;
  }

  /** Copies {@code src} into {@code dst} and commits it; on failure the destination is left untouched. */
  public CopyResult copy(ImageSource src, ImageDestination dst, CopyProgress progress) throws IOException {
    RawManifest raw = src.manifest();
    ImageManifest manifest = ImageManifest.parse(raw, mapper, src.describe());
    progress.started();
    byte[] config = readConfig(src, manifest.config());
    List<String> diffIds = ConfigDiffIds.of(config);
    if (diffIds.size() != manifest.layers().size()) {
      throw JpodException.invalid(src.describe() + ": the config lists " + diffIds.size()
          + " layers but the manifest " + manifest.layers().size());
    }
    dst.putConfig(config, manifest.config());
    List<BlobInfo> written = copyLayers(src, dst, manifest, diffIds, progress);
    // podman reports the config after the layers (it is read first: the layers' DiffIDs are in it).
    progress.blobStarted(manifest.config(), true, false);
    progress.blobDone(manifest.config(), true);
    boolean oci = dst.wantsOciMediaTypes() != null ? dst.wantsOciMediaTypes() : manifest.oci();
    RawManifest out;
    if (written.equals(manifest.layers()) && oci == manifest.oci()) {
      out = raw;
    } else {
      BlobInfo cfg = new BlobInfo(oci ? MediaTypes.OCI_CONFIG : MediaTypes.DOCKER_CONFIG,
          manifest.config().digest(), config.length);
      List<BlobInfo> layers = new ArrayList<>();
      for (BlobInfo l : written) {
        layers.add(new BlobInfo(retype(l.mediaType(), oci), l.digest(), l.size()));
      }
      out = new RawManifest(ImageManifest.write(mapper, oci, cfg, layers),
          oci ? MediaTypes.OCI_MANIFEST : MediaTypes.DOCKER_MANIFEST);
    }
    progress.writingManifest();
    dst.putManifest(out);
    dst.commit();
    return new CopyResult(out, Digest.of(out.bytes()).toString(), config, manifest.config().digest());
  }

  private static byte[] readConfig(ImageSource src, BlobInfo info) throws IOException {
    try (InputStream in = new VerifyingInputStream(src.openBlob(info), info.digest(), -1,
        src.describe() + ": config " + info.digest(), n -> {})) {
      return in.readAllBytes();
    }
  }

  private List<BlobInfo> copyLayers(ImageSource src, ImageDestination dst, ImageManifest manifest,
      List<String> diffIds, CopyProgress progress) throws IOException {
    int n = manifest.layers().size();
    Semaphore slots = new Semaphore(parallelism);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<BlobInfo>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          slots.acquire();
          try {
            return copyLayer(src, dst, index, manifest.layers().get(index), diffIds.get(index), progress);
          } finally {
            slots.release();
          }
        }));
      }
      List<BlobInfo> out = new ArrayList<>();
      for (Future<BlobInfo> f : futures) {
        out.add(join(f, futures));
      }
      return out;
    }
  }

  private static BlobInfo join(Future<BlobInfo> f, List<Future<BlobInfo>> all) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JpodException(io.jpod.common.ErrorKind.SYSTEM, "interrupted while copying layers", e);
    } catch (ExecutionException e) {
      all.forEach(other -> other.cancel(true));
      Throwable c = e.getCause();
      if (c instanceof JpodException je) {
        throw je;
      }
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw new JpodException(io.jpod.common.ErrorKind.INTERNAL, "copying layer: " + c, c);
    }
  }

  private BlobInfo copyLayer(ImageSource src, ImageDestination dst, int index, BlobInfo blob, String diffId,
      CopyProgress progress) throws IOException {
    BlobInfo reused = dst.tryReuseLayer(index, blob, diffId);
    if (reused == null) {
      for (BlobInfo variant : knownVariants.apply(diffId)) {
        if (!variant.digest().equals(blob.digest()) && (reused = dst.tryReuseLayer(index, variant, diffId)) != null) {
          break;
        }
      }
    }
    if (reused != null) {
      progress.blobStarted(blob, false, true);
      progress.blobDone(blob, false);
      return reused;
    }
    progress.blobStarted(blob, false, false);
    String what = src.describe() + ": layer " + blob.digest();
    try (VerifyingInputStream verified = new VerifyingInputStream(src.openBlob(blob), blob.digest(),
        blob.size(), what, n -> progress.blobProgress(blob, n))) {
      BlobInfo stored;
      try {
        stored = store(dst, index, verified, blob, diffId);
        verified.finish();
      } catch (IOException | RuntimeException e) {
        // A corrupt blob usually breaks decompression first; the digest says what really went wrong.
        try {
          verified.finish();
        } catch (JpodException digestMismatch) {
          digestMismatch.addSuppressed(e);
          throw digestMismatch;
        } catch (IOException | RuntimeException ignored) {
          // the original failure stands
        }
        throw e;
      }
      progress.blobDone(blob, false);
      return stored;
    }
  }

  /** Sends one layer in the form the destination wants, converting on the fly. */
  private static BlobInfo store(ImageDestination dst, int index, InputStream verified, BlobInfo blob, String diffId)
      throws IOException {
    BufferedInputStream in = Compression.peekable(verified);
    Compression.Kind kind = Compression.detect(in);
    LayerCompression want = dst.layerCompression();
    if (want == LayerCompression.KEEP
        || (want == LayerCompression.GZIP && kind == Compression.Kind.GZIP)
        || (want == LayerCompression.UNCOMPRESSED && kind == Compression.Kind.NONE)) {
      return dst.putLayer(index, in, blob, diffId);
    }
    if (want == LayerCompression.UNCOMPRESSED) {
      // The uncompressed form's digest is the DiffID; the destination checks it as it writes.
      return dst.putLayer(index, Compression.decompressed(in),
          new BlobInfo(MediaTypes.layerType(true, want), diffId, -1), diffId);
    }
    // GZIP wanted from a plain or zstd layer: compress while uploading; the digest is known at the end.
    return dst.putLayer(index, Compression.gzipped(Compression.decompressed(in)),
        BlobInfo.unknown(MediaTypes.layerType(true, want)), diffId);
  }

  /** The same kind of layer in the other vocabulary (OCI vs Docker). */
  private static String retype(String mediaType, boolean oci) {
    boolean gzip = mediaType.endsWith("gzip");
    boolean zstd = mediaType.endsWith("zstd");
    if (zstd) {
      return MediaTypes.OCI_LAYER_ZSTD;
    }
    if (oci) {
      return gzip ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER;
    }
    return gzip ? MediaTypes.DOCKER_LAYER_GZIP : MediaTypes.DOCKER_LAYER;
  }
}
