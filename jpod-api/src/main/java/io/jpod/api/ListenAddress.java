package io.jpod.api;

import io.jpod.common.JpodException;
import java.net.URI;
import java.nio.file.Path;

/** Where the service listens: {@code unix:///path} or {@code tcp://HOST:PORT}. */
public sealed interface ListenAddress {
  String DEFAULT = "unix:///run/podman/podman.sock";

  record Unix(Path path) implements ListenAddress {}

  record Tcp(String host, int port) implements ListenAddress {}

  /**
   * A listening socket handed over by systemd's socket activation. The JVM takes an inherited
   * channel only on fd 0, so bin/jpod moves systemd's fd 3 there before it starts Java.
   */
  record Activated() implements ListenAddress {
    @Override
    public String toString() {
      return "the socket passed by systemd";
    }
  }

  /**
   * Socket activation as sd_listen_fds(3) defines it: {@code LISTEN_PID} is this process and
   * {@code LISTEN_FDS} counts the sockets passed; the service serves on one.
   */
  static java.util.Optional<ListenAddress> activated(java.util.Map<String, String> env, long pid) {
    String fds = env.get("LISTEN_FDS");
    String listenPid = env.get("LISTEN_PID");
    if (fds == null || listenPid == null || !listenPid.strip().equals(Long.toString(pid))) {
      return java.util.Optional.empty();
    }
    if (!fds.strip().equals("1")) {
      throw JpodException.invalid("socket activation passed " + fds + " sockets: only one is supported");
    }
    return java.util.Optional.of(new Activated());
  }

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
