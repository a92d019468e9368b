package io.jpod.core.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs netavark as podman does: {@code netavark --config RUNDIR --rootless=false --aardvark-binary=…
 * setup|teardown NETNS} with the container's networks, addresses and ports as JSON on stdin.
 */
public final class Netavark {
  private final Path binary;
  private final Path aardvark;
  private final Path runDir;
  private final String logLevel;
  private final Path lockFile;
  private final java.util.concurrent.locks.Lock jvmLock;

  /**
   * {@code lockFile} serialises netavark calls across processes as podman does ({@code
   * <config dir>/netavark.lock}, an fcntl lock podman takes too); {@code jvmLock} does the same within
   * this JVM, where a second fcntl lock on the file would not exclude anything.
   */
  public Netavark(Path binary, Path aardvark, Path runDir, String logLevel, Path lockFile,
      java.util.concurrent.locks.Lock jvmLock) {
    this.binary = binary;
    this.aardvark = aardvark;
    this.runDir = runDir;
    this.logLevel = logLevel;
    this.lockFile = lockFile;
    this.jvmLock = jvmLock;
  }

  /** What netavark needs about one network of the container. */
  public record Attachment(Network network, List<String> staticIps, String staticMac, List<String> aliases, String interfaceName) {}

  public Map<String, NetworkStatus.Result> setup(Path netns, String containerId, String containerName,
      List<PortMapping> ports, List<Attachment> networks) {
    String out = run("setup", netns, input(containerId, containerName, ports, networks));
    return parseResult(out);
  }

  public void teardown(Path netns, String containerId, String containerName, List<PortMapping> ports,
      List<Attachment> networks) {
    run("teardown", netns, input(containerId, containerName, ports, networks));
  }

  static String input(String containerId, String containerName, List<PortMapping> ports, List<Attachment> networks) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("container_id", containerId);
    m.put("container_name", containerName);
    List<Object> pm = new ArrayList<>();
    for (PortMapping p : ports) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("host_ip", p.hostIp());
      x.put("container_port", p.containerPort());
      x.put("host_port", p.hostPort());
      x.put("range", p.range());
      x.put("protocol", p.protocol());
      pm.add(x);
    }
    m.put("port_mappings", pm);
    Map<String, Object> nets = new LinkedHashMap<>();
    Map<String, Object> info = new LinkedHashMap<>();
    for (Attachment a : networks) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("static_ips", a.staticIps());
      if (a.staticMac() != null) {
        o.put("static_mac", a.staticMac());
      }
      o.put("aliases", a.aliases());
      o.put("interface_name", a.interfaceName());
      nets.put(a.network().name(), o);
      info.put(a.network().name(), NetworkJson.toMap(a.network()));
    }
    m.put("networks", nets);
    m.put("network_info", info);
    try {
      return Json.mapper().writeValueAsString(m);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, NetworkStatus.Result> parseResult(String out) {
    Map<String, NetworkStatus.Result> results = new LinkedHashMap<>();
    try {
      JsonNode root = Json.mapper().readTree(out);
      root.fields().forEachRemaining(e -> {
        JsonNode r = e.getValue();
        Map<String, NetworkStatus.Interface> ifs = new LinkedHashMap<>();
        r.path("interfaces").fields().forEachRemaining(i -> {
          List<NetworkStatus.Subnet> subs = new ArrayList<>();
          for (JsonNode s : i.getValue().path("subnets")) {
            subs.add(new NetworkStatus.Subnet(s.path("ipnet").asText(), s.path("gateway").asText(null)));
          }
          ifs.put(i.getKey(), new NetworkStatus.Interface(i.getValue().path("mac_address").asText(""), subs));
        });
        results.put(e.getKey(), new NetworkStatus.Result(strings(r.path("dns_server_ips")), strings(r.path("dns_search_domains")), ifs));
      });
    } catch (IOException e) {
      throw JpodException.system("netavark: cannot parse its output: " + e.getMessage(), e);
    }
    return results;
  }

  private static List<String> strings(JsonNode n) {
    List<String> l = new ArrayList<>();
    n.forEach(x -> l.add(x.asText()));
    return l;
  }

  /**
   * Bridges and iptables chains belong to the host, not to a config dir: a jpod with another config dir
   * (another store, a test) tearing down the last container of a shared bridge would otherwise delete
   * it under a setup in progress. So every jpod also takes one host-wide lock, always before the config
   * dir's (which podman takes too), so the two can never deadlock.
   */
  static final Path HOST_LOCK = Path.of("/run/lock/jpod-netavark.lock");

  /**
   * fcntl locks belong to the process, so two engines in one JVM (a program opening two stores) must
   * take turns before the host lock file: the one piece of process-wide state here, as the lock is.
   */
  private static final java.util.concurrent.locks.ReentrantLock HOST_LOCK_IN_JVM =
      new java.util.concurrent.locks.ReentrantLock();

  private String run(String verb, Path netns, String stdin) {
    HOST_LOCK_IN_JVM.lock();
    jvmLock.lock();
    try {
      Files.createDirectories(HOST_LOCK.getParent());
      Files.createDirectories(lockFile.getParent());
      try (var host = java.nio.channels.FileChannel.open(HOST_LOCK, java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.WRITE);
          var hl = host.lock();
          var ch = java.nio.channels.FileChannel.open(lockFile, java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.WRITE);
          var l = ch.lock()) {
        return runRetryingRaces(verb, netns, stdin);
      }
    } catch (IOException e) {
      throw JpodException.system("netavark: locking " + lockFile + ": " + e.getMessage(), e);
    } finally {
      jvmLock.unlock();
      HOST_LOCK_IN_JVM.unlock();
    }
  }

  /**
   * The lock only excludes netavarks that share this config dir; one working for another config dir
   * (another store, or podman with its own) can create the same host iptables chain between netavark's
   * check and its create, which fails with "Chain already exists". netavark finds the chain on the
   * next try and goes on, so such a race is retried.
   */
  private String runRetryingRaces(String verb, Path netns, String stdin) {
    for (int attempt = 1; ; attempt++) {
      try {
        return runLocked(verb, netns, stdin);
      } catch (JpodException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        boolean race = m.contains("Chain already exists") || m.contains("xtables lock");
        if (!race || attempt >= 4) {
          throw e;
        }
        try {
          Thread.sleep(50L * attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private String runLocked(String verb, Path netns, String stdin) {
    List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--config", runDir.toString(), "--rootless=false"));
    if (aardvark != null) {
      cmd.add("--aardvark-binary=" + aardvark);
    }
    cmd.addAll(List.of(verb, netns.toString()));
    try {
      Files.createDirectories(runDir);
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().put("RUST_LOG", "netavark=" + rustLevel(logLevel));
      pb.redirectError(ProcessBuilder.Redirect.PIPE);
      Process p = pb.start();
      try (var in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      byte[] errBytes;
      String out;
      try (var err = p.getErrorStream(); var o = p.getInputStream()) {
        var errFuture = new java.util.concurrent.CompletableFuture<byte[]>();
        Thread errReader = Thread.ofVirtual().start(() -> {
          try {
            errFuture.complete(err.readAllBytes());
          } catch (IOException e) {
            errFuture.complete(new byte[0]);
          }
        });
        out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
        errReader.join();
        errBytes = errFuture.join();
      }
      int rc = p.waitFor();
      String err = new String(errBytes, StandardCharsets.UTF_8);
      if (!err.isBlank() && (logLevel.equals("debug") || logLevel.equals("trace"))) {
        System.err.print(err);
      }
      if (rc != 0) {
        throw JpodException.system("netavark: " + errorMessage(out, err));
      }
      return out;
    } catch (IOException e) {
      throw JpodException.system("netavark: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw JpodException.system("netavark: interrupted");
    }
  }

  /** netavark reports failures as {"error": "..."} on stdout (stderr holds its log). */
  static String errorMessage(String out, String err) {
    for (String s : List.of(out, err)) {
      String t = s.strip();
      int brace = t.lastIndexOf("{\"error\"");
      if (brace >= 0) {
        try {
          return Json.mapper().readTree(t.substring(brace)).path("error").asText();
        } catch (IOException e) {
          // not JSON after all
        }
      }
    }
    String all = (out + "\n" + err).strip();
    String[] lines = all.split("\n");
    return lines[lines.length - 1].strip();
  }

  private static String rustLevel(String level) {
    return switch (level) {
      case "trace", "debug", "info", "warn", "error" -> level;
      case "warning" -> "warn";
      case "fatal", "panic" -> "error";
      default -> "warn";
    };
  }
}
