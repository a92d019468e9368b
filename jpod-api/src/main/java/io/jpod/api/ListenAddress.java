package io.jpod.api;

import io.jpod.common.JpodException;
import java.net.URI;
import java.nio.file.Path;

/** Where the service listens: {@code unix:///path} or {@code tcp://HOST:PORT}. */
public sealed interface ListenAddress {
  String DEFAULT = "unix:///run/podman/podman.sock";

  record Unix(Path path) implements ListenAddress {}

  record Tcp(String host, int port) implements ListenAddress {}

  static ListenAddress parse(String uri) {
    if (uri.startsWith("unix://")) {
      String p = uri.substring("unix://".length());
      if (p.isEmpty() || !p.startsWith("/")) {
        throw JpodException.invalid("unix socket path must be absolute: " + uri);
      }
      return new Unix(Path.of(p));
    }
    if (uri.startsWith("tcp://")) {
      try {
        URI u = URI.create(uri);
        if (u.getHost() == null || u.getPort() < 0) {
          throw JpodException.invalid("tcp address needs HOST:PORT: " + uri);
        }
        return new Tcp(u.getHost(), u.getPort());
      } catch (IllegalArgumentException e) {
        throw JpodException.invalid("invalid address " + uri + ": " + e.getMessage());
      }
    }
    throw JpodException.invalid("API Service endpoint scheme \"" + (uri.contains("://") ? uri.substring(0, uri.indexOf("://")) : uri)
        + "\" is not supported. Try tcp://" + "127.0.0.1:8080 or unix:///path/to/socket");
  }
}
