package io.jpod.cli.pod;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.network.NetworkRequest;
import io.jpod.core.pod.PodSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod pod create}: a new pod with its infra container; prints the pod's id. */
@Command(name = "create", description = "Create a new empty pod")
public final class PodCreateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-n", "--name"}, description = "Assign a name to the pod") String name;
  @Option(names = {"-p", "--publish"}, description = "Publish a container's port, or a range of ports, to the host") List<String> publish = new ArrayList<>();
  @Option(names = {"--network", "--net"}, description = "Connect a container to a network") String network;
  @Option(names = "--share", description = "A comma delimited list of kernel namespaces the pod will share") String share;
  @Option(names = "--infra", arity = "0..1", fallbackValue = "true", defaultValue = "true", description = "Create an infra container associated with the pod to share namespaces with") boolean infra;
  @Option(names = "--infra-command", description = "The command to run on the infra container when the pod is started") String infraCommand;
  @Option(names = "--infra-image", description = "The image of the infra container to associate with the pod") String infraImage;
  @Option(names = "--infra-name", description = "The name used as infra container name") String infraName;
  @Option(names = "--hostname", description = "Set container hostname") String hostname;
  @Option(names = {"-l", "--label"}, description = "Set metadata on pod (default [])") List<String> labels = new ArrayList<>();
  @Option(names = "--add-host", description = "Add a custom host-to-IP mapping (host:ip)") List<String> addHosts = new ArrayList<>();
  @Option(names = "--dns", description = "Set custom DNS servers") List<String> dns = new ArrayList<>();
  @Option(names = "--dns-search", description = "Set custom DNS search domains") List<String> dnsSearch = new ArrayList<>();
  @Option(names = "--dns-option", description = "Set custom DNS options") List<String> dnsOptions = new ArrayList<>();
  @Option(names = "--exit-policy", defaultValue = "continue", description = "Behaviour when the last container exits") String exitPolicy;
  @Option(names = "--pod-id-file", description = "Write the pod ID to the file") String podIdFile;
  @Option(names = "--shm-size", description = "Size of /dev/shm (format: <number>[<unit>], where unit = b (bytes), k (kibibytes), m (mebibytes), or g (gibibytes))") String shmSize;
  @Parameters(arity = "0..1", paramLabel = "NAME") String positionalName;

  public PodCreateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    var engine = ctx.settings().containersConf().engine();
    PodSpec spec = toSpec(commandLine(ctx), engine.infraImage(), engine.infraCommand());
    java.nio.file.Path idFile = podIdFile == null || podIdFile.isEmpty() ? null : java.nio.file.Path.of(podIdFile);
    if (idFile != null && java.nio.file.Files.exists(idFile)) {
      throw JpodException.invalid("pod id file exists. Ensure another pod is not using it or delete " + podIdFile);
    }
    String id = ctx.engine().createPod(spec);
    if (idFile != null) {
      try {
        java.nio.file.Files.writeString(idFile, id);
      } catch (java.io.IOException e) {
        throw JpodException.system("writing pod id file " + podIdFile + ": " + e.getMessage(), e);
      }
    }
    ctx.out().println(id);
    return 0;
  }

  /** Validates the flags into a spec; nothing is created before this succeeds. */
  PodSpec toSpec(List<String> createCommand, String confInfraImage, String confInfraCommand) {
    if (name != null && positionalName != null) {
      throw JpodException.invalid("cannot specify both --name and a positional name");
    }
    String podName = name != null ? name : positionalName;
    if (!infra && (infraCommand != null || infraImage != null || infraName != null)) {
      throw JpodException.invalid("cannot specify --infra-command, --infra-image or --infra-name when --infra=false");
    }
    if (!infra && share != null && !share.isBlank() && !share.equals("none")) {
      throw JpodException.invalid("cannot set share(" + share + ") namespaces without an infra container");
    }
    String image = infraImage != null ? infraImage : confInfraImage;
    NetworkRequest net = new NetworkRequest(Optional.ofNullable(network), publish, false, List.of(), Optional.empty(),
        Optional.empty(), List.of(), dns, dnsSearch, dnsOptions, addHosts, false);
    return new PodSpec(Optional.ofNullable(podName), keyValues(labels), Optional.ofNullable(hostname),
        Optional.ofNullable(share), infra, Optional.ofNullable(image).filter(s -> !s.isEmpty()),
        Optional.ofNullable(infraCommand), Optional.ofNullable(infraName), confInfraCommand, net, exitPolicy,
        List.of(), createCommand, Optional.ofNullable(shmSize));
  }

  static Map<String, String> keyValues(List<String> items) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String kv : items) {
      int eq = kv.indexOf('=');
      if (eq == 0) {
        throw JpodException.invalid("invalid label format: \"" + kv + "\"");
      }
      m.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
    }
    return m;
  }

  static List<String> commandLine(CliContext ctx) {
    List<String> cmd = new ArrayList<>();
    cmd.add(System.getProperty("jpod.launcher", "jpod"));
    cmd.addAll(ctx.globals().argv());
    return cmd;
  }
}
