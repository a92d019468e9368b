package io.jpod.core.network;

import io.jpod.common.JpodException;
import io.jpod.sys.Fd;
import io.jpod.sys.InetListener;
import java.util.ArrayList;
import java.util.List;

/**
 * The published host ports of a starting container, bound by jpod as rootful podman binds them
 * (TCP listening, UDP bound, SO_REUSEADDR) and handed to conmon, which keeps them for the
 * container's lifetime: nothing else on the host can take them while the firewall rules forward
 * their traffic. SCTP is not reserved (podman neither); IPv6 host addresses are left to the rules.
 */
public final class PortReservation implements AutoCloseable {
  private final List<Fd> fds;

  private PortReservation(List<Fd> fds) {
    this.fds = List.copyOf(fds);
  }

  public static PortReservation none() {
    return new PortReservation(List.of());
  }

  /** Binds every host port of {@code ports}; a port in use fails with podman's wording, binding nothing. */
  public static PortReservation bind(List<PortMapping> ports) {
    List<Fd> held = new ArrayList<>();
    try {
      for (PortMapping m : ports) {
        if (!m.protocol().equals("tcp") && !m.protocol().equals("udp")) {
          continue;
        }
        if (!m.hostIp().isEmpty() && !Cidr.isIp(m.hostIp())) {
          continue;
        }
        byte[] addr = address(m.hostIp());
        for (int i = 0; i < m.range(); i++) {
          int port = m.hostPort() + i;
          try {
            held.add(InetListener.bind(m.protocol(), addr, port));
          } catch (InetListener.BindException e) {
            String msg = "cannot listen on the " + m.protocol().toUpperCase() + " port: listen " + m.protocol() + "4 "
                + m.hostIp() + ":" + port + ": bind: " + e.getMessage();
            throw e.errno() == InetListener.EADDRINUSE ? JpodException.conflict(msg) : JpodException.system(msg);
          }
        }
      }
      return new PortReservation(held);
    } catch (RuntimeException e) {
      held.forEach(Fd::close);
      throw e;
    }
  }

  private static byte[] address(String ip) {
    byte[] b = new byte[4];
    if (ip.isEmpty()) {
      return b;
    }
    long v = Cidr.parseIp(ip, ip);
    for (int i = 0; i < 4; i++) {
      b[i] = (byte) (v >>> (24 - 8 * i));
    }
    return b;
  }

  /** The bound sockets, in mapping order, for conmon to inherit. */
  public List<Fd> fds() {
    return fds;
  }

  /** Closes jpod's copies; conmon's keep the ports. */
  @Override
  public void close() {
    fds.forEach(Fd::close);
  }
}
