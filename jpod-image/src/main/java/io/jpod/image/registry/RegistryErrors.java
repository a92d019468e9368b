package io.jpod.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns registry responses and transport failures into one-line messages worded like containers/image's
 * (podman users and scripts know those), and into the matching {@link ErrorKind}.
 */
final class RegistryErrors {
  private RegistryErrors() {}

  /**
   * The error a non-success response stands for, prefixed with {@code context}. A distribution error
   * body ({@code {"errors":[{"code","message"}]}}) gives the text; otherwise the status does.
   */
  static JpodException fromResponse(String context, int status, byte[] body) {
    String text = describe(status, body);
    return new JpodException(kind(status, body), context.isEmpty() ? text : context + ": " + text);
  }

  static ErrorKind kind(int status, byte[] body) {
    String code = firstCode(body);
    if (status == 401 || status == 403 || "UNAUTHORIZED".equals(code) || "DENIED".equals(code)) {
      return ErrorKind.UNAUTHORIZED;
    }
    // Only a 404 means the thing asked for is absent; a 400 MANIFEST_BLOB_UNKNOWN on push is a failure.
    if (status == 404) {
      return ErrorKind.NOT_FOUND;
    }
    return ErrorKind.REGISTRY;
  }

  /** The text of a failed response, as containers/image renders it. */
  static String describe(int status, byte[] body) {
    if (status == 429) {
      return "too many requests to registry";
    }
    JsonNode first = firstError(body);
    if (first != null) {
      String code = first.path("code").asText("");
      String message = first.path("message").asText("");
      String codeText = code.toLowerCase(Locale.ROOT).replace('_', ' ');
      if (message.isEmpty()) {
        return codeText;
      }
      // containers/image drops the code when the message is just the code's default text.
      return message.equalsIgnoreCase(codeText) ? message : codeText + ": " + message;
    }
    if (body != null && body.length > 0) {
      String s = new String(body, StandardCharsets.UTF_8).strip();
      if (s.length() > 50) {
        s = s.substring(0, 50) + "...";
      }
      return "StatusCode: " + status + ", \"" + s.replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
    if (status == 401) {
      return "authentication required"; // what containers/image says for a bodiless 401 (HEAD)
    }
    return "invalid status code from registry " + status + " (" + statusText(status) + ")";
  }

  private static String firstCode(byte[] body) {
    JsonNode e = firstError(body);
    return e == null ? null : e.path("code").asText(null);
  }

  private static JsonNode firstError(byte[] body) {
    if (body == null || body.length == 0 || body[0] != '{') {
      return null;
    }
    try {
      JsonNode root = Json.mapper().readTree(body);
      JsonNode errors = root.path("errors");
      if (errors.isArray() && !errors.isEmpty() && errors.get(0).has("code")) {
        return errors.get(0);
      }
    } catch (IOException e) {
      // Not a distribution error body.
    }
    return null;
  }

  static String statusText(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Request Entity Too Large";
      case 416 -> "Requested Range Not Satisfiable";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "status " + status;
    };
  }

  /**
   * A transport failure as Go's net/http words it: {@code Get "https://h:p/v2/": dial tcp h:p: connect:
   * connection refused}.
   */
  static String transport(String method, URI uri, Throwable e) {
    String verb = method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT);
    return verb + " \"" + uri + "\": " + reason(uri, e);
  }

  private static String reason(URI uri, Throwable e) {
    String hostPort = hostPort(uri);
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException) {
        return "dial tcp " + hostPort + ": i/o timeout";
      }
      if (t instanceof HttpTimeoutException) {
        // Only the ping has a deadline, and over TLS it stands for Go's handshake timeout.
        return "https".equals(uri.getScheme()) ? "net/http: TLS handshake timeout"
            : "net/http: timeout awaiting response headers";
      }
      if (t instanceof ConnectException) {
        String m = t.getMessage();
        if (m != null && m.toLowerCase(Locale.ROOT).contains("no route")) {
          return "dial tcp " + hostPort + ": connect: no route to host";
        }
        return "dial tcp " + hostPort + ": connect: connection refused";
      }
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return "dial tcp: lookup " + uri.getHost() + ": no such host";
      }
      if (t instanceof CertificateException || t.getClass().getName().endsWith("ValidatorException")) {
        String m = String.valueOf(t.getMessage());
        if (m.contains("No subject alternative") || m.contains("No name matching")) {
          return "x509: certificate is not valid for " + uri.getHost();
        }
        if (m.contains("expired") || m.contains("NotAfter")) {
          return "x509: certificate has expired or is not yet valid";
        }
        return "x509: certificate signed by unknown authority";
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        String m = String.valueOf(t.getMessage());
        if (m.contains("Unsupported or unrecognized SSL message") || m.contains("plaintext")) {
          return "http: server gave HTTP response to HTTPS client";
        }
        if (t instanceof SSLHandshakeException) {
          return "tls: " + m;
        }
      }
    }
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      Throwable c = e.getCause();
      m = c != null && c.getMessage() != null ? c.getMessage() : e.getClass().getSimpleName();
    }
    return m;
  }

  private static String hostPort(URI uri) {
    int port = uri.getPort();
    if (port < 0) {
      port = "http".equals(uri.getScheme()) ? 80 : 443;
    }
    return uri.getHost() + ":" + port;
  }
}
