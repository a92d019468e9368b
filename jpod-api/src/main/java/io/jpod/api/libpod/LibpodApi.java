package io.jpod.api.libpod;

import io.jpod.api.http.Route;
import io.jpod.core.Libpod;
import java.util.ArrayList;
import java.util.List;

/** podman's own REST API ({@code /libpod/...}, v4 paths) for {@code podman --remote} and jpod's remote CLI. */
public final class LibpodApi {
  private LibpodApi() {}

  /** The libpod endpoints; {@code compat} are the Docker routes whose handlers some endpoints share. */
  public static List<Route> routes(Libpod libpod, LibpodViews views, List<Route> compat, String engineVersion) {
    CompatDelegate delegate = new CompatDelegate(compat);
    List<Route> all = new ArrayList<>();
    all.addAll(new SystemRoutes(libpod, delegate, engineVersion).routes());
    all.addAll(new ContainerRoutes(libpod, views, delegate).routes());
    all.addAll(new LogRoutes(libpod).routes());
    all.addAll(new ImageRoutes(libpod, views, delegate).routes());
    all.addAll(new NetworkRoutes(libpod, views).routes());
    all.addAll(new VolumeRoutes(libpod, views).routes());
    all.addAll(new PodRoutes(libpod, views).routes());
    all.addAll(new SecretRoutes(libpod).routes());
    return all;
  }
}
