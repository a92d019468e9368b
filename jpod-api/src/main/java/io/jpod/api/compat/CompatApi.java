package io.jpod.api.compat;

import io.jpod.api.http.Route;
import io.jpod.core.Libpod;
import java.util.ArrayList;
import java.util.List;

/** The Docker-compatible endpoints over one engine. */
public final class CompatApi {
  private CompatApi() {}

  public static List<Route> routes(Libpod libpod, String engineVersion) {
    PendingAttaches pending = new PendingAttaches();
    ContainerRoutes containers = new ContainerRoutes(libpod, pending);
    List<Route> all = new ArrayList<>();
    SystemRoutes system = new SystemRoutes(libpod, engineVersion);
    all.addAll(system.routes());
    all.addAll(containers.routes());
    all.addAll(new StreamRoutes(libpod, containers, pending).routes());
    all.addAll(new ArchiveRoutes(libpod, containers).routes());
    RegistryAuth auth = new RegistryAuth(libpod.json());
    all.addAll(auth.routes());
    all.addAll(new ImageRoutes(libpod, auth).routes());
    all.addAll(new NetworkRoutes(libpod).routes());
    all.addAll(new VolumeRoutes(libpod).routes());
    all.addAll(new StatsRoutes(libpod, containers).routes());
    return all;
  }
}
