package io.jpod.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jpod.api.ListenAddress;
import io.jpod.common.JpodException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Calls to the libpod API ({@code /v4.3.1/libpod/...}); failures come back as the engine's own errors. */
public final class LibpodClient {
  static final String PREFIX = "/v4.3.1/libpod";

  private final ListenAddress address;
  private final ObjectMapper json = new ObjectMapper();

  public LibpodClient(ListenAddress address) {
    this.address = address;
  }

  public ObjectMapper json() {
    return json;
  }

  /** Query parameters in order, encoded; null values are left out. */
  public static String query(Object... kv) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      if (kv[i + 1] == null) {
        continue;
      }
      sb.append(sb.isEmpty() ? '?' : '&').append(kv[i]).append('=')
          .append(URLEncoder.encode(String.valueOf(kv[i + 1]), StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  public static String seg(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Opens a request and checks its status; the caller reads (and closes) the answer. */
  public HttpExchange open(String method, String path, Object body, boolean upgrade) {
    HttpExchange ex = HttpExchange.open(address);
    try {
      ex.send(method, PREFIX + path, body == null ? null : json.writeValueAsBytes(body), upgrade);
    } catch (IOException e) {
      ex.close();
      throw JpodException.system("encoding request: " + e.getMessage());
    } catch (RuntimeException e) {
      ex.close();
      throw e;
    }
    if (ex.status() >= 400) {
      try (ex) {
        throw failure(ex.status(), ex.readBody());
      }
    }
    return ex;
  }

  /** A complete JSON answer (null for an empty body); the status is returned through {@code statusOut} when given. */
  public JsonNode call(String method, String path, Object body) {
    try (HttpExchange ex = open(method, path, body, false)) {
      byte[] b = ex.readBody();
      if (ex.status() == 304) {
        throw new JpodException(io.jpod.common.ErrorKind.NOT_MODIFIED, "not modified");
      }
      return b.length == 0 ? null : json.readTree(b);
    } catch (IOException e) {
      throw JpodException.system("decoding response: " + e.getMessage());
    }
  }

  public JsonNode get(String path) {
    return call("GET", path, null);
  }

  public JsonNode post(String path, Object body) {
    return call("POST", path, body);
  }

  /** Whether {@code GET path} answers 204 (the exists endpoints) rather than 404. */
  public boolean exists(String path) {
    try {
      call("GET", path, null);
      return true;
    } catch (JpodException e) {
      if (e.kind() == io.jpod.common.ErrorKind.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /** libpod's error body ({"cause", "message", "response"}) as the exception the local engine would throw. */
  JpodException failure(int status, byte[] body) {
    String message;
    try {
      JsonNode n = json.readTree(body);
      message = n != null && n.hasNonNull("message") ? n.get("message").asText() : new String(body, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      message = new String(body, StandardCharsets.UTF_8).strip();
    }
    return switch (status) {
      case 400 -> JpodException.invalid(message);
      case 404 -> JpodException.notFound(message);
      case 409 -> JpodException.conflict(message);
      default -> JpodException.system(message);
    };
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      m.put(String.valueOf(kv[i]), kv[i + 1]);
    }
    return m;
  }
}
