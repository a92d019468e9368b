package io.jpod.core.network;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.Rollback;
import io.jpod.core.container.ContainerConfig;
import io.jpod.core.container.ContainerState;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.lock.ObjectLock;
import io.jpod.core.state.ContainerRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import io.jpod.core.network.backend.NetworkBackend;
import io.jpod.core.network.backend.UnknownBackend;
import io.jpod.core.network.backend.cni.CniBackend;
import io.jpod.core.network.backend.cni.CniCache;
import io.jpod.core.network.backend.netavark.NetavarkBackend;

/**
 * Networks and containers' network namespaces: the network commands, and the steps the container
 * lifecycle calls (resolve at create, setup at init, teardown at cleanup, release at removal).
 */
public final class NetworkService {
  private static final Pattern MAC = Pattern.compile("([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}");

  private final Libpod libpod;
  private final NetworkOptions options;
  private final NetworkStore store;
  private final IpamStore ipam;
  private final NetnsManager netns = NetnsManager.system();
  private final java.util.concurrent.locks.ReentrantLock netavarkLock = new java.util.concurrent.locks.ReentrantLock();
  private final NetworkBackend backend;
  private final NetworkBackend netavarkBackend;
  private final NetworkBackend cniBackend;

  public NetworkService(Libpod libpod) {
    this.libpod = libpod;
    this.options = libpod.options().network();
    this.store = new NetworkStore(options);
    this.ipam = new IpamStore(options.runDir());
    this.netavarkBackend = new NetavarkBackend(this::netavark, ipam);
    this.cniBackend = new CniBackend(store, options.cniPluginDirs(), CniCache.system());
    this.backend = switch (options.backend()) {
      case "cni" -> cniBackend;
      case "", "netavark" -> netavarkBackend;
      default -> new UnknownBackend(options.backend());
    };
  }

  /** The backend that set up {@code status}, whichever this jpod is configured with. */
  private NetworkBackend backendOf(NetworkStatus status) {
    if (status == null || status.backend() == null) {
      return status == null ? backend : netavarkBackend;
    }
    return status.backend().equals("cni") ? cniBackend : netavarkBackend;
  }

  /** The backend that wires containers: netavark or cni. */
  public NetworkBackend backend() {
    return backend;
  }

  public NetworkStore store() {
    return store;
  }

  public IpamStore ipam() {
    return ipam;
  }

  public NetworkOptions options() {
    return options;
  }

  // ---- container lifecycle --------------------------------------------------------------------

  /**
   * Validates a create request's networking and resolves it: the mode, the networks (which must
   * exist), static addresses (inside the subnet), ports (random host ports picked now), exposed
   * ports ({@code imageExposed} plus {@code --expose}). Nothing is allocated yet.
   */
  public NetworkConfig resolve(NetworkRequest req, List<String> imageExposed) {
    String value = req.network().filter(s -> !s.isEmpty()).orElse("bridge");
    String mode;
    String target = null;
    List<NetworkAttachment> nets = new ArrayList<>();
    if (value.startsWith("container:")) {
      mode = "container";
      target = libpod.state().lookupContainer(value.substring("container:".length())).config().id();
    } else if (value.startsWith("ns:")) {
      mode = "ns";
      target = value.substring(3);
      if (!Files.exists(Path.of(target))) {
        throw JpodException.invalid("cannot find specified network namespace path: " + target + ": no such file or directory");
      }
    } else if (value.equals("none") || value.equals("host")) {
      mode = value;
    } else if (value.equals("slirp4netns") || value.startsWith("slirp4netns:") || value.equals("pasta")) {
      throw JpodException.invalid(value + " networking is only for rootless containers in jpod");
    } else {
      mode = "bridge";
      List<String> names = new ArrayList<>();
      for (String n : value.split(",")) {
        String name = n.strip();
        if (name.equals("bridge") || name.equals("private") || name.isEmpty()) {
          name = options.defaultNetwork();
        }
        if (!names.contains(name)) {
          names.add(name);
        }
      }
      if (req.ip().isPresent() && names.size() > 1) {
        throw JpodException.invalid("--ip can only be used with a single network");
      }
      if (req.ip6().isPresent() && names.size() > 1) {
        throw JpodException.invalid("--ip6 can only be used with a single network");
      }
      for (int i = 0; i < names.size(); i++) {
        Network net = store.lookup(names.get(i));
        List<String> ips = new ArrayList<>();
        if (req.ip().isPresent()) {
          String ip = req.ip().get();
          if (!Cidr.isIp(ip)) {
            throw JpodException.invalid("\"" + ip + "\" is not an ip address");
          }
          if (net.subnets().stream().noneMatch(s -> IpamStore.contains(s, ip))) {
            throw JpodException.invalid("requested static ip " + ip + " not in any subnet on network " + net.name());
          }
          ips.add(ip);
        }
        if (req.ip6().isPresent()) {
          ips.add(staticIp6(net, req.ip6().get()));
        }
        String mac = req.mac().orElse(null);
        if (mac != null && !MAC.matcher(mac).matches()) {
          throw JpodException.invalid("invalid MAC address " + mac);
        }
        nets.add(new NetworkAttachment(net.name(), ips, mac, req.aliases(), "eth" + i));
      }
    }
    if (!mode.equals("bridge") && req.ip().isPresent()) {
      throw JpodException.invalid("--ip can only be set when the network mode is bridge: invalid argument");
    }
    if (!mode.equals("bridge") && req.ip6().isPresent()) {
      throw JpodException.invalid("--ip6 can only be set when the network mode is bridge: invalid argument");
    }
    if (!mode.equals("bridge") && req.mac().isPresent()) {
      throw JpodException.invalid("--mac-address can only be set when the network mode is bridge: invalid argument");
    }
    if (!mode.equals("bridge") && (!req.publish().isEmpty() || req.publishAll())) {
      // podman's own wording, a plain line on stderr; the container is created without the ports
      System.err.println("Port mappings have been discarded as one of the Host, Container, Pod, and None network modes are in use");
    }
    if (mode.equals("none") && !(req.dns().isEmpty() && req.dnsSearch().isEmpty() && req.dnsOptions().isEmpty())) {
      // a container without a network gets no resolv.conf, so there is nothing for them to go into
      throw JpodException.invalid("conflicting options: dns and the network mode: none");
    }
    for (String d : req.dns()) {
      if (!Cidr.isIp(d) && !d.contains(":")) {
        throw JpodException.invalid(d + " is not an ip address");
      }
    }
    for (String h : req.addHosts()) {
      int colon = h.indexOf(':');
      if (colon <= 0 || colon == h.length() - 1) {
        throw JpodException.invalid("invalid IP address in add-host: \"" + (colon < 0 ? "" : h.substring(colon + 1)) + "\"");
      }
      String ip = h.substring(colon + 1);
      if (!Cidr.isIp(ip) && !ip.contains(":") && !ip.equals("host-gateway")) {
        throw JpodException.invalid("invalid IP address in add-host: \"" + ip + "\"");
      }
    }
    LinkedHashSet<String> exposed = new LinkedHashSet<>();
    for (String e : imageExposed) {
      exposed.addAll(PortSpecs.expose(e));
    }
    for (String e : req.expose()) {
      exposed.addAll(PortSpecs.expose(e));
    }
    List<PortMapping> ports = List.of();
    if (mode.equals("bridge")) {
      ports = PortSpecs.resolve(req.publish(), req.publishAll(), List.copyOf(exposed));
    }
    return new NetworkConfig(mode, target, nets, ports, List.copyOf(exposed), req.publishAll(), req.dns(),
        req.dnsSearch(), req.dnsOptions(), req.addHosts(), req.noHosts());
  }

  /**
   * Creates the container's network namespace and wires it to its networks (init, before the runtime
   * creates the container). Returns null when the runtime should make the namespace itself. Undo
   * steps go on {@code rb}, so a failed start leaves nothing behind.
   */
  public NetworkStatus setup(ContainerConfig cfg, Rollback rb) {
    NetworkConfig nc = cfg.network();
    if (nc.mode().equals("ns")) {
      return NetworkStatus.of(nc.target(), Map.of());
    }
    if (!nc.mode().equals("bridge")) {
      return null;
    }
    if (postConfigured(cfg)) {
      return null; // the runtime makes this one: wired by setupCreated after runtime create
    }
    io.jpod.common.Trace.mark("network setup");
    Path ns = netns.create();
    rb.add(() -> netns.remove(ns));
    return connect(cfg, ns, rb);
  }

  /**
   * Whether the container's network namespace is made by the runtime and wired afterwards, as podman
   * does for a container in a user namespace: a namespace jpod made beforehand would belong to the
   * host's user namespace, and the container (exec, sysfs, net sysctls) could not use it from its own.
   */
  public static boolean postConfigured(ContainerConfig cfg) {
    return cfg.identity().mapped() && cfg.network().mode().equals("bridge");
  }

  /** Wires the network namespace the runtime made for process {@code pid} (see {@link #postConfigured}). */
  public NetworkStatus setupCreated(ContainerConfig cfg, long pid, Rollback rb) {
    io.jpod.common.Trace.mark("network setup");
    Path ns = netns.adopt(Path.of("/proc/" + pid + "/ns/net"));
    rb.add(() -> netns.remove(ns));
    return connect(cfg, ns, rb);
  }

  /** Attaches the namespace to the container's networks through the backend; undone by {@code rb}. */
  private NetworkStatus connect(ContainerConfig cfg, Path ns, Rollback rb) {
    NetworkConfig nc = cfg.network();
    List<NetworkBackend.Wire> wires = new ArrayList<>();
    Map<String, Network> defs = new LinkedHashMap<>();
    for (NetworkAttachment a : nc.networks()) {
      Network net = store.lookup(a.network());
      defs.put(net.name(), net);
      wires.add(wire(cfg, net, a, a.staticIps().isEmpty() ? List.of() : List.of(a.staticIps().getFirst())));
    }
    NetworkBackend.Container ctr = container(cfg, nc.ports());
    Map<String, NetworkStatus.Result> results = backend.setup(ns, ctr, wires);
    rb.add(() -> {
      backend.teardown(ns, ctr, withAddresses(wires, results));
      backend.release(cfg.id(), null);
    });
    io.jpod.common.Trace.mark("network set up");
    return new NetworkStatus(ns.toString(), results, defs, backend.name());
  }

  /**
   * Binds the container's published host ports for conmon to hold while it runs, as rootful podman
   * does. Other running containers' mappings are checked first: their SCTP ports and IPv6 addresses
   * are not held by a socket.
   */
  public PortReservation reservePorts(ContainerConfig cfg) {
    List<PortMapping> mine = cfg.network().ports();
    if (!cfg.network().mode().equals("bridge") || mine.isEmpty()) {
      return PortReservation.none();
    }
    for (ContainerRecord r : libpod.state().containers()) {
      if (r.config().id().equals(cfg.id()) || r.state().network() == null || !r.state().status().isAlive()) {
        continue;
      }
      for (PortMapping o : r.config().network().ports()) {
        for (PortMapping m : mine) {
          boolean sameIp = m.hostIp().isEmpty() || o.hostIp().isEmpty() || m.hostIp().equals(o.hostIp());
          if (sameIp && m.protocol().equals(o.protocol()) && m.hostPort() < o.hostPort() + o.range()
              && o.hostPort() < m.hostPort() + m.range()) {
            int port = Math.max(m.hostPort(), o.hostPort());
            throw JpodException.conflict("cannot listen on the " + m.protocol().toUpperCase() + " port: listen "
                + m.protocol() + "4 " + m.hostIp() + ":" + port + ": bind: address already in use");
          }
        }
      }
    }
    return PortReservation.bind(mine);
  }

  private static NetworkBackend.Wire wire(ContainerConfig cfg, Network net, NetworkAttachment a, List<String> ips) {
    List<String> aliases = new ArrayList<>(a.aliases());
    aliases.add(cfg.id().substring(0, 12));
    return new NetworkBackend.Wire(net, ips, a.staticMac(), aliases, a.interfaceName());
  }

  private static NetworkBackend.Container container(ContainerConfig cfg, List<PortMapping> ports) {
    return new NetworkBackend.Container(cfg.id(), cfg.name(), ports);
  }

  /** The wires with the addresses setup gave them, as teardown needs them. */
  private static List<NetworkBackend.Wire> withAddresses(List<NetworkBackend.Wire> wires, Map<String, NetworkStatus.Result> results) {
    List<NetworkBackend.Wire> out = new ArrayList<>();
    for (NetworkBackend.Wire w : wires) {
      NetworkStatus.Result r = results.get(w.network().name());
      out.add(r == null ? w : new NetworkBackend.Wire(w.network(), addresses(r), w.staticMac(), w.aliases(), w.interfaceName()));
    }
    return out;
  }

  private static List<String> addresses(NetworkStatus.Result r) {
    List<String> ips = new ArrayList<>();
    for (var i : r.interfaces().values()) {
      for (var s : i.subnets()) {
        ips.add(s.ipnet().substring(0, s.ipnet().indexOf('/')));
      }
    }
    return ips;
  }

  /** Undoes {@link #setup} (cleanup after the container stopped); tolerant of parts already gone. */
  public void teardown(ContainerConfig cfg, NetworkStatus status) {
    if (!cfg.network().mode().equals("bridge")) {
      return;
    }
    if (status != null && status.netnsPath() != null) {
      Path ns = Path.of(status.netnsPath());
      List<NetworkBackend.Wire> atts = attachments(cfg, status);
      if (!atts.isEmpty() && Files.exists(ns)) {
        try {
          backendOf(status).teardown(ns, container(cfg, cfg.network().ports()), atts);
        } catch (JpodException e) {
          // podman logs a failed teardown and goes on: the namespace and addresses must still go
          io.jpod.common.Logrus.error("Unable to clean up network for container " + cfg.id() + ": \"" + e.getMessage() + "\"");
        }
      }
      netns.remove(ns);
    }
    backendOf(status).release(cfg.id(), null);
  }

  /** The attachments of a set-up container, with the addresses it got. */
  private List<NetworkBackend.Wire> attachments(ContainerConfig cfg, NetworkStatus status) {
    List<NetworkBackend.Wire> atts = new ArrayList<>();
    for (NetworkAttachment a : cfg.network().networks()) {
      var net = java.util.Optional.ofNullable(status.definitions().get(a.network())).or(() -> store.find(a.network()));
      NetworkStatus.Result r = status.networks().get(a.network());
      if (net.isEmpty() || r == null) {
        continue;
      }
      atts.add(wire(cfg, net.get(), a, addresses(r)));
    }
    return atts;
  }

  /** Forgets whatever the container still holds (removal): address allocations, leftover namespaces. */
  public void release(ContainerConfig cfg) {
    // both: the container may have been wired by a jpod configured with the other backend
    netavarkBackend.release(cfg.id(), null);
    cniBackend.release(cfg.id(), null);
  }

  /** After a reboot: no container holds an address or a CNI attachment any more. */
  public void forgetAll(List<String> containerIds) {
    netavarkBackend.forgetAll(containerIds);
    cniBackend.forgetAll(containerIds);
  }

  Netavark netavark() {
    Path bin = helper("netavark");
    if (bin == null) {
      throw JpodException.system("could not find \"netavark\" in one of " + options.helperDirs()
          + ".  To resolve this error, set the helper_binaries_dir key in the `[engine]` section of containers.conf to the directory containing your helper binaries.");
    }
    return new Netavark(bin, helper("aardvark-dns"), options.runDir(), libpod.options().logLevel(),
        options.configDir().resolve("netavark.lock"), netavarkLock);
  }

  private Path helper(String name) {
    for (String d : options.helperDirs()) {
      Path p = Path.of(d, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  // ---- network commands ------------------------------------------------------------------------

  /** {@code network create}'s request. */
  public record CreateRequest(String name, String driver, List<String> subnets, List<String> gateways,
      List<String> ipRanges, boolean internal, Map<String, String> labels, Map<String, String> options,
      boolean disableDns, boolean ignoreExisting, boolean ipv6) {
    /** Without {@code --ipv6}: IPv6 only where a subnet asks for it. */
    public CreateRequest(String name, String driver, List<String> subnets, List<String> gateways,
        List<String> ipRanges, boolean internal, Map<String, String> labels, Map<String, String> options,
        boolean disableDns, boolean ignoreExisting) {
      this(name, driver, subnets, gateways, ipRanges, internal, labels, options, disableDns, ignoreExisting, false);
    }
  }

  public Network create(CreateRequest req) {
    try (ObjectLock l = libpod.locks().lock("network-config")) {
      return new NetworkCreator(store, options).create(req, libpod.ids().newId());
    }
  }

  /** The containers attached to a network (by name). */
  public List<ContainerRecord> users(Network net) {
    List<ContainerRecord> out = new ArrayList<>();
    for (ContainerRecord r : libpod.state().containers()) {
      if (r.config().network().networks().stream().anyMatch(a -> a.network().equals(net.name()))) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * Removes a network; with {@code force} its containers first (as podman), else an in-use network
   * is a conflict. Returns the removed network.
   */
  public Network remove(String nameOrId, boolean force, Integer timeout) {
    Network net = store.lookup(nameOrId);
    if (net.name().equals(options.defaultNetwork())) {
      throw JpodException.invalid("default network " + net.name() + " cannot be removed");
    }
    List<ContainerRecord> users = users(net);
    if (!users.isEmpty() && !force) {
      throw new JpodException(ErrorKind.CONFLICT, "\"" + net.name()
          + "\" has associated containers with it. Use -f to forcibly delete containers and pods: network is being used");
    }
    for (ContainerRecord r : users) {
      libpod.containers().remove(r.config().id(), true, timeout);
    }
    try (ObjectLock l = libpod.locks().lock("network-config")) {
      store.delete(net);
    }
    backend.removed(net);
    return net;
  }

  /** Removes every network no container uses (never the default); returns their names. */
  public List<String> prune(Map<String, String> labelFilter) {
    List<String> removed = new ArrayList<>();
    for (Network n : store.list()) {
      if (n.name().equals(options.defaultNetwork()) || !users(n).isEmpty()) {
        continue;
      }
      if (labelFilter.entrySet().stream().anyMatch(e -> !e.getValue().equals(n.labels().get(e.getKey()))
          && !(e.getValue().isEmpty() && n.labels().containsKey(e.getKey())))) {
        continue;
      }
      try (ObjectLock l = libpod.locks().lock("network-config")) {
        store.delete(n);
      }
      backend.removed(n);
      removed.add(n.name());
    }
    return removed;
  }

  /** {@code network connect}: adds a network to a container, wiring it at once when it runs. */
  public void connect(String container, String network, List<String> aliases, String ip, String mac) {
    connect(container, network, aliases, ip, null, mac);
  }

  /** An IPv6 address for {@code --ip6}: a v6 literal on one of the network's IPv6 subnets, canonical. */
  private static String staticIp6(Network net, String ip6) {
    if (!Cidr6.isIp(ip6)) {
      throw JpodException.invalid(Cidr.isIp(ip6) ? "\"" + ip6 + "\" is not an IPv6 address" : "\"" + ip6 + "\" is not an ip address");
    }
    if (net.subnets().stream().noneMatch(s -> s.isV6() && s.cidr6().contains(ip6))) {
      throw JpodException.invalid("requested static ip " + ip6 + " not in any subnet on network " + net.name());
    }
    return Cidr6.canonical(ip6);
  }

  /** {@code network connect} with {@code --ip} and {@code --ip6} (each may be null). */
  public void connect(String container, String network, List<String> aliases, String ip, String ip6, String mac) {
    Network net = store.lookup(network);
    String id = libpod.state().lookupContainer(container).config().id();
    try (ObjectLock l = libpod.locks().lock(id)) {
      ContainerRecord rec = libpod.state().lookupContainer(id);
      ContainerConfig cfg = rec.config();
      NetworkConfig nc = cfg.network();
      if (!nc.mode().equals("bridge")) {
        throw JpodException.invalid("network mode \"" + nc.mode() + "\" is not supported: invalid argument");
      }
      if (nc.networks().stream().anyMatch(a -> a.network().equals(net.name()))) {
        throw JpodException.conflict("container " + id + " is already connected to network \"" + net.name() + "\": network already exists");
      }
      if (ip != null && net.subnets().stream().noneMatch(s -> !s.isV6() && s.cidr().contains(ip))) {
        throw JpodException.invalid("requested static ip " + ip + " not in any subnet on network " + net.name());
      }
      List<String> statics = new ArrayList<>();
      if (ip != null) {
        statics.add(ip);
      }
      if (ip6 != null) {
        statics.add(staticIp6(net, ip6));
      }
      List<NetworkAttachment> nets = new ArrayList<>(nc.networks());
      NetworkAttachment a = new NetworkAttachment(net.name(), statics, mac, aliases,
          "eth" + nextInterface(nets));
      nets.add(a);
      ContainerConfig newCfg = cfg.withNetwork(withNetworks(nc, nets));
      ContainerState st = rec.state();
      if (st.status() == ContainerStatus.RUNNING || st.status() == ContainerStatus.PAUSED) {
        if (st.network() == null || st.network().netnsPath() == null) {
          throw JpodException.wrongState("container " + id + " has no network namespace");
        }
        try (Rollback rb = new Rollback()) {
          var att = wire(newCfg, net, a, statics);
          NetworkBackend wiredBy = backendOf(st.network());
          var res = wiredBy.setup(Path.of(st.network().netnsPath()), container(cfg, List.of()), List.of(att));
          rb.add(() -> {
            wiredBy.teardown(Path.of(st.network().netnsPath()), container(cfg, List.of()), withAddresses(List.of(att), res));
            wiredBy.release(id, net.name());
          });
          Map<String, NetworkStatus.Result> all = new LinkedHashMap<>(st.network().networks());
          all.putAll(res);
          Map<String, Network> defs = new LinkedHashMap<>(st.network().definitions());
          defs.put(net.name(), net);
          libpod.state().updateConfig(newCfg);
          libpod.state().saveState(id, st.withNetwork(st.network().with(all, defs)));
          rb.commit();
        }
      } else {
        libpod.state().updateConfig(newCfg);
      }
    }
  }

  /** {@code network disconnect}: removes a network from a container, unwiring it when it runs. */
  public void disconnect(String container, String network) {
    Network net = store.lookup(network);
    String id = libpod.state().lookupContainer(container).config().id();
    try (ObjectLock l = libpod.locks().lock(id)) {
      ContainerRecord rec = libpod.state().lookupContainer(id);
      ContainerConfig cfg = rec.config();
      NetworkConfig nc = cfg.network();
      List<NetworkAttachment> nets = new ArrayList<>(nc.networks());
      if (!nets.removeIf(a -> a.network().equals(net.name()))) {
        throw JpodException.notFound("container " + id + " is not connected to network " + net.name() + ": network not found");
      }
      ContainerState st = rec.state();
      if (st.network() != null && st.network().netnsPath() != null && st.network().networks().containsKey(net.name())) {
        NetworkConfig one = withNetworks(nc, nc.networks().stream().filter(a -> a.network().equals(net.name())).toList());
        var atts = attachments(cfg.withNetwork(one), st.network());
        backendOf(st.network()).teardown(Path.of(st.network().netnsPath()), container(cfg, List.of()), atts);
        Map<String, NetworkStatus.Result> all = new LinkedHashMap<>(st.network().networks());
        all.remove(net.name());
        Map<String, Network> defs = new LinkedHashMap<>(st.network().definitions());
        defs.remove(net.name());
        st = st.withNetwork(st.network().with(all, defs));
      }
      backendOf(st.network()).release(id, net.name());
      libpod.state().updateConfig(cfg.withNetwork(withNetworks(nc, nets)));
      libpod.state().saveState(id, st);
    }
  }

  /**
   * {@code network reload}: sets up the firewall rules of running containers again (after an
   * {@code iptables -F} or a firewalld reload), keeping their addresses. Returns the reloaded ids.
   */
  public String reload(String nameOrId) {
    String id = libpod.state().lookupContainer(nameOrId).config().id();
    try (ObjectLock l = libpod.locks().lock(id)) {
      ContainerRecord rec = libpod.state().lookupContainer(id);
      ContainerState st = rec.state();
      if (st.status() != ContainerStatus.RUNNING && st.status() != ContainerStatus.PAUSED) {
        throw JpodException.wrongState("container " + id + " is not running: container state improper");
      }
      if (!rec.config().network().mode().equals("bridge") || st.network() == null || st.network().netnsPath() == null) {
        return id;
      }
      var atts = keepingMacs(attachments(rec.config(), st.network()), st.network());
      Path ns = Path.of(st.network().netnsPath());
      var ctr = container(rec.config(), rec.config().network().ports());
      NetworkBackend wiredBy = backendOf(st.network());
      try {
        wiredBy.teardown(ns, ctr, atts);
      } catch (JpodException e) {
        // rules already gone is the usual reason to reload
      }
      var res = wiredBy.setup(ns, ctr, atts);
      libpod.state().saveState(id, st.withNetwork(st.network().with(res, st.network().definitions())));
      return id;
    }
  }

  /**
   * The wires with the MAC addresses the interfaces have now, so that setting them up again does not
   * change them: the host's neighbour entry for the address stays right (with another container on
   * the bridge the bridge stays up and keeps it, pointing at a MAC no interface has any more).
   */
  private static List<NetworkBackend.Wire> keepingMacs(List<NetworkBackend.Wire> wires, NetworkStatus status) {
    List<NetworkBackend.Wire> out = new ArrayList<>();
    for (NetworkBackend.Wire w : wires) {
      NetworkStatus.Result r = status.networks().get(w.network().name());
      String mac = w.staticMac();
      if (mac == null && r != null) {
        NetworkStatus.Interface itf = r.interfaces().get(w.interfaceName());
        if (itf == null && r.interfaces().size() == 1) {
          itf = r.interfaces().values().iterator().next();
        }
        mac = itf == null || itf.macAddress() == null || itf.macAddress().isEmpty() ? null : itf.macAddress();
      }
      out.add(new NetworkBackend.Wire(w.network(), w.staticIps(), mac, w.aliases(), w.interfaceName()));
    }
    return out;
  }

  private static int nextInterface(List<NetworkAttachment> nets) {
    int n = 0;
    while (true) {
      String name = "eth" + n;
      if (nets.stream().noneMatch(a -> a.interfaceName().equals(name))) {
        return n;
      }
      n++;
    }
  }

  private static NetworkConfig withNetworks(NetworkConfig nc, List<NetworkAttachment> nets) {
    return new NetworkConfig(nc.mode(), nc.target(), nets, nc.ports(), nc.exposed(), nc.publishAll(), nc.dnsServers(),
        nc.dnsSearch(), nc.dnsOptions(), nc.addHosts(), nc.noHosts());
  }
}
