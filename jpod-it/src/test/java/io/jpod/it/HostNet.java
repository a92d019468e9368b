package io.jpod.it;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The host's network as the network tests inspect it: interfaces, tools' output, bindable ports. */
final class HostNet {
  private HostNet() {}

  /** The ifindex of every host interface (a container's veth peer shows up here). */
  static List<String> ifindexes() {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("/sys/class/net"))) {
      for (Path p : s.toList()) {
        try {
          out.add(Files.readString(p.resolve("ifindex")).strip());
        } catch (IOException e) {
          // interface went away while listing
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  /** Runs a host tool (iptables-save, ip...) and returns its combined output. */
  static String sh(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(30, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Whether a host program could bind the port on all addresses now (SO_REUSEADDR as servers set it). */
  static boolean canBind(int port, boolean udp) {
    try {
      if (udp) {
        try (DatagramSocket d = new DatagramSocket(null)) {
          d.bind(new InetSocketAddress(port));
        }
      } else {
        try (ServerSocket s = new ServerSocket()) {
          s.setReuseAddress(true);
          s.bind(new InetSocketAddress(port));
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
