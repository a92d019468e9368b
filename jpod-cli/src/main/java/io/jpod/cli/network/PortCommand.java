package io.jpod.cli.network;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.network.PortMapping;
import io.jpod.core.state.ContainerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod port CONTAINER [PORT[/PROTO]]}, {@code -a}, {@code -l}: the published ports, one per line. */
@Command(name = "port", description = "List port mappings or a specific mapping for the container")
public final class PortCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-a", "--all"}, description = "Display port information for all containers") boolean all;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest container podman is aware of") boolean latest;
  @Parameters(arity = "0..*", paramLabel = "ARG") List<String> args = new ArrayList<>();

  public PortCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (ctx.remote()) {
      return remote();
    }
    List<ContainerRecord> recs = new ArrayList<>();
    String filter = null;
    if (all) {
      if (args.size() > 1) {
        throw JpodException.invalid("the 'all' and 'latest' options cannot be used with a container");
      }
      filter = args.isEmpty() ? null : args.getFirst();
      recs.addAll(ctx.libpod().containers().list());
    } else if (latest) {
      List<ContainerRecord> l = ctx.libpod().containers().list();
      if (l.isEmpty()) {
        throw JpodException.notFound("no containers to list ports for");
      }
      recs.add(l.getLast());
      filter = args.isEmpty() ? null : args.getFirst();
    } else {
      if (args.isEmpty()) {
        throw JpodException.invalid("you must supply a running container name or id");
      }
      recs.add(ctx.libpod().containers().get(args.getFirst()));
      filter = args.size() > 1 ? args.get(1) : null;
    }
    String port = null;
    String proto = "tcp";
    if (filter != null) {
      int slash = filter.indexOf('/');
      port = slash < 0 ? filter : filter.substring(0, slash);
      proto = slash < 0 ? "tcp" : filter.substring(slash + 1);
    }
    boolean found = false;
    boolean anyRunning = false;
    for (ContainerRecord r : recs) {
      if (r.state().status() != ContainerStatus.RUNNING) {
        continue; // podman lists nothing for a container that is not running, and succeeds
      }
      anyRunning = true;
      for (PortMapping m : r.config().network().ports()) {
        for (int i = 0; i < m.range(); i++) {
          int cp = m.containerPort() + i;
          String hostIp = m.hostIp().isEmpty() ? "0.0.0.0" : m.hostIp();
          String host = hostIp + ":" + (m.hostPort() + i);
          if (port != null) {
            if (String.valueOf(cp).equals(port) && m.protocol().equals(proto)) {
              ctx.out().println(host);
              found = true;
            }
            continue;
          }
          String line = cp + "/" + m.protocol() + " -> " + host;
          ctx.out().println(all ? r.config().id().substring(0, 12) + "\t" + line : line);
          found = true;
        }
      }
    }
    if (port != null && !found && anyRunning) {
      throw JpodException.notFound("failed to find published port \"" + filter + "\"");
    }
    return 0;
  }

  /** The same listing from the service's inspect documents (NetworkSettings.Ports). */
  private int remote() {
    var engine = ctx.engine();
    List<String> ids = new ArrayList<>();
    String filter;
    if (all || latest) {
      if (all && args.size() > 1) {
        throw JpodException.invalid("the 'all' and 'latest' options cannot be used with a container");
      }
      var rows = engine.containers(true);
      if (latest && rows.isEmpty()) {
        throw JpodException.notFound("no containers to list ports for");
      }
      (latest ? rows.subList(0, 1) : rows).forEach(r -> ids.add(String.valueOf(r.get("Id"))));
      filter = args.isEmpty() ? null : args.getFirst();
    } else {
      if (args.isEmpty()) {
        throw JpodException.invalid("you must supply a running container name or id");
      }
      ids.add(args.getFirst());
      filter = args.size() > 1 ? args.get(1) : null;
    }
    String want = filter == null ? null : filter.contains("/") ? filter : filter + "/tcp";
    boolean found = false;
    boolean anyRunning = false;
    for (String id : ids) {
      var doc = engine.inspectContainer(id);
      if (!(doc.get("State") instanceof java.util.Map<?, ?> st) || !Boolean.TRUE.equals(st.get("Running"))) {
        continue;
      }
      anyRunning = true;
      var ns = (java.util.Map<?, ?>) doc.get("NetworkSettings");
      if (ns == null || !(ns.get("Ports") instanceof java.util.Map<?, ?> ports)) {
        continue;
      }
      for (var e : ports.entrySet()) {
        if (!(e.getValue() instanceof List<?> binds)) {
          continue;
        }
        for (Object b : binds) {
          var m = (java.util.Map<?, ?>) b;
          String ip = String.valueOf(m.get("HostIp"));
          String host = (ip.isEmpty() || ip.equals("null") ? "0.0.0.0" : ip) + ":" + m.get("HostPort");
          if (want != null) {
            if (want.equals(e.getKey())) {
              ctx.out().println(host);
              found = true;
            }
            continue;
          }
          String line = e.getKey() + " -> " + host;
          ctx.out().println(all ? String.valueOf(doc.get("Id")).substring(0, 12) + "\t" + line : line);
          found = true;
        }
      }
    }
    if (want != null && !found && anyRunning) {
      throw JpodException.notFound("failed to find published port \"" + filter + "\"");
    }
    return 0;
  }
}
