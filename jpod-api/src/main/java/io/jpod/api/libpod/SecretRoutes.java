package io.jpod.api.libpod;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.api.http.Exchange;
import io.jpod.api.http.Route;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.secret.SecretFilter;
import io.jpod.core.secret.SecretReport;
import io.jpod.core.secret.SecretService;
import io.jpod.core.secret.SecretSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * podman 4.3.1's libpod secrets endpoints: create (the body is the data; name, driver and the
 * JSON-encoded driveropts and labels maps in the query), list, inspect and remove.
 */
public final class SecretRoutes {
  private final Libpod libpod;

  public SecretRoutes(Libpod libpod) {
    this.libpod = libpod;
  }

  public List<Route> routes() {
    return List.of(
        Route.of("POST", "/libpod/secrets/create", withErrors(this::create)),
        Route.of("GET", "/libpod/secrets/json", withErrors(this::list)),
        Route.of("GET", "/libpod/secrets/{name}/json",
            withErrors(ex -> ex.json(200, SecretReport.of(svc().lookup(ex.param("name")))))),
        Route.of("DELETE", "/libpod/secrets/{name}", withErrors(this::remove)));
  }

  /**
   * podman's libpod error body, {@code {"cause", "message", "response"}}: podman's bindings read the
   * status from it (podman --remote secret rm crashes on a body without it).
   */
  private static Route.Handler withErrors(Route.Handler h) {
    return ex -> {
      try {
        h.handle(ex);
      } catch (JpodException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int colon = message.lastIndexOf(": ");
        int status = e.kind().httpStatus();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cause", colon < 0 ? message : message.substring(colon + 2));
        body.put("message", message);
        body.put("response", status);
        ex.json(status, body);
      }
    };
  }

  private SecretService svc() {
    return libpod.secrets();
  }

  private void create(Exchange ex) {
    String name = ex.query("name");
    byte[] data;
    try (InputStream in = ex.bodyStream()) {
      data = in.readNBytes(SecretService.MAX_SIZE + 1);
    } catch (IOException e) {
      throw JpodException.invalid("reading request body: " + e.getMessage());
    }
    var spec = new SecretSpec(name == null ? "" : name, data, ex.query("driver"), map(ex, "driveropts"), map(ex, "labels"));
    ex.json(200, Map.of("ID", asPodman(() -> svc().create(spec)).id()));
  }

  private void list(Exchange ex) {
    var filter = asPodman(() -> SecretFilter.of(ex.filters().values()));
    // podman 4.3.1's list reports leave the labels out
    ex.json(200, svc().list().stream().filter(filter).map(s -> {
      Map<String, Object> r = SecretReport.of(s);
      @SuppressWarnings("unchecked")
      Map<String, Object> spec = (Map<String, Object>) r.get("Spec");
      spec.put("Labels", null);
      return r;
    }).toList());
  }

  private void remove(Exchange ex) {
    svc().remove(ex.param("name"));
    ex.status(204);
  }

  /** podman answers every secrets error but "no such secret" with a 500 (a taken name included). */
  private static <T> T asPodman(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (JpodException e) {
      if (e.kind() == io.jpod.common.ErrorKind.NOT_FOUND) {
        throw e;
      }
      throw JpodException.system(e.getMessage(), e);
    }
  }

  /** A map query parameter, JSON-encoded as podman's bindings send it. */
  private static Map<String, String> map(Exchange ex, String key) {
    String raw = ex.query(key);
    Map<String, String> m = new LinkedHashMap<>();
    if (raw == null || raw.isBlank()) {
      return m;
    }
    try {
      JsonNode n = ex.json().readTree(raw);
      if (n != null && n.isObject()) {
        n.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
      }
    } catch (IOException e) {
      // fall through to the error below
    }
    throw JpodException.invalid("invalid " + key + ": " + raw);
  }
}
