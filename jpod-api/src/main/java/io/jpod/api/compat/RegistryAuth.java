package io.jpod.api.compat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.api.http.Exchange;
import io.jpod.api.http.Route;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.image.registry.AuthFile;
import io.jpod.image.registry.RegistryAccess;
import io.jpod.image.registry.RegistryClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registry credentials on the API: {@code POST /auth} checks them against the registry as {@code
 * docker login} does (nothing is stored: the client keeps them), and pulls and pushes take them
 * from the {@code X-Registry-Auth} header (base64url JSON of an auth config).
 */
final class RegistryAuth {
  private final com.fasterxml.jackson.databind.ObjectMapper json;

  RegistryAuth(com.fasterxml.jackson.databind.ObjectMapper json) {
    this.json = json;
  }

  List<Route> routes() {
    return List.of(Route.of("POST", "/auth", this::login));
  }

  /** Docker treats registries on loopback addresses as plain HTTP (its default insecure registry range). */
  static RegistryAccess access(String host, AuthFile.Credentials credentials) {
    RegistryAccess access = RegistryAccess.system();
    if (host.startsWith("127.") || host.startsWith("localhost") || host.startsWith("[::1]")) {
      access = access.withTlsVerify(false);
    }
    return credentials == null ? access : access.withCredentials(credentials);
  }

  private void login(Exchange ex) {
    JsonNode b = ex.bodyObject();
    if (b == null || !b.isObject()) {
      throw JpodException.invalid("Decode(): the body must be a JSON object with username, password and serveraddress");
    }
    String user = Body.str(b, "username");
    String password = Body.str(b, "password");
    String server = Body.str(b, "serveraddress");
    String token = Body.str(b, "identitytoken");
    if (server == null || server.isBlank()) {
      server = "docker.io";
    }
    String host = AuthFile.loginKey(server, false);
    if (host.equals("index.docker.io")) {
      host = "docker.io";
    }
    AuthFile.Credentials creds = token != null && !token.isEmpty()
        ? new AuthFile.Credentials(user == null ? "" : user, "", token)
        : AuthFile.Credentials.of(user == null ? "" : user, password == null ? "" : password);
    try (RegistryClient client = access(host, creds).clientForRegistry(host)) {
      client.verifyLogin(host);
    } catch (JpodException e) {
      // podman answers a refused login with a 400 whose Status says why; message is Docker's field
      int status = e.kind() == ErrorKind.UNAUTHORIZED || e.kind() == ErrorKind.REGISTRY || e.kind() == ErrorKind.SYSTEM
          ? 400 : e.kind().httpStatus();
      String why = "login attempt to " + server + " failed with status: " + e.getMessage();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("message", why);
      m.put("Status", why);
      m.put("IdentityToken", "");
      ex.json(status, m);
      return;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Status", "Login Succeeded");
    m.put("IdentityToken", "");
    ex.json(200, m);
  }

  /** The credentials of {@code X-Registry-Auth}; null when there are none ({@code {}} or no header). */
  AuthFile.Credentials fromHeader(Exchange ex) {
    String raw = ex.header("X-Registry-Auth");
    if (raw == null || raw.isBlank()) {
      return null;
    }
    JsonNode n;
    try {
      byte[] decoded = decode(raw.strip());
      n = json.readTree(decoded);
    } catch (IOException | IllegalArgumentException e) {
      throw JpodException.invalid("failed to parse \"X-Registry-Auth\" header for " + ex.path() + ": " + firstLine(e.getMessage()));
    }
    if (n == null || !n.isObject()) {
      return null;
    }
    String user = text(n, "username");
    String password = text(n, "password");
    String token = text(n, "identitytoken");
    String auth = text(n, "auth");
    if (user.isEmpty() && !auth.isEmpty()) {
      String pair = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      if (colon > 0) {
        user = pair.substring(0, colon);
        password = pair.substring(colon + 1);
      }
    }
    if (!token.isEmpty()) {
      return new AuthFile.Credentials(user, "", token);
    }
    return user.isEmpty() ? null : AuthFile.Credentials.of(user, password);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  /** Clients send base64url, some with the standard alphabet, padded or not. */
  private static byte[] decode(String s) {
    String norm = s.replace('-', '+').replace('_', '/');
    while (norm.length() % 4 != 0) {
      norm += "=";
    }
    return Base64.getDecoder().decode(norm);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "malformed";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
