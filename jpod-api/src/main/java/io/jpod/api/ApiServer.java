package io.jpod.api;

import io.jpod.api.http.ApiHandler;
import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.AbstractNetworkConnector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP/1.1 server under {@code jpod system service}: Jetty on a unix socket (or a TCP port when
 * asked), requests handled on virtual threads, and an idle timer like podman's {@code --time}.
 */
public final class ApiServer implements AutoCloseable {
  private final Server server;
  private final org.eclipse.jetty.server.Connector connector;
  private final ApiHandler handler;
  private final ListenAddress address;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private ApiServer(Server server, org.eclipse.jetty.server.Connector connector, ApiHandler handler, ListenAddress address) {
    this.server = server;
    this.connector = connector;
    this.handler = handler;
    this.address = address;
  }

  public static ApiServer start(ListenAddress address, ApiHandler handler) {
    QueuedThreadPool pool = new QueuedThreadPool(16, 2);
    pool.setName("jpod-api");
    pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    Server server = new Server(pool);
    server.setStopTimeout(2000);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(true);
    // docker-java sends image names with an encoded '/', which Jetty refuses by default
    http.setUriCompliance(UriCompliance.UNSAFE);
    http.setRelativeRedirectAllowed(true);
    HttpConnectionFactory factory = new HttpConnectionFactory(http);
    AbstractNetworkConnector net = null;
    org.eclipse.jetty.server.Connector connector;
    switch (address) {
      case ListenAddress.Unix u -> {
        prepareSocketPath(u.path());
        UnixDomainServerConnector c = new UnixDomainServerConnector(server, 1, 1, factory);
        c.setUnixDomainPath(u.path());
        c.setAcceptQueueSize(256);
        c.setIdleTimeout(300_000);
        connector = c;
      }
      case ListenAddress.Tcp t -> {
        ServerConnector c = new ServerConnector(server, 1, 1, factory);
        c.setHost(t.host());
        c.setPort(t.port());
        c.setAcceptQueueSize(256);
        c.setIdleTimeout(300_000);
        net = c;
        connector = c;
      }
      case ListenAddress.Activated a -> connector = inheritedConnector(server, factory);
    }
    server.addConnector(connector);
    server.setHandler(handler);
    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception ignored) {
        // already failing
      }
      throw JpodException.system("starting API service on " + address + ": " + e.getMessage(), e);
    }
    if (address instanceof ListenAddress.Unix u) {
      try {
        Files.setPosixFilePermissions(u.path(), PosixFilePermissions.fromString("rw-rw----"));
      } catch (IOException e) {
        // the socket still works with the umask's mode
      }
    }
    assert net == null || net.getLocalPort() > 0;
    return new ApiServer(server, connector, handler, address);
  }

  /**
   * A connector on the inherited listening socket: unix or TCP, whichever systemd's socket unit
   * made. Jetty takes the channel from {@link System#inheritedChannel()} itself.
   */
  private static org.eclipse.jetty.server.Connector inheritedConnector(Server server, HttpConnectionFactory factory) {
    java.nio.channels.Channel inherited;
    try {
      inherited = System.inheritedChannel();
    } catch (IOException e) {
      throw JpodException.system("socket activation: reading the inherited socket: " + e.getMessage(), e);
    }
    if (!(inherited instanceof java.nio.channels.ServerSocketChannel ch)) {
      throw JpodException.invalid("socket activation: the inherited file descriptor is not a listening stream socket");
    }
    java.net.SocketAddress local;
    try {
      local = ch.getLocalAddress();
    } catch (IOException e) {
      throw JpodException.system("socket activation: " + e.getMessage(), e);
    }
    if (local instanceof java.net.UnixDomainSocketAddress) {
      UnixDomainServerConnector c = new UnixDomainServerConnector(server, 1, 1, factory);
      c.setInheritChannel(true);
      // Jetty unlinks its path when it stops, but systemd owns this socket and keeps listening on it
      // for the next activation: the connector gets a path that never exists instead of the real one.
      c.setUnixDomainPath(Path.of(System.getProperty("java.io.tmpdir"), "jpod-activated-" + ProcessHandle.current().pid() + ".none"));
      c.setIdleTimeout(300_000);
      return c;
    }
    ServerConnector c = new ServerConnector(server, 1, 1, factory);
    c.setInheritChannel(true);
    c.setIdleTimeout(300_000);
    return c;
  }

  /** A socket file left by a service that died is replaced; a live one is refused. */
  private static void prepareSocketPath(Path path) {
    try {
      Files.createDirectories(path.getParent());
      if (Files.exists(path)) {
        try (var ch = java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(path))) {
          throw JpodException.conflict("another service is listening on " + path);
        } catch (IOException stale) {
          Files.deleteIfExists(path);
        }
      }
    } catch (IOException e) {
      throw JpodException.system("preparing socket " + path + ": " + e.getMessage(), e);
    }
  }

  /** The TCP port actually bound (for tcp://127.0.0.1:0), or -1 on a unix socket. */
  public int port() {
    return connector instanceof ServerConnector c ? c.getLocalPort() : -1;
  }

  /**
   * Serves until {@link #close} or until nothing has happened for {@code idle} (no request running,
   * no connection open); a zero or negative {@code idle} means forever, as podman's {@code --time 0}.
   */
  public void serve(Duration idle) throws InterruptedException {
    if (idle.isZero() || idle.isNegative()) {
      stopped.await();
      return;
    }
    long idleSince = System.nanoTime();
    while (!stopped.await(100, TimeUnit.MILLISECONDS)) {
      boolean busy = handler.active() > 0 || !connector.getConnectedEndPoints().isEmpty();
      if (busy) {
        idleSince = System.nanoTime();
      } else if (System.nanoTime() - idleSince >= idle.toNanos()) {
        return;
      }
    }
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      // stopping is best effort; the socket file goes anyway
    } finally {
      if (address instanceof ListenAddress.Unix u) {
        try {
          Files.deleteIfExists(u.path());
        } catch (IOException e) {
          // nothing more to do
        }
      }
      stopped.countDown();
    }
  }
}
