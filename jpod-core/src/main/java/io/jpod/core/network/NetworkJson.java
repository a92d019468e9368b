package io.jpod.core.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Network definitions to and from podman's JSON: the field names and order of containers/common's
 * {@code types.Network}, empty labels/options left out, written as Go's MarshalIndent with five spaces.
 */
public final class NetworkJson {
  private NetworkJson() {}

  /** The definition as an ordered map (for files, {@code network inspect} and netavark's stdin). */
  public static Map<String, Object> toMap(Network n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", n.name());
    m.put("id", n.id());
    m.put("driver", n.driver());
    // omitempty in podman's types.Network: a CNI ipvlan/macvlan network without parent or subnets
    if (n.networkInterface() != null && !n.networkInterface().isEmpty()) {
      m.put("network_interface", n.networkInterface());
    }
    m.put("created", n.created());
    List<Object> subnets = new ArrayList<>();
    for (Network.Subnet s : n.subnets()) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("subnet", s.subnet());
      if (s.gateway() != null) {
        sm.put("gateway", s.gateway());
      }
      if (s.leaseStart() != null || s.leaseEnd() != null) {
        Map<String, Object> lr = new LinkedHashMap<>();
        if (s.leaseStart() != null) {
          lr.put("start_ip", s.leaseStart());
        }
        if (s.leaseEnd() != null) {
          lr.put("end_ip", s.leaseEnd());
        }
        sm.put("lease_range", lr);
      }
      subnets.add(sm);
    }
    if (!subnets.isEmpty()) {
      m.put("subnets", subnets);
    }
    m.put("ipv6_enabled", n.ipv6Enabled());
    m.put("internal", n.internal());
    m.put("dns_enabled", n.dnsEnabled());
    if (!n.labels().isEmpty()) {
      m.put("labels", n.labels());
    }
    if (!n.options().isEmpty()) {
      m.put("options", n.options());
    }
    m.put("ipam_options", Map.of("driver", n.ipamDriver()));
    return m;
  }

  public static Network parse(String json, String source) {
    try {
      JsonNode t = Json.mapper().readTree(json);
      List<Network.Subnet> subnets = new ArrayList<>();
      for (JsonNode s : t.path("subnets")) {
        JsonNode lr = s.path("lease_range");
        subnets.add(new Network.Subnet(s.path("subnet").asText(), text(s, "gateway"), text(lr, "start_ip"), text(lr, "end_ip")));
      }
      String name = t.path("name").asText("");
      if (name.isEmpty()) {
        throw JpodException.invalid("network config " + source + " has no name");
      }
      return new Network(name, t.path("id").asText(), t.path("driver").asText("bridge"),
          t.path("network_interface").asText(""), t.path("created").asText(""), subnets,
          t.path("ipv6_enabled").asBoolean(), t.path("internal").asBoolean(), t.path("dns_enabled").asBoolean(),
          strings(t.path("labels")), strings(t.path("options")), t.path("ipam_options").path("driver").asText("host-local"));
    } catch (JsonProcessingException e) {
      throw JpodException.invalid("parsing network config " + source + ": " + e.getOriginalMessage());
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
  }

  private static Map<String, String> strings(JsonNode n) {
    Map<String, String> m = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  /** A network file's text: Go's {@code json.MarshalIndent(v, prefix, "     ")}, as podman writes it. */
  public static String indent(Object value, String prefix) {
    return io.jpod.common.GoJson.marshalIndent(value, prefix, "     ");
  }
}
