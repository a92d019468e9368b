package io.jpod.api.libpod;

import io.jpod.api.http.Exchange;
import io.jpod.api.http.Filters;
import io.jpod.api.http.Route;
import io.jpod.core.Libpod;
import io.jpod.core.container.ContainerConfig;
import io.jpod.core.container.ContainerState;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.network.PortMapping;
import io.jpod.core.state.ContainerRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** libpod's system endpoints: ping (with {@code Libpod-API-Version}, which podman's client requires), version, info. */
final class SystemRoutes {
  private final Libpod libpod;
  private final CompatDelegate compat;
  private final String engineVersion;

  SystemRoutes(Libpod libpod, CompatDelegate compat, String engineVersion) {
    this.libpod = libpod;
    this.compat = compat;
    this.engineVersion = engineVersion;
  }

  List<Route> routes() {
    return List.of(
        Route.of("GET", "/libpod/_ping", this::ping),
        Route.of("HEAD", "/libpod/_ping", this::ping),
        compat.route("GET", "/version"),
        compat.route("GET", "/events"),
        Route.of("GET", "/libpod/info", ex -> ex.json(200, info())),
        Route.of("GET", "/libpod/system/df", ex -> ex.json(200, df())));
  }

  private void ping(Exchange ex) {
    ex.header("Cache-Control", "no-cache, no-store, must-revalidate");
    ex.header("Pragma", "no-cache");
    ex.header("Libpod-API-Version", engineVersion);
    ex.header("Libpod-Buildah-Version", "1.28.0");
    ex.header("Api-Version", io.jpod.api.http.ApiVersion.MAX.toString());
    ex.text(200, "OK");
  }

  /** podman's info document, the same one {@code jpod info} prints (serviceIsRemote set). */
  private Map<String, Object> info() {
    return io.jpod.core.system.SystemInfo.collect(libpod, engineVersion, true);
  }




  /** podman's SystemDfReport from the engine's disk usage. */
  private Map<String, Object> df() {
    var du = libpod.images().diskUsage();
    long imagesSize = 0;
    List<Map<String, Object>> images = new ArrayList<>();
    for (var i : du.images()) {
      imagesSize += i.uniqueSize();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("Repository", i.repository());
      m.put("Tag", i.tag());
      m.put("ImageID", i.id());
      m.put("Created", i.created().toString());
      m.put("Size", i.size());
      m.put("SharedSize", i.sharedSize());
      m.put("UniqueSize", i.uniqueSize());
      m.put("Containers", i.containers());
      images.add(m);
    }
    List<Map<String, Object>> containers = new ArrayList<>();
    for (var c : du.containers()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ContainerID", c.id());
      m.put("Image", c.imageId());
      m.put("Command", c.command());
      m.put("LocalVolumes", c.localVolumes());
      m.put("Size", c.rwSize());
      m.put("RWSize", c.rwSize());
      m.put("Created", c.created().toString());
      m.put("Status", c.status());
      m.put("Names", c.name());
      containers.add(m);
    }
    List<Map<String, Object>> volumes = new ArrayList<>();
    for (var v : du.volumes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("VolumeName", v.name());
      m.put("Links", v.links());
      m.put("Size", v.size());
      m.put("ReclaimableSize", v.links() == 0 ? v.size() : 0);
      volumes.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ImagesSize", imagesSize);
    out.put("Images", images);
    out.put("Containers", containers);
    out.put("Volumes", volumes);
    return out;
  }
}
