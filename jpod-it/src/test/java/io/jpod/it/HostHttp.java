package io.jpod.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The host's side of published ports: a free port to publish on, and a GET to 127.0.0.1 that waits for the server. */
final class HostHttp {
  private HostHttp() {}

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** GETs http://127.0.0.1:PORT/PATH, retrying for 20 s while the server in the container starts. */
  static String get(int port, String path) {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    IOException last = null;
    while (System.nanoTime() < end) {
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(2000);
        try (InputStream in = c.getInputStream()) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        last = e;
        try {
          Thread.sleep(200);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw new AssertionError("GET 127.0.0.1:" + port + path + " failed", last);
  }
}
