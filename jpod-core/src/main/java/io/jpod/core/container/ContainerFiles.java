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
   * network namespace binds that one's). {@code network} is what the network setup reported, or null;
   * {@code hostAddress} gives the host's address for host.containers.internal when no network has a gateway.
   */
  static void write(ContainerConfig cfg, ContainerPaths paths, Path hostResolvConf, NetworkStatus network,
      boolean networkFiles, java.util.function.Supplier<String> hostAddress) {
    try {
      Files.createDirectories(paths.runDir());
      // podman 4 writes /etc/hostname without a trailing newline.
      Files.writeString(paths.hostnameFile(), cfg.hostname());
      if (networkFiles) {
        if (cfg.network().noHosts()) {
          Files.deleteIfExists(paths.hostsFile());
        } else {
          Files.writeString(paths.hostsFile(), hosts(cfg, Path.of("/etc/hosts"), network, hostAddress));
        }
        if (cfg.networkMode().equals("none")) {
          Files.deleteIfExists(paths.resolvConf()); // podman: no network, no name servers to list
        } else {
          Files.writeString(paths.resolvConf(), resolvConf(cfg, hostResolvConf, network));
        }
      } else {
        Files.deleteIfExists(paths.hostsFile());
        Files.deleteIfExists(paths.resolvConf());
      }
      Files.writeString(paths.containerEnv(), containerEnv(cfg));
      Path zone = cfg.runOptions().timezoneFile();
      if (zone != null) {
        // podman binds a copy: the host's zone file may change or go while the container runs
        Files.copy(zone, paths.localtime(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.deleteIfExists(paths.localtime());
      }
    } catch (IOException e) {
      throw JpodException.system("writing container files in " + paths.runDir() + ": " + e.getMessage(), e);
    }
  }

  /**
   * /run/.containerenv: empty, except in a privileged container, where podman tells the processes what
   * runs them (a privileged process could find it out anyway).
   */
  static String containerEnv(ContainerConfig cfg) {
    if (!cfg.security().privileged()) {
      return "";
    }
    // the podman release whose behaviour jpod follows, as its API version says: tools that read this
    // file want to know which engine's conventions apply
    return "engine=\"podman-" + io.jpod.core.system.SystemInfo.PODMAN_API + "\"\n"
        + "name=\"" + cfg.name() + "\"\n"
        + "id=\"" + cfg.id() + "\"\n"
        + "image=\"" + (cfg.imageName() == null ? "" : cfg.imageName()) + "\"\n"
        + "imageid=\"" + (cfg.imageId() == null ? "" : cfg.imageId()) + "\"\n"
        + "rootless=" + (io.jpod.sys.Ids.getuid() == 0 ? 0 : 1) + "\n";
  }

  /**
   * Gives the rootfs an /etc/mtab (a link to /proc/mounts) when the image has none, as podman does when
   * it mounts a container, so that mount and df work inside. Owned by the container's root; /etc is
   * resolved inside the rootfs, so an image's symlinked /etc cannot point the link outside it.
   */
  static void ensureMtab(ContainerConfig cfg, Path rootfs) {
    try {
      Path etc = io.jpod.core.spec.RootfsPaths.resolve(rootfs, "/etc");
      Path mtab = etc.resolve("mtab");
      if (Files.exists(mtab, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      List<Path> made = new ArrayList<>();
      if (!Files.isDirectory(etc, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(etc);
        Files.setPosixFilePermissions(etc, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        made.add(etc);
      }
      made.add(Files.createSymbolicLink(mtab, Path.of("/proc/mounts")));
      var id = cfg.identity();
      if (id.mapped()) {
        for (Path m : made) {
          Files.setAttribute(m, "unix:uid", (int) io.jpod.sys.IdMap.toHost(id.uidMap(), 0), java.nio.file.LinkOption.NOFOLLOW_LINKS);
          Files.setAttribute(m, "unix:gid", (int) io.jpod.sys.IdMap.toHost(id.gidMap(), 0), java.nio.file.LinkOption.NOFOLLOW_LINKS);
        }
      }
    } catch (java.nio.file.FileAlreadyExistsException e) {
      // made by a concurrent start: fine
    } catch (IOException e) {
      throw JpodException.system("creating /etc/mtab in " + rootfs + ": " + e.getMessage(), e);
    }
  }

  /**
   * podman's /etc/hosts: the --add-host entries, the host's entries, then (own network namespace)
   * {@code host.containers.internal} on the gateway and the container's own address with its
   * hostname and name.
   */
  static String hosts(ContainerConfig cfg, Path hostHosts, NetworkStatus network,
      java.util.function.Supplier<String> localAddress) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String h : cfg.network().addHosts()) {
      int colon = h.indexOf(':');
      sb.append(h.substring(colon + 1)).append('\t').append(h, 0, colon).append('\n');
    }
    boolean any = false;
    if (Files.exists(hostHosts)) {
      for (String line : Files.readAllLines(hostHosts)) {
        String t = line.strip();
        int hash = t.indexOf('#');
        if (hash >= 0) {
          t = t.substring(0, hash).strip();
        }
        String[] f = t.split("\\s+");
        if (t.isEmpty() || f.length < 2) {
          continue;
        }
        sb.append(f[0]).append('\t').append(String.join(" ", java.util.Arrays.asList(f).subList(1, f.length))).append('\n');
        any = true;
      }
    }
    if (!any) {
      sb.append("127.0.0.1\tlocalhost localhost.localdomain localhost4 localhost4.localdomain4\n");
      sb.append("::1\tlocalhost localhost.localdomain localhost6 localhost6.localdomain6\n");
    }
    // podman: one line per address of the first network (IPv4 and IPv6 alike); host.containers.internal
    // is a gateway (IPv4 preferred) or, with none, the host's first global address
    List<String> ips = new ArrayList<>();
    String gateway = null;
    if (network != null) {
      for (var r : network.networks().values()) {
        for (var i : r.interfaces().values()) {
          for (var s : i.subnets()) {
            ips.add(s.ipnet().substring(0, s.ipnet().indexOf('/')));
            if (gateway == null || (gateway.contains(":") && s.gateway() != null && !s.gateway().contains(":"))) {
              gateway = s.gateway();
            }
          }
          break;
        }
        break;
      }
    }
    if (gateway == null) {
      gateway = localAddress.get();
    }
    if (gateway != null) {
      sb.append(gateway).append("\thost.containers.internal\n");
    }
    if (cfg.networkMode().equals("host")) {
      return sb.toString(); // the host's own names are already in it
    }
    if (ips.isEmpty()) {
      ips.add("127.0.0.1");
    }
    for (String ip : ips) {
      sb.append(ip).append('\t').append(cfg.hostname()).append(' ').append(cfg.name()).append('\n');
    }
    return sb.toString();
  }

  /**
   * The host's first global unicast address, IPv4 preferred (podman's GetLocalIP), in interface order;
   * null when it has none.
   */
  static String hostAddress() {
    String v6 = null;
    try {
      var ifaces = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces());
      ifaces.sort(java.util.Comparator.comparingInt(java.net.NetworkInterface::getIndex));
      for (var nif : ifaces) {
        for (var a : java.util.Collections.list(nif.getInetAddresses())) {
          if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isMulticastAddress() || a.isAnyLocalAddress()) {
            continue;
          }
          if (a instanceof java.net.Inet4Address) {
            return a.getHostAddress();
          }
          if (v6 == null) {
            String h = a.getHostAddress();
            int pct = h.indexOf('%');
            v6 = pct < 0 ? h : h.substring(0, pct);
          }
        }
      }
    } catch (java.net.SocketException e) {
      return null;
    }
    return v6;
  }

  /**
   * podman's resolv.conf: --dns servers or the networks' DNS (aardvark-dns on the gateway) followed by
   * the host's servers; --dns-search domains or the networks' (dns.podman) followed by the host's;
   * --dns-option options or the host's. In a private network namespace loopback nameservers cannot
   * be reached, so they are left out as podman does.
   */
  static String resolvConf(ContainerConfig cfg, Path hostResolvConf, NetworkStatus network) throws IOException {
    List<String> hostServers = new ArrayList<>();
    List<String> hostSearch = new ArrayList<>();
    List<String> hostOptions = new ArrayList<>();
    boolean hostNet = cfg.networkMode().equals("host");
    if (Files.exists(hostResolvConf)) {
      for (String line : Files.readAllLines(hostResolvConf)) {
        String[] f = line.strip().split("\\s+");
        if (f.length < 2) {
          continue;
        }
        List<String> rest = java.util.Arrays.asList(f).subList(1, f.length);
        switch (f[0]) {
          case "nameserver" -> {
            if (hostNet || !(f[1].startsWith("127.") || f[1].equals("::1"))) {
              hostServers.add(f[1]);
            }
          }
          case "search", "domain" -> hostSearch.addAll(rest);
          case "options" -> hostOptions.addAll(rest);
          default -> { }
        }
      }
    }
    List<String> netServers = new ArrayList<>();
    List<String> netSearch = new ArrayList<>();
    if (network != null) {
      for (var r : network.networks().values()) {
        r.dnsServerIps().stream().filter(x -> !netServers.contains(x)).forEach(netServers::add);
        r.dnsSearchDomains().stream().filter(x -> !netSearch.contains(x)).forEach(netSearch::add);
      }
    }
    var nc = cfg.network();
    List<String> servers = new ArrayList<>();
    if (!nc.dnsServers().isEmpty()) {
      servers.addAll(nc.dnsServers());
    } else {
      servers.addAll(netServers);
      hostServers.stream().filter(x -> !servers.contains(x)).forEach(servers::add);
    }
    List<String> search = new ArrayList<>();
    if (!nc.dnsSearch().isEmpty()) {
      nc.dnsSearch().stream().filter(x -> !x.equals(".")).forEach(search::add);
    } else {
      search.addAll(netSearch);
      hostSearch.stream().filter(x -> !search.contains(x)).forEach(search::add);
    }
    List<String> opts = nc.dnsOptions().isEmpty() ? hostOptions : nc.dnsOptions();
    StringBuilder sb = new StringBuilder();
    if (!search.isEmpty()) {
      sb.append("search ").append(String.join(" ", search)).append('\n');
    }
    for (String s : servers) {
      sb.append("nameserver ").append(s).append('\n');
    }
    if (!opts.isEmpty()) {
      sb.append("options ").append(String.join(" ", opts)).append('\n');
    }
    return sb.toString();
  }
}
