package io.jpod.cli.system;

import io.jpod.cli.CliContext;
import io.jpod.cli.HumanTime;
import io.jpod.cli.format.Formats;
import io.jpod.cli.image.Report;
import io.jpod.cli.image.Sizes;
import io.jpod.core.image.DiskUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jpod system df}: images, containers and volumes with their total, active, size and reclaimable
 * space (podman 4's numbers: an image counts once per name, sizes in go-units' HumanSize); {@code -v}
 * lists each of them.
 */
@Command(name = "df", description = "Show jpod disk usage")
public final class DfCommand implements Callable<Integer> {
  private static final String SUMMARY_ROW = "{{.Type}}\t{{.Total}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}\n";
  private static final Map<String, String> SUMMARY_HEADERS = headers("Type", "TYPE", "Total", "TOTAL", "Active", "ACTIVE",
      "Size", "SIZE", "Reclaimable", "RECLAIMABLE", "RawSize", "RAW SIZE", "RawReclaimable", "RAW RECLAIMABLE");
  private static final String IMAGE_ROW = "{{.Repository}}\t{{.Tag}}\t{{.ImageID}}\t{{.Created}}\t{{.Size}}\t"
      + "{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}\n";
  private static final Map<String, String> IMAGE_HEADERS = headers("Repository", "REPOSITORY", "Tag", "TAG",
      "ImageID", "IMAGE ID", "Created", "CREATED", "Size", "SIZE", "SharedSize", "SHARED SIZE", "UniqueSize",
      "UNIQUE SIZE", "Containers", "CONTAINERS");
  private static final String CONTAINER_ROW = "{{.ContainerID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t"
      + "{{.RWSize}}\t{{.Created}}\t{{.Status}}\t{{.Names}}\n";
  private static final Map<String, String> CONTAINER_HEADERS = headers("ContainerID", "CONTAINER ID", "Image", "IMAGE",
      "Command", "COMMAND", "LocalVolumes", "LOCAL VOLUMES", "RWSize", "SIZE", "Created", "CREATED", "Status",
      "STATUS", "Names", "NAMES");
  private static final String VOLUME_ROW = "{{.VolumeName}}\t{{.Links}}\t{{.Size}}\n";
  private static final Map<String, String> VOLUME_HEADERS = headers("VolumeName", "VOLUME NAME", "Links", "LINKS",
      "Size", "SIZE");

  private final CliContext ctx;

  @Option(names = "--format", description = "Pretty-print images using a Go template") String format;
  @Option(names = {"-v", "--verbose"}, description = "Show detailed information on disk usage") boolean verbose;

  public DfCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    DiskUsage du = ctx.libpod().images().diskUsage();
    if (verbose) {
      printVerbose(du);
      return 0;
    }
    List<Summary> summaries = summaries(du);
    if (format != null && Formats.isJson(format)) {
      List<Object> json = new ArrayList<>();
      for (Summary s : summaries) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Type", s.type());
        m.put("Total", s.total());
        m.put("Active", s.active());
        m.put("Size", s.rawSize());
        m.put("Reclaimable", s.rawReclaimable());
        json.add(m);
      }
      ctx.out().print(Formats.toJson(json));
      return 0;
    }
    List<Object> rows = new ArrayList<>();
    summaries.forEach(s -> rows.add(s.row()));
    ctx.out().print(Report.render(format, SUMMARY_ROW, SUMMARY_HEADERS, rows, false));
    return 0;
  }

  /** One summary line: what podman's dfSummary holds. */
  record Summary(String type, int total, int active, long rawSize, long rawReclaimable) {
    Map<String, Object> row() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("Type", type);
      m.put("Total", total);
      m.put("Active", active);
      m.put("Size", Sizes.human(rawSize));
      m.put("Reclaimable", reclaimable());
      m.put("RawSize", rawSize);
      m.put("RawReclaimable", rawReclaimable);
      return m;
    }

    /** {@code 2.141MB (50%)}: the percentage rounded half away from zero, as Go's math.Round. */
    String reclaimable() {
      long percent = rawSize > 0 ? Math.round((double) rawReclaimable / rawSize * 100) : 0;
      return Sizes.human(rawReclaimable) + " (" + percent + "%)";
    }
  }

  static List<Summary> summaries(DiskUsage du) {
    int active = 0;
    long size = 0;
    long reclaimable = 0;
    for (DiskUsage.ImageUsage i : du.images()) {
      if (i.containers() > 0) {
        active++;
      } else {
        reclaimable += i.size();
      }
      size += i.size();
    }
    int running = 0;
    long cSize = 0;
    long cReclaimable = 0;
    for (DiskUsage.ContainerUsage c : du.containers()) {
      if (c.status().equals("running")) {
        running++;
      } else {
        cReclaimable += c.rwSize();
      }
      cSize += c.rwSize();
    }
    int links = 0;
    long vSize = 0;
    long vReclaimable = 0;
    for (DiskUsage.VolumeUsage v : du.volumes()) {
      if (v.links() > 0) {
        links++;
      } else {
        vReclaimable += v.size();
      }
      vSize += v.size();
    }
    return List.of(new Summary("Images", du.images().size(), active, size, reclaimable),
        new Summary("Containers", du.containers().size(), running, cSize, cReclaimable),
        new Summary("Local Volumes", du.volumes().size(), links, vSize, vReclaimable));
  }

  private void printVerbose(DiskUsage du) {
    Instant now = Instant.now();
    List<Object> images = new ArrayList<>();
    for (DiskUsage.ImageUsage i : du.images()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("Repository", i.repository());
      m.put("Tag", i.tag());
      m.put("ImageID", i.id().substring(0, 12));
      m.put("Created", HumanTime.duration(Duration.between(i.created(), now)));
      m.put("Size", Sizes.human(i.size()));
      m.put("SharedSize", Sizes.human(i.sharedSize()));
      m.put("UniqueSize", Sizes.human(i.uniqueSize()));
      m.put("Containers", i.containers());
      images.add(m);
    }
    List<Object> containers = new ArrayList<>();
    for (DiskUsage.ContainerUsage c : du.containers()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ContainerID", c.id().substring(0, 12));
      m.put("Image", c.imageId().length() >= 12 ? c.imageId().substring(0, 12) : c.imageId());
      m.put("Command", String.join(" ", c.command()));
      m.put("LocalVolumes", c.localVolumes());
      m.put("RWSize", Sizes.human(c.rwSize()));
      m.put("Created", HumanTime.duration(Duration.between(c.created(), now)));
      m.put("Status", c.status());
      m.put("Names", c.name());
      containers.add(m);
    }
    List<Object> volumes = new ArrayList<>();
    for (DiskUsage.VolumeUsage v : du.volumes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("VolumeName", v.name());
      m.put("Links", v.links());
      m.put("Size", Sizes.human(v.size()));
      volumes.add(m);
    }
    StringBuilder sb = new StringBuilder("Images space usage:\n\n");
    sb.append(Report.render(null, IMAGE_ROW, IMAGE_HEADERS, images, false));
    sb.append("\nContainers space usage:\n\n");
    sb.append(Report.render(null, CONTAINER_ROW, CONTAINER_HEADERS, containers, false));
    sb.append("\nLocal Volumes space usage:\n\n");
    sb.append(Report.render(null, VOLUME_ROW, VOLUME_HEADERS, volumes, false));
    ctx.out().print(sb);
  }

  private static Map<String, String> headers(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
