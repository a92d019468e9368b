package io.jpod.cli.system;

import io.jpod.api.libpod.LibpodViews;
import io.jpod.cli.container.ContainerViews;
import io.jpod.cli.image.ImageViews;
import io.jpod.cli.network.NetworkViews;
import io.jpod.cli.pod.PodViews;
import io.jpod.cli.volume.VolumeViews;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.state.ContainerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The CLI's own JSON builders handed to the service, so {@code podman --remote} sees what {@code jpod} prints. */
public final class CliViews implements LibpodViews {
  private final Libpod libpod;

  public CliViews(Libpod libpod) {
    this.libpod = libpod;
  }

  @Override
  public Map<String, Object> containerInspect(ContainerRecord rec) {
    return ContainerViews.inspect(libpod, rec);
  }

  @Override
  public Map<String, Object> containerSummary(ContainerRecord rec) {
    Map<String, Object> row = ContainerViews.psRow(rec, true);
    // ListContainer's times are RFC 3339 on the wire; the CLI's own JSON prints seconds
    row.put("Created", rec.config().created().toString());
    row.put("CreatedAt", "");
    row.put("Status", ""); // ListContainer.Status is the healthcheck's; podman's client builds "Up 3 minutes" itself
    String podId = rec.config().podId();
    if (podId != null) {
      row.put("Pod", podId);
      libpod.state().pod(podId).ifPresent(p -> {
        row.put("PodName", p.name());
        row.put("IsInfra", rec.config().id().equals(p.state().infraContainerId()));
      });
    }
    return row;
  }

  @Override
  public Map<String, Object> imageInspect(String ref) {
    return ImageViews.inspect(libpod.images().inspect(ref));
  }

  @Override
  public List<Map<String, Object>> images(boolean all) {
    List<Map<String, Object>> out = new ArrayList<>();
    libpod.images().list(List.of(), all).forEach(s -> {
      Map<String, Object> row = ImageViews.jsonRow(s);
      row.put("RepoTags", s.names().isEmpty() ? null : s.names());
      row.remove("CreatedAt"); // not in the API's ImageSummary
      out.add(row);
    });
    return out;
  }

  @Override
  public Map<String, Object> networkInspect(String name) {
    var n = libpod.networks().store().find(name).orElseThrow(
        () -> JpodException.notFound("unable to find network with name or ID " + name + ": network not found"));
    return NetworkViews.inspect(n);
  }

  @Override
  public Map<String, Object> volumeInspect(String name) {
    return VolumeViews.inspect(libpod, libpod.volumes().get(name), false);
  }

  @Override
  public Map<String, Object> podInspect(String name) {
    return PodViews.inspect(libpod.pods().view(name));
  }

  @Override
  public List<Map<String, Object>> pods() {
    List<Map<String, Object>> out = new ArrayList<>();
    libpod.pods().list().forEach(v -> out.add(PodViews.psJson(v)));
    return out;
  }
}
