package io.jpod.core.filesystem;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.events.Event;
import io.jpod.core.state.ContainerRecord;
import io.jpod.storage.ConfigChanges;
import io.jpod.storage.Digest;
import io.jpod.storage.Image;
import io.jpod.storage.ImageConfig;
import io.jpod.storage.ImageNames;
import io.jpod.storage.LayerRecord;
import io.jpod.storage.LayerStore;
import io.jpod.storage.Manifest;
import io.jpod.storage.StagedLayer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code jpod commit}: a new image made of the container's image plus one layer holding what the
 * container changed (its upper directory as an OCI layer tar, deletions as whiteouts). The config is
 * the image's with the container's settings carried over ({@link CommitConfig}) and {@code --change}
 * applied; a history entry and the new DiffID are appended, as buildah's commit does for podman.
 */
public final class ContainerCommit {
  private static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  private static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  private static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar";

  /**
   * @param imageName the new image's name, or null for an unnamed (dangling) image
   * @param changes Dockerfile-style instructions ({@code -c})
   * @param message the commit message ({@code -m}; docker format only)
   * @param author the author ({@code -a})
   * @param pause pause a running container while its layer is read ({@code -p})
   * @param format "oci" or "docker"
   */
  public record Options(String imageName, List<String> changes, String message, String author, boolean pause, String format) {
    public Options {
      changes = changes == null ? List.of() : List.copyOf(changes);
      format = format == null ? "oci" : format;
    }
  }

  /** The new image and the DiffIDs of all its layers, bottom first (what the progress lines name). */
  public record Result(Image image, List<String> diffIds) {}

  private final Libpod libpod;

  public ContainerCommit(Libpod libpod) {
    this.libpod = libpod;
  }

  public Result commit(String nameOrId, Options options) {
    boolean docker = switch (options.format().toLowerCase(Locale.ROOT)) {
      case "oci" -> false;
      case "docker" -> true;
      default -> throw JpodException.invalid("unrecognized image format \"" + options.format() + "\"");
    };
    if (!docker && options.message() != null && !options.message().isEmpty()) {
      throw JpodException.invalid("messages are only compatible with the docker image format (-f docker)");
    }
    String name = options.imageName() == null ? null : normalizedName(options.imageName());
    ConfigChanges changes = new ConfigChanges(libpod.json());
    changes.apply(ImageConfig.Config.empty(), options.changes()); // refuse bad instructions before any work

    ContainerRecord rec = libpod.containers().get(nameOrId);
    String id = rec.config().id();
    if (rec.config().imageId() == null) {
      throw JpodException.invalid("cannot commit container " + id + ": it has no image (created with --rootfs)");
    }
    LayerStore layers = libpod.store().layers();
    String containerLayer = libpod.store().containers().get(id).layerId();
    String parent = layers.get(containerLayer).map(LayerRecord::parent).orElse(null);

    LayerRecord layer;
    boolean paused = options.pause() && rec.state().status() == ContainerStatus.RUNNING;
    if (paused) {
      libpod.containers().pause(id);
    }
    try {
      layer = layers.commitStaged(stageDiff(layers, containerLayer), parent);
    } finally {
      if (paused) {
        libpod.containers().unpause(id);
      }
    }

    ImageConfig base = baseConfig(rec.config().imageId());
    String baseName = baseName(rec);
    Instant now = Instant.now();
    ImageConfig.Config execution = changes.apply(CommitConfig.from(base == null ? null : base.config(), rec.config()), options.changes());
    List<String> diffIds = new ArrayList<>();
    if (parent != null) {
      layers.chain(parent).forEach(l -> diffIds.add(layers.get(l).map(LayerRecord::diffDigest).orElseThrow()));
    }
    diffIds.add(layer.diffDigest());
    List<ImageConfig.History> history = new ArrayList<>(base == null || base.history() == null ? List.of() : base.history());
    String author = blankToNull(options.author());
    history.add(new ImageConfig.History(now, "/bin/sh", author, "FROM " + baseName, null));
    String arch = base != null && base.architecture() != null ? base.architecture() : io.jpod.storage.GoArch.host();
    String os = base != null && base.os() != null ? base.os() : "linux";

    byte[] config;
    if (docker) {
      config = json(dockerConfig(rec, execution, baseName, now, author, blankToNull(options.message()), arch, os,
          diffIds, history));
    } else {
      config = json(new ImageConfig(now, author, arch, os, null, execution, new ImageConfig.RootFs("layers", diffIds), history));
    }
    byte[] manifest = json(manifest(config, parent == null ? List.of(layer.id()) : chainWith(layers, parent, layer.id()), docker));
    Image image;
    try {
      image = libpod.store().images().addImage(config, manifest, layer.id(), name == null ? List.of() : List.of(name));
    } catch (IOException e) {
      throw JpodException.system("committing container " + id + ": " + e.getMessage(), e);
    }
    libpod.events().write(Event.container("commit", id, rec.config().name(), rec.config().imageName(), rec.config().labels()));
    return new Result(image, diffIds);
  }

  /** The container layer's diff, written on a virtual thread and staged as a new layer on this one. */
  private static StagedLayer stageDiff(LayerStore layers, String containerLayer) {
    Pipe pipe;
    try {
      pipe = Pipe.open();
    } catch (IOException e) {
      throw JpodException.system("creating a pipe: " + e.getMessage(), e);
    }
    AtomicReference<Throwable> writerFailure = new AtomicReference<>();
    Thread writer = Thread.ofVirtual().name("commit-diff").start(() -> {
      try (OutputStream out = Channels.newOutputStream(pipe.sink())) {
        layers.writeDiff(containerLayer, out);
      } catch (Throwable t) {
        writerFailure.set(t);
      }
    });
    StagedLayer staged = null;
    RuntimeException stageFailure = null;
    try (InputStream in = Channels.newInputStream(pipe.source())) {
      staged = layers.stage(in);
    } catch (IOException e) {
      stageFailure = JpodException.system("storing the container's changes: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      stageFailure = e;
    }
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Throwable w = writerFailure.get();
    if (w != null) {
      if (staged != null) {
        layers.discard(staged);
      }
      throw JpodException.system("reading the container's changes: " + ContainerCopy.message(w), w);
    }
    if (stageFailure != null) {
      throw stageFailure;
    }
    return staged;
  }

  private ImageConfig baseConfig(String imageId) {
    try {
      return libpod.store().images().config(imageId);
    } catch (JpodException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        return null; // the image was force-removed; its layers live on under the container's
      }
      throw e;
    }
  }

  /** The image name the history's "FROM" names: the base image's first name, as buildah records it. */
  private String baseName(ContainerRecord rec) {
    try {
      Image image = libpod.store().images().lookup(rec.config().imageId());
      return image.names().isEmpty() ? rec.config().imageId() : image.names().getFirst();
    } catch (JpodException e) {
      return rec.config().imageName();
    }
  }

  private static List<String> chainWith(LayerStore layers, String parent, String top) {
    List<String> chain = new ArrayList<>(layers.chain(parent));
    chain.add(top);
    return chain;
  }

  /** The manifest of the new image: its layers uncompressed, as they sit in the store. */
  private Manifest manifest(byte[] config, List<String> chain, boolean docker) {
    LayerStore layers = libpod.store().layers();
    List<Manifest.Descriptor> descriptors = new ArrayList<>();
    for (String l : chain) {
      LayerRecord r = layers.get(l).orElseThrow(() -> JpodException.notFound("layer " + l + ": layer not known"));
      descriptors.add(new Manifest.Descriptor(docker ? DOCKER_LAYER : Manifest.LAYER_TAR, r.diffDigest(),
          r.diffSize() == null ? 0 : r.diffSize(), null));
    }
    return new Manifest(2, docker ? DOCKER_MANIFEST : Manifest.MEDIA_TYPE,
        new Manifest.Descriptor(docker ? DOCKER_CONFIG : Manifest.CONFIG_MEDIA_TYPE, Digest.of(config).toString(), config.length, null),
        descriptors, null);
  }

  /** A Docker image config (v1 schema 2), laid out as buildah writes it for {@code --format docker}. */
  private static Map<String, Object> dockerConfig(ContainerRecord rec, ImageConfig.Config c, String baseName, Instant now,
      String author, String comment, String arch, String os, List<String> diffIds, List<ImageConfig.History> history) {
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("Hostname", "");
    container.put("Domainname", "");
    container.put("User", c.user() == null ? "" : c.user());
    container.put("AttachStdin", false);
    container.put("AttachStdout", false);
    container.put("AttachStderr", false);
    if (c.exposedPorts() != null) {
      container.put("ExposedPorts", c.exposedPorts());
    }
    container.put("Tty", false);
    container.put("OpenStdin", false);
    container.put("StdinOnce", false);
    container.put("Env", c.env());
    container.put("Cmd", c.cmd());
    container.put("Image", baseName);
    container.put("Volumes", c.volumes());
    container.put("WorkingDir", c.workingDir() == null ? "" : c.workingDir());
    container.put("Entrypoint", c.entrypoint() == null ? List.of() : c.entrypoint());
    container.put("OnBuild", null);
    container.put("Labels", c.labels());
    if (c.stopSignal() != null) {
      container.put("StopSignal", c.stopSignal());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (comment != null) {
      out.put("comment", comment);
    }
    out.put("created", now);
    out.put("container", rec.config().id());
    out.put("container_config", container);
    if (author != null) {
      out.put("author", author);
    }
    out.put("config", container);
    out.put("architecture", arch);
    out.put("os", os);
    out.put("parent", "sha256:" + rec.config().imageId());
    out.put("rootfs", new ImageConfig.RootFs("layers", diffIds));
    out.put("history", history);
    return out;
  }

  /** podman's reference check: a name that cannot be a local image name is "invalid reference format". */
  private static String normalizedName(String name) {
    try {
      return ImageNames.normalize(name);
    } catch (JpodException e) {
      throw JpodException.invalid("invalid reference format");
    }
  }

  private byte[] json(Object value) {
    try {
      return libpod.json().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new JpodException(ErrorKind.INTERNAL, "encoding the image config: " + e.getMessage(), e);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

}
