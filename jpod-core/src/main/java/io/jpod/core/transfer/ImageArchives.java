package io.jpod.core.transfer;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import io.jpod.core.Libpod;
import io.jpod.core.events.Event;
import io.jpod.image.archive.ArchiveFile;
import io.jpod.image.archive.DockerArchiveReader;
import io.jpod.image.archive.DockerArchiveWriter;
import io.jpod.image.archive.OciArchiveWriter;
import io.jpod.image.archive.OciLayoutReader;
import io.jpod.image.archive.OciLayoutWriter;
import io.jpod.image.copy.CopyResult;
import io.jpod.image.copy.ImageCopier;
import io.jpod.image.store.StoreSource;
import io.jpod.image.transport.ImageDestination;
import io.jpod.image.transport.ImageSource;
import io.jpod.image.transport.LayerCompression;
import io.jpod.storage.Image;
import io.jpod.storage.ImageNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code podman save} and {@code podman load}: images to and from docker-archive, oci-archive and oci-dir. */
public final class ImageArchives {
  /** {@code save --format}. */
  public enum Format {
    DOCKER_ARCHIVE("docker-archive"), OCI_ARCHIVE("oci-archive"), OCI_DIR("oci-dir"), DOCKER_DIR("docker-dir");

    private final String flag;

    Format(String flag) {
      this.flag = flag;
    }

    public static Format parse(String s) {
      for (Format f : values()) {
        if (f.flag.equals(s)) {
          return f;
        }
      }
      throw JpodException.invalid("unsupported format \"" + s + "\" for image save: use docker-archive, "
          + "oci-archive or oci-dir");
    }
  }

  private final Libpod libpod;
  private final ImageCopier copier;

  public ImageArchives(Libpod libpod) {
    this.libpod = libpod;
    this.copier = new ImageCopier(Json.mapper(), 4);
  }

  /**
   * Saves images. Without {@code multiImage} the first argument is the image and every argument is a
   * name it is saved under (podman's rule); with it each argument is an image (docker-archive only).
   * {@code output} null means {@code stdout}.
   */
  public void save(List<String> args, Format format, boolean multiImage, boolean compress, Path output,
      OutputStream stdout, TransferOptions o) {
    if (multiImage && format != Format.DOCKER_ARCHIVE) {
      throw JpodException.invalid("--multi-image-archive can only be used with docker-archive");
    }
    // Image → the names it is saved under, in argument order.
    Map<String, List<String>> images = new LinkedHashMap<>();
    Map<String, Image> byId = new LinkedHashMap<>();
    if (multiImage) {
      for (String a : args) {
        Image img = libpod.store().images().lookup(a);
        byId.put(img.id(), img);
        images.computeIfAbsent(img.id(), k -> new ArrayList<>()).addAll(nameFor(a, img));
      }
    } else {
      Image img = libpod.store().images().lookup(args.getFirst());
      byId.put(img.id(), img);
      List<String> names = new ArrayList<>(nameFor(args.getFirst(), img));
      for (String extra : args.subList(1, args.size())) {
        names.add(ImageNames.normalize(extra));
      }
      images.put(img.id(), names);
    }
    try {
      switch (format) {
        case DOCKER_ARCHIVE -> {
          try (DockerArchiveWriter w = output != null ? DockerArchiveWriter.create(output, o.tmpDir())
              : DockerArchiveWriter.create(stdout, o.tmpDir())) {
            for (Map.Entry<String, List<String>> e : images.entrySet()) {
              copy(byId.get(e.getKey()), w.addImage(e.getValue()), o);
            }
            w.finish();
          }
        }
        case OCI_ARCHIVE -> {
          LayerCompression c = compress ? LayerCompression.GZIP : LayerCompression.UNCOMPRESSED;
          try (OciArchiveWriter w = output != null ? OciArchiveWriter.create(output, o.tmpDir(), c)
              : OciArchiveWriter.create(stdout, o.tmpDir(), c)) {
            for (Map.Entry<String, List<String>> e : images.entrySet()) {
              copy(byId.get(e.getKey()), w.addImage(e.getValue().isEmpty() ? null : e.getValue().getFirst()), o);
            }
            w.finish();
          }
        }
        case OCI_DIR -> {
          if (output == null) {
            throw JpodException.invalid("oci-dir needs a directory: use -o DIR");
          }
          OciLayoutWriter w = new OciLayoutWriter(output,
              compress ? LayerCompression.GZIP : LayerCompression.UNCOMPRESSED);
          for (Map.Entry<String, List<String>> e : images.entrySet()) {
            copy(byId.get(e.getKey()), w.addImage(e.getValue().isEmpty() ? null : e.getValue().getFirst()), o);
          }
        }
        case DOCKER_DIR -> throw JpodException.invalid("docker-dir is not supported by jpod: use oci-dir");
      }
    } catch (IOException e) {
      throw JpodException.system("saving " + String.join(", ", args) + ": " + e.getMessage(), e);
    }
    for (Image img : byId.values()) {
      libpod.events().write(new Event(null, img.id(), null, img.names().isEmpty() ? "" : img.names().getFirst(),
          "save", Instant.now(), "image", null));
    }
  }

  /** The name an argument stands for: the matching name of the image, none for an id. */
  private static List<String> nameFor(String arg, Image img) {
    for (String candidate : ImageNames.candidates(arg)) {
      if (img.names().contains(candidate)) {
        return List.of(candidate);
      }
    }
    return List.of();
  }

  private void copy(Image image, ImageDestination dst, TransferOptions o) throws IOException {
    try (StoreSource src = new StoreSource(libpod.store(), image); dst) {
      copier.copy(src, dst, o.progress());
    }
  }

  /** Push to an archive transport: one image, named by the transport's reference or the image's name. */
  CopyResult saveOne(StoreSource src, TransportRef t, Image image, String ref, TransferOptions o) throws IOException {
    List<String> names = ref == null ? image.names().stream().limit(1).toList() : List.of(ImageNames.normalize(ref));
    String refName = ref != null ? ref : names.isEmpty() ? null : names.getFirst();
    return switch (t) {
      case TransportRef.DockerArchive a -> {
        try (DockerArchiveWriter w = DockerArchiveWriter.create(a.path(), o.tmpDir())) {
          CopyResult r = copier.copy(src, w.addImage(names), o.progress());
          w.finish();
          yield r;
        }
      }
      case TransportRef.OciArchive a -> {
        try (OciArchiveWriter w = OciArchiveWriter.create(a.path(), o.tmpDir(), LayerCompression.GZIP)) {
          CopyResult r = copier.copy(src, w.addImage(refName), o.progress());
          w.finish();
          yield r;
        }
      }
      case TransportRef.OciDir d -> {
        try (ImageDestination dst = new OciLayoutWriter(d.path(), LayerCompression.GZIP).addImage(refName)) {
          yield copier.copy(src, dst, o.progress());
        }
      }
      default -> throw new IllegalArgumentException("not an archive transport: " + t);
    };
  }

  /**
   * Loads every image of a docker-archive or oci-archive (format detected from the content) from a file
   * or stdin; returns the names (or {@code sha256:ID} for unnamed images) as podman prints them.
   */
  public List<String> load(Path input, InputStream stdin, TransferOptions o) {
    String label = input == null ? "stdin" : input.toString();
    ImagePuller puller = new ImagePuller(libpod);
    List<String> loaded = new ArrayList<>();
    try (ArchiveFile archive = input == null ? ArchiveFile.spool(stdin, label, o.tmpDir())
        : openExisting(input, o.tmpDir())) {
      switch (archive.format()) {
        case DOCKER_ARCHIVE -> {
          try (DockerArchiveReader r = DockerArchiveReader.open(archive)) {
            for (ImageSource src : r.sources()) {
              List<String> names = src.names().stream().map(ImagePuller::dockerName).toList();
              loaded.addAll(report(puller.store(src, names, List.of(), o, label, null), names));
            }
          }
        }
        case OCI_ARCHIVE, OCI_DIR -> {
          try (OciLayoutReader r = OciLayoutReader.open(archive)) {
            for (ImageSource src : r.sources(o.platform())) {
              List<String> names = src.names().stream().map(ImageNames::normalize).toList();
              loaded.addAll(report(puller.store(src, names, List.of(), o, label, null), names));
            }
          }
        }
        case UNKNOWN -> throw JpodException.invalid("payload does not match any of the supported image formats:"
            + " " + label + " is neither a docker-archive nor an oci-archive");
      }
    } catch (IOException e) {
      throw new JpodException(ErrorKind.INVALID_ARGUMENT, label + ": " + e.getMessage(), e);
    }
    return loaded;
  }

  private static ArchiveFile openExisting(Path input, Path tmpDir) throws IOException {
    if (!Files.exists(input)) {
      throw JpodException.invalid("open " + input + ": no such file or directory");
    }
    return ArchiveFile.open(input, tmpDir);
  }

  private static List<String> report(Image image, List<String> names) {
    return names.isEmpty() ? List.of("sha256:" + image.id()) : names;
  }
}
