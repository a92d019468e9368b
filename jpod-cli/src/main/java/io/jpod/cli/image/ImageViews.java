package io.jpod.cli.image;

import io.jpod.cli.format.GoNil;
import io.jpod.cli.format.GoStruct;

import io.jpod.cli.HumanTime;
import io.jpod.core.image.HistoryEntry;
import io.jpod.core.image.ImageDetails;
import io.jpod.core.image.ImageRefs;
import io.jpod.core.image.ImageSummary;
import io.jpod.storage.ImageConfig;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The shapes podman prints for images: listing rows, inspect documents and history rows. */
public final class ImageViews {
  private static final ZoneId UTC = ZoneId.of("UTC");

  /** Column headers of {@code images} (podman's header map: fields of its row type, methods get none). */
  static final Map<String, String> LIST_HEADERS = headers(
      "ID", "IMAGE ID", "ParentId", "PARENT ID", "RepoTags", "REPO TAGS", "RepoDigests", "REPO DIGESTS",
      "Created", "CREATED", "Size", "SIZE", "SharedSize", "SHARED SIZE", "VirtualSize", "VIRTUAL SIZE",
      "Labels", "LABELS", "Containers", "CONTAINERS", "ReadOnly", "R/O", "Dangling", "DANGLING", "Names", "NAMES",
      "Digest", "DIGEST", "History", "HISTORY", "Repository", "REPOSITORY", "Tag", "TAG");

  /** Column headers of {@code history}. */
  static final Map<String, String> HISTORY_HEADERS = headers(
      "ID", "ID", "Created", "CREATED", "CreatedBy", "CREATED BY", "Tags", "TAGS", "Size", "SIZE",
      "Comment", "COMMENT");

  private ImageViews() {}

  static Map<String, String> headers(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** One {@code images} row: the image under one of its names ({@code <none>} for a nameless one). */
  record Row(ImageSummary image, String repository, String tag) {}

  /** The rows of {@code images}: one per tagged name, else one {@code <none>} row (podman's sortImages). */
  static List<Row> rows(List<ImageSummary> images) {
    List<Row> out = new ArrayList<>();
    for (ImageSummary s : images) {
      List<Row> tagged = new ArrayList<>();
      List<Row> untagged = new ArrayList<>();
      for (String n : s.names()) {
        String tag = ImageRefs.tag(n);
        (tag == null ? untagged : tagged).add(new Row(s, ImageRefs.repository(n), tag == null ? "<none>" : tag));
      }
      if (!tagged.isEmpty()) {
        out.addAll(tagged);
      } else if (!untagged.isEmpty()) {
        out.add(untagged.getFirst());
      } else {
        out.add(new Row(s, "<none>", "<none>"));
      }
    }
    return out;
  }

  /** The fields a {@code images --format} template sees (podman's imageReporter). */
  static Map<String, Object> templateRow(Row r, boolean noTrunc) {
    ImageSummary s = r.image();
    Instant created = Instant.ofEpochSecond(s.created().getEpochSecond());
    String human = HumanTime.ago(created);
    ZonedDateTime local = created.atZone(ZoneId.systemDefault());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ID", noTrunc ? "sha256:" + s.id() : s.id().substring(0, 12));
    m.put("Id", s.id()); // the summary's own field: always the full id
    m.put("ParentId", s.parentId());
    m.put("RepoTags", s.names());
    m.put("RepoDigests", s.repoDigests());
    m.put("Created", human);
    m.put("Size", Sizes.spaced(s.size()));
    m.put("SharedSize", 0);
    m.put("VirtualSize", s.size());
    m.put("Labels", s.labels() == null ? Map.of() : s.labels());
    m.put("Containers", s.containers());
    m.put("ReadOnly", s.readOnly());
    m.put("Dangling", s.dangling());
    m.put("Names", s.names());
    m.put("Digest", s.digest() == null ? "" : s.digest());
    m.put("History", String.join(", ", s.namesHistory()));
    m.put("Repository", r.repository());
    m.put("Tag", r.tag());
    m.put("CreatedAt", local);
    m.put("CreatedSince", human);
    m.put("CreatedTime", local);
    m.put("IsReadOnly", s.readOnly());
    return m;
  }

  /** One element of {@code images --format json} (podman's ImageSummary JSON with Created/CreatedAt last). */
  public static Map<String, Object> jsonRow(ImageSummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Id", s.id());
    m.put("ParentId", s.parentId());
    m.put("RepoTags", null);
    m.put("RepoDigests", s.repoDigests());
    m.put("Size", s.size());
    m.put("SharedSize", 0);
    m.put("VirtualSize", s.size());
    m.put("Labels", s.labels() == null ? null : new TreeMap<>(s.labels()));
    m.put("Containers", s.containers());
    if (s.readOnly()) {
      m.put("ReadOnly", true);
    }
    if (s.dangling()) {
      m.put("Dangling", true);
    }
    if (!s.names().isEmpty()) {
      m.put("Names", s.names());
    }
    if (s.digest() != null && !s.digest().isEmpty()) {
      m.put("Digest", s.digest());
    }
    if (!s.namesHistory().isEmpty()) {
      m.put("History", s.namesHistory());
    }
    Instant created = Instant.ofEpochSecond(s.created().getEpochSecond());
    m.put("Created", created.getEpochSecond());
    m.put("CreatedAt", created.atZone(ZoneId.systemDefault()));
    return m;
  }

  /** podman's {@code image inspect} document (libimage's ImageData). */
  public static Map<String, Object> inspect(ImageDetails d) {
    ImageConfig cfg = d.config();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Id", d.image().id());
    m.put("Digest", d.image().digest());
    m.put("RepoTags", d.repoTags());
    m.put("RepoDigests", d.repoDigests());
    m.put("Parent", d.parentId());
    m.put("Comment", d.comment());
    m.put("Created", cfg.created() == null ? null : cfg.created().atZone(UTC));
    m.put("Config", ociConfig(cfg.config()));
    m.put("Version", d.version());
    m.put("Author", nz(cfg.author()));
    m.put("Architecture", nz(cfg.architecture()));
    m.put("Os", nz(cfg.os()));
    m.put("Size", d.size());
    m.put("VirtualSize", d.size());
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("Name", d.graphDriverName());
    driver.put("Data", new TreeMap<>(d.graphDriverData()));
    m.put("GraphDriver", driver);
    Map<String, Object> rootfs = new LinkedHashMap<>();
    rootfs.put("Type", d.rootFsType());
    rootfs.put("Layers", d.layers());
    m.put("RootFS", rootfs);
    var labels = cfg.config() == null ? null : cfg.config().labels();
    m.put("Labels", labels == null || labels.isEmpty() ? GoNil.map() : new TreeMap<>(labels));
    m.put("Annotations", new TreeMap<>(d.annotations()));
    m.put("ManifestType", d.manifestType());
    m.put("User", cfg.config() == null ? "" : nz(cfg.config().user()));
    List<Object> history = new ArrayList<>();
    if (cfg.history() != null) {
      cfg.history().forEach(h -> history.add(history(h)));
    }
    m.put("History", history);
    m.put("NamesHistory", d.namesHistory());
    return m;
  }

  /**
   * The OCI image config's execution defaults with Go's omitempty, in the spec's key order; templates
   * see the fields left out as Go's zero values (v1.ImageConfig).
   */
  private static Object ociConfig(ImageConfig.Config c) {
    LinkedHashMap<String, Object> zeros = new LinkedHashMap<>();
    zeros.put("User", "");
    zeros.put("ExposedPorts", GoNil.map());
    zeros.put("Env", GoNil.list());
    zeros.put("Entrypoint", GoNil.list());
    zeros.put("Cmd", GoNil.list());
    zeros.put("Volumes", GoNil.map());
    zeros.put("WorkingDir", "");
    zeros.put("Labels", GoNil.map());
    zeros.put("StopSignal", "");
    zeros.put("ArgsEscaped", false);
    return GoStruct.of("v1.ImageConfig", ociConfigFields(c), zeros);
  }

  private static Map<String, Object> ociConfigFields(ImageConfig.Config c) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (c == null) {
      return m;
    }
    putIf(m, "User", c.user());
    putIf(m, "ExposedPorts", c.exposedPorts() == null ? null : new TreeMap<>(c.exposedPorts()));
    putIf(m, "Env", c.env());
    putIf(m, "Entrypoint", c.entrypoint());
    putIf(m, "Cmd", c.cmd());
    putIf(m, "Volumes", c.volumes() == null ? null : new TreeMap<>(c.volumes()));
    putIf(m, "WorkingDir", c.workingDir());
    putIf(m, "Labels", c.labels() == null ? null : new TreeMap<>(c.labels()));
    putIf(m, "StopSignal", c.stopSignal());
    return m;
  }

  /** One history entry (v1.History): JSON with omitempty, templates and %v with every field. */
  private static Object history(ImageConfig.History h) {
    LinkedHashMap<String, Object> zeros = new LinkedHashMap<>();
    zeros.put("created", null);
    zeros.put("created_by", "");
    zeros.put("author", "");
    zeros.put("comment", "");
    zeros.put("empty_layer", false);
    return GoStruct.of("v1.History", historyFields(h), zeros);
  }

  private static Map<String, Object> historyFields(ImageConfig.History h) {
    Map<String, Object> m = new LinkedHashMap<>();
    putIf(m, "created", h.created() == null ? null : h.created().atZone(UTC));
    putIf(m, "created_by", h.createdBy());
    putIf(m, "author", h.author());
    putIf(m, "comment", h.comment());
    if (Boolean.TRUE.equals(h.emptyLayer())) {
      m.put("empty_layer", true);
    }
    return m;
  }

  private static void putIf(Map<String, Object> m, String key, Object value) {
    boolean empty = value == null || value instanceof String s && s.isEmpty()
        || value instanceof List<?> l && l.isEmpty() || value instanceof Map<?, ?> mm && mm.isEmpty();
    if (!empty) {
      m.put(key, value);
    }
  }

  /** The fields a {@code history --format} template sees (podman's historyReporter). */
  static Map<String, Object> historyRow(HistoryEntry h, boolean noTrunc, boolean human) {
    Instant created = h.created() == null ? Instant.parse("0001-01-01T00:00:00Z") : h.created();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ID", !noTrunc && h.id().length() >= 12 ? h.id().substring(0, 12) : h.id());
    m.put("Created", human ? HumanTime.ago(created)
        : java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
            created.atZone(UTC).withNano(0).toOffsetDateTime()).replace("+00:00", "Z"));
    m.put("CreatedBy", !noTrunc && h.createdBy().length() > 45 ? h.createdBy().substring(0, 42) + "..." : h.createdBy());
    m.put("Tags", h.tags());
    m.put("Size", Sizes.spaced(h.size()));
    m.put("Comment", h.comment());
    m.put("CreatedAt", Instant.ofEpochSecond(created.getEpochSecond()).atZone(UTC));
    return m;
  }

  /** One element of {@code history --format json}: podman's layer JSON plus a second-precision Created. */
  static Map<String, Object> historyJson(HistoryEntry h) {
    Instant created = h.created() == null ? Instant.parse("0001-01-01T00:00:00Z") : h.created();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", h.id());
    m.put("created", created.atZone(UTC));
    if (!h.createdBy().isEmpty()) {
      m.put("CreatedBy", h.createdBy());
    }
    if (!h.tags().isEmpty()) {
      m.put("tags", h.tags());
    }
    m.put("size", h.size());
    if (!h.comment().isEmpty()) {
      m.put("comment", h.comment());
    }
    m.put("Created", Instant.ofEpochSecond(created.getEpochSecond()).atZone(UTC));
    return m;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
