package io.jpod.core.container;

import io.jpod.common.JpodException;
import io.jpod.core.network.NetworkStatus;
import io.jpod.core.oci.ContainerPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the files libpod bind-mounts into every container: /etc/hostname, /etc/hosts,
 * /etc/resolv.conf and /run/.containerenv, kept in the run-root userdata dir.
 */
final class ContainerFiles {
  private ContainerFiles() {}

  /**
   * Writes the files; hosts and resolv.conf only when {@code networkFiles} (a container sharing another's
   * network namespace binds that one's). {@code network} is what the network setup reported, or null.
   */
  static void write(ContainerConfig cfg, ContainerPaths paths, Path hostResolvConf, NetworkStatus network,
      boolean networkFiles) {
    try {
      Files.createDirectories(paths.runDir());
      // podman 4 writes /etc/hostname without a trailing newline.
      Files.writeString(paths.hostnameFile(), cfg.hostname());
      if (networkFiles) {
        Files.writeString(paths.hostsFile(), hosts(cfg));
        Files.writeString(paths.resolvConf(), resolvConf(cfg, hostResolvConf));
      } else {
        Files.deleteIfExists(paths.hostsFile());
        Files.deleteIfExists(paths.resolvConf());
      }
      Files.writeString(paths.containerEnv(), "");
    } catch (IOException e) {
      throw JpodException.system("writing container files in " + paths.runDir() + ": " + e.getMessage(), e);
    }
  }

  private static String hosts(ContainerConfig cfg) {
    StringBuilder sb = new StringBuilder();
    sb.append("127.0.0.1\tlocalhost localhost.localdomain localhost4 localhost4.localdomain4\n");
    sb.append("::1\tlocalhost localhost.localdomain localhost6 localhost6.localdomain6\n");
    if (!cfg.networkMode().equals("host")) {
      sb.append("127.0.1.1\t").append(cfg.hostname()).append(' ').append(cfg.name()).append('\n');
    }
    return sb.toString();
  }

  /**
   * The host's resolv.conf; in a private network namespace loopback nameservers cannot be reached, so
   * they are left out as podman does.
   */
  private static String resolvConf(ContainerConfig cfg, Path hostResolvConf) throws IOException {
    if (!Files.exists(hostResolvConf)) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(hostResolvConf)) {
      String t = line.strip();
      if (!cfg.networkMode().equals("host") && t.startsWith("nameserver")) {
        String ip = t.substring("nameserver".length()).strip();
        if (ip.startsWith("127.") || ip.equals("::1")) {
          continue;
        }
      }
      out.add(line);
    }
    return out.isEmpty() ? "" : String.join("\n", out) + "\n";
  }
}
