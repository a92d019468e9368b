package io.jpod.api.libpod;

import io.jpod.core.state.ContainerRecord;
import java.util.List;
import java.util.Map;

/**
 * podman's JSON documents for the libpod endpoints. The CLI already builds them for its own
 * {@code inspect}/{@code --format json} output, so the service is handed the CLI's builders instead
 * of keeping a second copy that would drift.
 */
public interface LibpodViews {
  /** {@code podman container inspect}'s document. */
  Map<String, Object> containerInspect(ContainerRecord rec);

  /** One element of {@code podman ps --format json} (libpod's ListContainer). */
  Map<String, Object> containerSummary(ContainerRecord rec);

  /** {@code podman image inspect}'s document for one reference. */
  Map<String, Object> imageInspect(String ref);

  /** {@code podman images --format json} (libpod's ImageSummary list). */
  List<Map<String, Object>> images(boolean all);

  /** {@code podman network inspect}'s document. */
  Map<String, Object> networkInspect(String name);

  /** {@code podman volume inspect}'s document. */
  Map<String, Object> volumeInspect(String name);

  /** {@code podman pod inspect}'s document. */
  Map<String, Object> podInspect(String name);

  /** {@code podman pod ps --format json}'s rows. */
  List<Map<String, Object>> pods();
}
