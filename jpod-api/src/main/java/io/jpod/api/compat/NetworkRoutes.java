package io.jpod.api.compat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.api.http.Exchange;
import io.jpod.api.http.Filters;
import io.jpod.api.http.Route;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.network.Network;
import io.jpod.core.network.NetworkAttachment;
import io.jpod.core.network.NetworkService;
import io.jpod.core.network.NetworkStatus;
import io.jpod.core.state.ContainerRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The networks endpoints on the engine's {@link NetworkService}. Docker calls the default network
 * {@code bridge}; podman's default network ({@code podman}) is shown and found under that name too.
 */
final class NetworkRoutes {
  private static final Set<String> LIST_FILTERS = Set.of("name", "id", "label", "label!", "driver", "type", "dangling", "until");
  private static final Set<String> PREDEFINED = Set.of("bridge", "host", "none");

  private final Libpod libpod;

  NetworkRoutes(Libpod libpod) {
    this.libpod = libpod;
  }

  private NetworkService svc() {
    return libpod.networks();
  }

  List<Route> routes() {
    return List.of(
        Route.of("GET", "/networks", this::list),
        Route.of("POST", "/networks/create", this::create),
        Route.of("POST", "/networks/prune", this::prune),
        Route.of("GET", "/networks/{id}", ex -> ex.json(200, view(get(ex.param("id"))))),
        Route.of("DELETE", "/networks/{id}", this::remove),
        Route.of("POST", "/networks/{id}/connect", this::connect),
        Route.of("POST", "/networks/{id}/disconnect", this::disconnect));
  }

  private String defaultName() {
    return svc().options().defaultNetwork();
  }

  /** The name Docker clients see: the default network is {@code bridge}. */
  String dockerName(String name) {
    return name.equals(defaultName()) ? "bridge" : name;
  }

  Network get(String nameOrId) {
    String n = nameOrId.equals("bridge") ? defaultName() : nameOrId;
    return svc().store().find(n).orElseThrow(() -> JpodException.notFound("network " + nameOrId + " not found"));
  }

  private void list(Exchange ex) {
    Filters f = ex.filters().allow(LIST_FILTERS);
    List<Object> out = new ArrayList<>();
    for (Network n : svc().store().list()) {
      String name = dockerName(n.name());
      boolean builtin = n.name().equals(defaultName());
      if (!f.any("name", v -> name.contains(v) || n.name().contains(v))
          || !f.any("id", v -> n.id().startsWith(v))
          || !f.any("driver", v -> v.equals(n.driver()))
          || !f.any("type", v -> v.equals(builtin ? "builtin" : "custom"))
          || !f.labels("label", n.labels())
          || (f.has("label!") && !f.get("label!").isEmpty() && new Filters(Map.of("l", f.get("label!"))).labels("l", n.labels()))
          || !f.any("dangling", v -> Boolean.parseBoolean(v.equals("1") ? "true" : v) == (!builtin && svc().users(n).isEmpty()))
          || !f.any("until", v -> created(n).isBefore(Times.parse(v)))) {
        continue;
      }
      out.add(view(n));
    }
    ex.json(200, out);
  }

  private static Instant created(Network n) {
    try {
      return Instant.parse(n.created());
    } catch (RuntimeException e) {
      return java.time.OffsetDateTime.parse(n.created()).toInstant();
    }
  }

  Map<String, Object> view(Network n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Name", dockerName(n.name()));
    m.put("Id", n.id());
    m.put("Created", n.created());
    m.put("Scope", "local");
    m.put("Driver", n.driver());
    m.put("EnableIPv6", n.ipv6Enabled());
    List<Object> cfg = new ArrayList<>();
    for (Network.Subnet s : n.subnets()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("Subnet", s.subnet());
      if (s.gateway() != null) {
        c.put("Gateway", s.gateway());
      }
      if (s.leaseStart() != null) {
        c.put("IPRange", ipRange(s));
      }
      cfg.add(c);
    }
    Map<String, Object> ipam = new LinkedHashMap<>();
    ipam.put("Driver", "default");
    ipam.put("Options", Map.of("driver", n.ipamDriver()));
    ipam.put("Config", cfg);
    m.put("IPAM", ipam);
    m.put("Internal", n.internal());
    m.put("Attachable", false);
    m.put("Ingress", false);
    m.put("ConfigFrom", Map.of("Network", ""));
    m.put("ConfigOnly", false);
    Map<String, Object> containers = new LinkedHashMap<>();
    for (ContainerRecord r : svc().users(n)) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("Name", r.config().name());
      c.put("EndpointID", "");
      c.put("MacAddress", "");
      c.put("IPv4Address", "");
      c.put("IPv6Address", "");
      NetworkStatus st = r.state().network();
      NetworkStatus.Result res = st == null ? null : st.networks().get(n.name());
      if (res != null) {
        for (NetworkStatus.Interface itf : res.interfaces().values()) {
          c.put("MacAddress", itf.macAddress());
          for (NetworkStatus.Subnet s : itf.subnets()) {
            c.put(s.ipnet().contains(":") ? "IPv6Address" : "IPv4Address", s.ipnet());
          }
        }
      }
      containers.put(r.config().id(), c);
    }
    m.put("Containers", containers);
    Map<String, Object> opts = new LinkedHashMap<>(n.options());
    if (n.isBridge()) {
      opts.put("com.docker.network.bridge.name", n.networkInterface());
    }
    m.put("Options", opts);
    m.put("Labels", n.labels());
    return m;
  }

  /** The lease range as a CIDR when it is one, else as start-end. */
  private static String ipRange(Network.Subnet s) {
    return s.leaseEnd() == null ? s.leaseStart() : s.leaseStart() + "-" + s.leaseEnd();
  }

  private void create(Exchange ex) {
    JsonNode body = ex.bodyObject();
    String name = Body.str(body, "Name");
    if (name == null || name.isEmpty()) {
      throw JpodException.invalid("network name must not be empty");
    }
    if (PREDEFINED.contains(name) || name.equals(defaultName())) {
      ex.error(403, "operation is not permitted on predefined " + name + " network ");
      return;
    }
    List<String> subnets = new ArrayList<>();
    List<String> gateways = new ArrayList<>();
    List<String> ranges = new ArrayList<>();
    JsonNode ipamCfg = Body.obj(body, "IPAM") == null ? null : Body.obj(body, "IPAM").get("Config");
    if (ipamCfg != null && !ipamCfg.isNull()) {
      if (!ipamCfg.isArray()) {
        throw Body.wrong("IPAM.Config", "a list", ipamCfg);
      }
      for (JsonNode c : ipamCfg) {
        String subnet = Body.str(c, "Subnet");
        if (subnet == null || subnet.isEmpty()) {
          continue;
        }
        String gw = Body.str(c, "Gateway");
        String range = Body.str(c, "IPRange");
        if (gw != null && !gw.isEmpty() && gateways.size() < subnets.size()) {
          throw JpodException.invalid("every subnet before " + subnet + " needs a gateway too");
        }
        subnets.add(subnet);
        if (gw != null && !gw.isEmpty()) {
          gateways.add(gw);
        }
        if (range != null && !range.isEmpty()) {
          ranges.add(range);
        }
      }
    }
    String driver = Body.str(body, "Driver");
    Map<String, String> options = Body.strMap(body, "Options");
    Map<String, String> opts = new LinkedHashMap<>();
    // Docker's bridge options are not netavark's; keep only what netavark knows.
    options.forEach((k, v) -> {
      if (Set.of("mtu", "vlan", "isolate", "mode", "parent", "metric").contains(k)) {
        opts.put(k, v);
      } else if (k.equals("com.docker.network.driver.mtu")) {
        opts.put("mtu", v);
      }
    });
    if (svc().store().find(name).isPresent()) {
      throw JpodException.conflict("network with name " + name + " already exists");
    }
    Network n = svc().create(new NetworkService.CreateRequest(name, driver, subnets, gateways, ranges,
        Body.bool(body, "Internal"), Body.strMap(body, "Labels"), opts, false, false, Body.bool(body, "EnableIPv6")));
    ex.json(201, Map.of("Id", n.id(), "Warning", ""));
  }

  private void remove(Exchange ex) {
    Network n = get(ex.param("id"));
    if (n.name().equals(defaultName())) {
      ex.error(403, "bridge is a pre-defined network and cannot be removed");
      return;
    }
    List<ContainerRecord> users = svc().users(n);
    if (!users.isEmpty()) {
      ex.error(403, "error while removing network: network " + n.name() + " id " + n.id() + " has active endpoints");
      return;
    }
    svc().remove(n.id(), false, null);
    ex.status(204);
  }

  private void prune(Exchange ex) {
    Filters f = ex.filters().allow(Set.of("label", "until"));
    List<String> deleted = new ArrayList<>();
    for (Network n : svc().store().list()) {
      if (n.name().equals(defaultName()) || !f.labels("label", n.labels())
          || !f.any("until", v -> created(n).isBefore(Times.parse(v))) || !svc().users(n).isEmpty()) {
        continue;
      }
      try {
        svc().remove(n.id(), false, null);
        deleted.add(n.name());
      } catch (JpodException e) {
        // taken into use or removed meanwhile
      }
    }
    ex.json(200, Map.of("NetworksDeleted", deleted));
  }

  private void connect(Exchange ex) {
    Network n = get(ex.param("id"));
    JsonNode body = ex.bodyObject();
    String ctr = Body.str(body, "Container");
    if (ctr == null || ctr.isEmpty()) {
      throw JpodException.invalid("container must be given");
    }
    JsonNode ep = Body.obj(body, "EndpointConfig");
    List<String> aliases = Body.strs(ep, "Aliases");
    String ip = Body.str(Body.obj(ep, "IPAMConfig"), "IPv4Address");
    String mac = Body.str(ep, "MacAddress");
    ContainerRecord rec = containers(ctr);
    svc().connect(rec.config().id(), n.name(), aliases == null ? List.of() : aliases,
        ip == null || ip.isEmpty() ? null : ip, mac == null || mac.isEmpty() ? null : mac);
    ex.status(200);
  }

  private void disconnect(Exchange ex) {
    Network n = get(ex.param("id"));
    String ctr = Body.str(ex.bodyObject(), "Container");
    if (ctr == null || ctr.isEmpty()) {
      throw JpodException.invalid("container must be given");
    }
    ContainerRecord rec = containers(ctr);
    svc().disconnect(rec.config().id(), n.name());
    ex.status(200);
  }

  private ContainerRecord containers(String nameOrId) {
    try {
      return libpod.containers().get(nameOrId.startsWith("/") ? nameOrId.substring(1) : nameOrId);
    } catch (JpodException e) {
      if (e.kind() == io.jpod.common.ErrorKind.NOT_FOUND) {
        throw JpodException.notFound("No such container: " + nameOrId);
      }
      throw e;
    }
  }

  /** The attachment a container has to a network, for the inspect endpoint view. */
  static NetworkAttachment attachment(ContainerRecord r, String network) {
    return r.config().network().networks().stream().filter(a -> a.network().equals(network)).findFirst().orElse(null);
  }
}
