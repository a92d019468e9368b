package io.jpod.api.libpod;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.api.http.Exchange;
import io.jpod.api.http.Route;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.network.NetworkService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** libpod's network endpoints, whose documents are netavark's network JSON (as {@code podman network inspect}). */
final class NetworkRoutes {
  private final Libpod libpod;
  private final LibpodViews views;

  NetworkRoutes(Libpod libpod, LibpodViews views) {
    this.libpod = libpod;
    this.views = views;
  }

  List<Route> routes() {
    return List.of(
        Route.of("GET", "/libpod/networks/json", this::list),
        Route.of("POST", "/libpod/networks/create", this::create),
        Route.of("GET", "/libpod/networks/{name}/exists", ex -> { views.networkInspect(ex.param("name")); ex.status(204); }),
        Route.of("GET", "/libpod/networks/{name}/json", ex -> ex.json(200, views.networkInspect(ex.param("name")))),
        Route.of("DELETE", "/libpod/networks/{name}", this::remove),
        Route.of("POST", "/libpod/networks/{name}/connect", this::connect),
        Route.of("POST", "/libpod/networks/{name}/disconnect", this::disconnect));
  }

  private void list(Exchange ex) {
    List<Object> out = new ArrayList<>();
    for (var n : libpod.networks().store().list()) {
      out.add(views.networkInspect(n.name()));
    }
    ex.json(200, out);
  }

  private void create(Exchange ex) {
    JsonNode b = ex.body();
    if (b == null || !b.isObject()) {
      throw JpodException.invalid("failed to decode request JSON payload: EOF");
    }
    List<String> subnets = new ArrayList<>();
    List<String> gateways = new ArrayList<>();
    List<String> ranges = new ArrayList<>();
    for (JsonNode s : b.path("subnets")) {
      subnets.add(s.path("subnet").asText());
      if (s.hasNonNull("gateway")) {
        gateways.add(s.path("gateway").asText());
      }
      if (s.path("lease_range").hasNonNull("start_ip")) {
        ranges.add(s.path("lease_range").path("start_ip").asText());
      }
    }
    Map<String, String> labels = new LinkedHashMap<>();
    b.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    Map<String, String> options = new LinkedHashMap<>();
    b.path("options").properties().forEach(e -> options.put(e.getKey(), e.getValue().asText()));
    String driver = b.path("driver").asText("");
    var net = libpod.networks().create(new NetworkService.CreateRequest(b.path("name").asText(""),
        driver.isEmpty() ? "bridge" : driver, subnets, gateways, ranges, b.path("internal").asBoolean(), labels, options,
        b.has("dns_enabled") && !b.path("dns_enabled").asBoolean(), false));
    ex.json(200, views.networkInspect(net.name()));
  }

  private void remove(Exchange ex) {
    var n = libpod.networks().remove(ex.param("name"), ex.bool("force", false), ex.integer("timeout"));
    Map<String, Object> rep = new LinkedHashMap<>();
    rep.put("Name", n.name());
    rep.put("Err", null);
    ex.json(200, List.of(rep));
  }

  /** podman's NetworkConnectOptions: {"container", "aliases", "static_ips", "static_mac"}. */
  private void connect(Exchange ex) {
    String net = network(ex);
    JsonNode body = ex.bodyObject(); // read once: the body is a stream
    String ctr = text(body, "container", "Container");
    List<String> aliases = new ArrayList<>();
    body.path("aliases").forEach(a -> aliases.add(a.asText()));
    // podman sends the IPv4 and IPv6 addresses together
    String ip = null;
    String ip6 = null;
    for (JsonNode a : body.path("static_ips")) {
      if (a.asText().contains(":")) {
        ip6 = ip6 == null ? a.asText() : ip6;
      } else {
        ip = ip == null ? a.asText() : ip;
      }
    }
    String mac = text(body, "static_mac", "static_mac");
    libpod.networks().connect(container(ctr), net, aliases, ip, ip6, mac);
    ex.json(200, "");
  }

  /** podman's NetworkDisconnectOptions: {"Container", "Force"}. */
  private void disconnect(Exchange ex) {
    String net = network(ex);
    libpod.networks().disconnect(container(text(ex.bodyObject(), "container", "Container")), net);
    ex.json(200, "");
  }

  private String network(Exchange ex) {
    String n = ex.param("name");
    return libpod.networks().store().find(n).orElseThrow(() -> JpodException.notFound("unable to find network with name or ID "
        + n + ": network not found")).name();
  }

  private String container(String nameOrId) {
    if (nameOrId == null || nameOrId.isEmpty()) {
      throw JpodException.invalid("container must be given");
    }
    return libpod.containers().get(nameOrId).config().id();
  }

  private static String text(JsonNode body, String name, String altName) {
    JsonNode n = body == null ? null : body.hasNonNull(name) ? body.get(name) : body.get(altName);
    return n == null || n.isNull() || n.asText().isEmpty() ? null : n.asText();
  }
}
