package io.jpod.core.network.backend.netavark;

import io.jpod.core.Rollback;
import io.jpod.core.network.IpamStore;
import io.jpod.core.network.Netavark;
import io.jpod.core.network.NetworkStatus;
import io.jpod.core.network.backend.NetworkBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * netavark as podman 4 runs it: jpod allocates the addresses ({@link IpamStore}) and netavark applies
 * them, with the firewall rules and aardvark-dns.
 */
public final class NetavarkBackend implements NetworkBackend {
  private final Supplier<Netavark> netavark;
  private final IpamStore ipam;

  /** {@code netavark} is looked up when first needed, so a missing binary only fails the commands that need it. */
  public NetavarkBackend(Supplier<Netavark> netavark, IpamStore ipam) {
    this.netavark = netavark;
    this.ipam = ipam;
  }

  @Override
  public String name() {
    return "netavark";
  }

  @Override
  public Map<String, NetworkStatus.Result> setup(Path netns, Container ctr, List<Wire> networks) {
    try (Rollback rb = new Rollback()) {
      List<Netavark.Attachment> atts = new ArrayList<>();
      for (Wire w : networks) {
        List<String> ips = ipam.allocate(w.network(), ctr.id(), w.staticIps());
        rb.add(() -> ipam.release(ctr.id(), w.network().name()));
        atts.add(new Netavark.Attachment(w.network(), ips, w.staticMac(), w.aliases(), w.interfaceName()));
      }
      Map<String, NetworkStatus.Result> res = netavark.get().setup(netns, ctr.id(), ctr.name(), ctr.ports(), atts);
      rb.commit();
      return res;
    }
  }

  @Override
  public void teardown(Path netns, Container ctr, List<Wire> networks) {
    List<Netavark.Attachment> atts = networks.stream()
        .map(w -> new Netavark.Attachment(w.network(), w.staticIps(), w.staticMac(), w.aliases(), w.interfaceName()))
        .toList();
    netavark.get().teardown(netns, ctr.id(), ctr.name(), ctr.ports(), atts);
  }

  @Override
  public void release(String containerId, String network) {
    ipam.release(containerId, network);
  }

  @Override
  public void forgetAll(List<String> containerIds) {
    ipam.clear();
  }
}
