package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.cli.image.PlatformFlags;
import io.jpod.cli.image.RegistryFlags;
import io.jpod.common.JpodException;
import io.jpod.core.container.ContainerSpec;
import io.jpod.core.transfer.ImagePuller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The flags {@code create} and {@code run} share, and their translation into a {@link ContainerSpec}. */
public final class CreateFlags {
  @Option(names = "--name", description = "Assign a name to the container") String name;
  @Option(names = {"-e", "--env"}, description = "Set environment variables in container") List<String> env = new ArrayList<>();
  @Option(names = "--env-file", description = "Read in a file of environment variables") List<String> envFiles = new ArrayList<>();
  @Option(names = "--env-host", description = "Use all current host environment variables in container") boolean envHost;
  @Option(names = "--unsetenv", description = "Unset environment default variables in container") List<String> unsetEnv = new ArrayList<>();
  @Option(names = "--unsetenv-all", description = "Unset all default environment variables in container") boolean unsetEnvAll;
  @Option(names = "--label-file", description = "Read in a line delimited file of labels") List<String> labelFiles = new ArrayList<>();
  @Option(names = "--tz", description = "Set timezone in container") String timezone;
  @Option(names = "--requires", split = ",", description = "Add one or more requirement containers that must be started before this container will start") List<String> requires = new ArrayList<>();
  @Option(names = "--env-merge", description = "Preprocess environment variables from image before injecting them into the container") List<String> envMerge = new ArrayList<>();
  @Option(names = "--pod-id-file", description = "Read the pod ID from the file") String podIdFile;
  @Option(names = "--seccomp-policy", description = "Policy for selecting a seccomp profile (experimental)", defaultValue = "default") String seccompPolicy;
  @Option(names = "--systemd", description = "Run container in systemd mode (\"true\"|\"false\"|\"always\")", defaultValue = "true") String systemd;
  @Option(names = "--init-path", description = "Path to the container-init binary") String initPath;
  @Option(names = "--http-proxy", description = "Set proxy environment variables in the container based on the host proxy vars", arity = "0..1", fallbackValue = "true", defaultValue = "true") boolean httpProxy = true;
  @Option(names = "--umask", description = "Set umask in container") String umask;
  @Option(names = "--timeout", converter = io.jpod.cli.GoFlags.Uint.class, description = "Maximum length of time a container is allowed to run. The container will be killed automatically after the time expires.") Integer timeout;
  @Option(names = "--pidfile", description = "Write the container process ID to the file") String pidFile;
  @Option(names = "--conmon-pidfile", description = "Path to the file that will receive the PID of conmon") String conmonPidFile;
  // docker's flag; podman accepts it and does nothing (image signatures are checked by policy.json)
  @Option(names = "--disable-content-trust", description = "This is a Docker specific option and is a NOOP", arity = "0..1", fallbackValue = "true") boolean disableContentTrust;
  @Option(names = {"-w", "--workdir"}, description = "Working directory inside the container") String workdir;
  @Option(names = {"-u", "--user"}, description = "Username or UID (format: <name|uid>[:<group|gid>])") String user;
  @Option(names = {"-h", "--hostname"}, description = "Set container hostname") String hostname;
  @Option(names = "--entrypoint", description = "Overwrite the default ENTRYPOINT of the image") String entrypoint;
  @Option(names = {"-l", "--label"}, description = "Set metadata on container") List<String> labels = new ArrayList<>();
  @Option(names = "--annotation", description = "Add annotations to container (key=value)") List<String> annotations = new ArrayList<>();
  @Option(names = "--init", description = "Run an init binary inside the container") boolean init;
  @Option(names = "--rootfs", description = "The first argument is not an image but the rootfs to the exploded container") boolean rootfs;
  @Option(names = "--stop-signal", description = "Signal to stop a container. Default is SIGTERM") String stopSignal;
  @Option(names = "--stop-timeout", converter = io.jpod.cli.GoFlags.Uint.class, description = "Timeout (in seconds) that containers stopped by user command have to exit") Integer stopTimeout;
  @Option(names = {"-i", "--interactive"}, description = "Make STDIN available to the contained process") boolean interactive;
  @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY for container") boolean tty;
  @Option(names = "--rm", description = "Remove container (and pod if created) after exit") boolean rm;
  @Option(names = "--cidfile", description = "Write the container ID to the file") String cidFile;
  @Option(names = "--replace", description = "If a container with the same name exists, replace it") boolean replace;
  @Option(names = "--sdnotify", description = "control sd-notify behavior (\"container\"|\"conmon\"|\"ignore\")") String sdNotify;
  @Option(names = "--ulimit", description = "Ulimit options") List<String> ulimits = new ArrayList<>();
  @Option(names = "--pod", description = "Run container in an existing pod (NAME, ID or new:NAME)") String pod;
  @Option(names = "--log-driver", description = "Logging driver for the container") String logDriver;
  @Option(names = "--log-opt", description = "Logging driver options") List<String> logOpts = new ArrayList<>();
  @Option(names = "--cap-add", description = "Add capabilities to the container") List<String> capAdd = new ArrayList<>();
  @Option(names = "--cap-drop", description = "Drop capabilities from the container") List<String> capDrop = new ArrayList<>();

  @Option(names = "--pull", defaultValue = "missing", description = "Pull image policy (always, missing, never, newer)") String pull;
  @Option(names = {"-q", "--quiet"}, description = "Suppress output information when pulling images") boolean quiet;
  @Mixin RegistryFlags registry;
  @Mixin PlatformFlags platform;
  @Mixin NetworkFlags networkFlags;
  @Mixin VolumeFlags volumeFlags;
  @Mixin ResourceFlags resourceFlags;
  @Mixin SecurityFlags securityFlags;
  @Mixin SupervisionFlags supervisionFlags;
  @Mixin SecretFlags secretFlags;
  @Mixin IdentityFlags identityFlags;
  @Option(names = "--shm-size", description = "Size of /dev/shm (format: <number>[<unit>], where unit = b (bytes), k (kibibytes), m (mebibytes), or g (gibibytes))") String shmSize;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "The image (or with --rootfs, the root directory)") String image;
  @Parameters(index = "1..*", paramLabel = "COMMAND", description = "Command and arguments") List<String> command = new ArrayList<>();

  /**
   * podman's {@code --pull} policy before create: {@code missing} pulls only when no local image matches,
   * {@code always} (and {@code newer}, which jpod treats as always) pulls every time, {@code never} fails
   * when the image is not local.
   */
  /**
   * Pulls the image when the pull policy asks for it. An image given with a transport
   * (docker-archive:FILE, oci-archive:FILE, oci:DIR) is then known by the id it was stored under, as
   * in podman; the spec is built again for it and returned, else {@code spec} is.
   */
  public ContainerSpec pullImageIfNeeded(CliContext ctx, ContainerSpec spec, List<String> createCommand) {
    if (rootfs) {
      return spec;
    }
    String policy = pull.toLowerCase(java.util.Locale.ROOT);
    boolean always = switch (policy) {
      case "always", "newer" -> true;
      case "missing", "never" -> false;
      default -> throw JpodException.invalid("unsupported pull policy \"" + pull + "\"");
    };
    boolean transport = !(io.jpod.core.transfer.TransportRef.parse(image) instanceof io.jpod.core.transfer.TransportRef.Plain);
    if (!always && !transport) {
      try {
        ctx.libpod().store().images().lookup(image);
        return spec;
      } catch (JpodException e) {
        if (e.kind() != io.jpod.common.ErrorKind.NOT_FOUND || policy.equals("never")) {
          throw e;
        }
      }
    }
    var pulled = new ImagePuller(ctx.libpod()).pull(image, false, registry.options(ctx, platform.platform(), quiet));
    if (!transport || pulled.isEmpty()) {
      return spec;
    }
    image = pulled.getFirst().id();
    return toSpec(createCommand);
  }

  /**
   * {@code --seccomp-policy image}: podman takes the profile from the image's
   * io.containers.seccomp.profile label and fails when there is none; jpod does not apply such a
   * profile yet, so it refuses both cases rather than run with another profile than asked.
   */
  void checkSeccompPolicy(CliContext ctx, ContainerSpec spec) {
    if (!"image".equals(seccompPolicy) || rootfs) {
      return;
    }
    var cfg = ctx.libpod().images().inspect(spec.image().orElse(image)).config();
    var labels = cfg == null || cfg.config() == null || cfg.config().labels() == null
        ? java.util.Map.<String, String>of() : cfg.config().labels();
    if (!labels.containsKey("io.containers.seccomp.profile")) {
      throw JpodException.invalid("no seccomp policy defined by image");
    }
    throw JpodException.invalid("seccomp profiles from image labels are not supported");
  }

  /**
   * Creates a container through {@code make}, locally or through the service: first removes a container
   * of the same name with {@code --replace}, and writes the new id to the {@code --cidfile} (claimed
   * before anything is made, released if nothing is).
   */
  <T> T create(CliContext ctx, java.util.function.Supplier<T> make, java.util.function.Function<T, String> idOf) {
    java.nio.file.Path cid = cidFile == null ? null : CidFiles.reserve(cidFile);
    try {
      if (replace) {
        try {
          ctx.engine().remove(name, true, null, false);
          ctx.out().println(name); // podman reports the container it replaced
        } catch (JpodException e) {
          if (e.kind() != io.jpod.common.ErrorKind.NOT_FOUND) {
            throw e;
          }
        }
      }
      T made = make.get();
      if (cid != null) {
        CidFiles.write(cid, idOf.apply(made));
      }
      return made;
    } catch (RuntimeException e) {
      if (cid != null) {
        CidFiles.release(cid);
      }
      throw e;
    }
  }

  /**
   * {@code --sdnotify=conmon} under a service manager ({@code $NOTIFY_SOCKET} set, as in the units
   * {@code generate systemd --new} writes): the container runs, so tell the manager it is ready and
   * that conmon is the service's main process.
   */
  void notifyReady(CliContext ctx, String id) {
    String socket = System.getenv("NOTIFY_SOCKET");
    if (!"conmon".equals(sdNotify) || socket == null || socket.isEmpty()) {
      return;
    }
    long conmonPid = ctx.libpod().containers().get(id).state().conmonPid();
    io.jpod.sys.SdNotify.send(socket, "MAINPID=" + conmonPid + "\nREADY=1");
  }

  /** Validates every flag and builds the spec; nothing is created before this succeeds. */
  public ContainerSpec toSpec(List<String> createCommand) {
    if (!List.of("default", "image").contains(seccompPolicy)) {
      throw JpodException.invalid("invalid seccomp policy \"" + seccompPolicy + "\": valid policies are [\"default\" \"image\"]");
    }
    if (!List.of("true", "false", "always").contains(systemd.toLowerCase(java.util.Locale.ROOT))) {
      throw JpodException.invalid("invalid config provided: --systemd values must be one of \"true, false, always\": invalid configuration");
    }
    if (podIdFile != null && !podIdFile.isEmpty()) {
      if (pod != null && !pod.isEmpty()) {
        throw JpodException.invalid("cannot specify both --pod and --pod-id-file");
      }
      try {
        pod = Files.readString(Path.of(podIdFile)).strip();
      } catch (IOException e) {
        throw JpodException.invalid("reading pod ID file: open " + podIdFile + ": no such file or directory");
      }
    }
    if (sdNotify != null && !List.of("container", "conmon", "ignore").contains(sdNotify)) {
      throw JpodException.invalid("invalid config provided: invalid argument: invalid sdnotify value \"" + sdNotify
          + "\": must be container, conmon or ignore");
    }
    if (replace && (name == null || name.isEmpty())) {
      throw JpodException.invalid("cannot replace container without --name being set");
    }
    if (stopTimeout != null && stopTimeout < 0) {
      throw JpodException.invalid("invalid argument \"" + stopTimeout + "\" for \"--stop-timeout\" flag: must be 0 or greater");
    }
    List<String> allEnv = new ArrayList<>();
    for (String f : envFiles) {
      allEnv.addAll(readEnvFile(f));
    }
    allEnv.addAll(env);
    ContainerSpec.Builder b = ContainerSpec.builder();
    if (rootfs) {
      b.rootfs(image);
    } else {
      b.image(image);
    }
    b.name(name).command(command).env(allEnv).workingDir(workdir).user(user).hostname(hostname);
    if (entrypoint != null) {
      b.entrypoint(parseEntrypoint(entrypoint));
    }
    List<String> allLabels = new ArrayList<>();
    for (String f : labelFiles) {
      allLabels.addAll(readLabelFile(f));
    }
    allLabels.addAll(labels);
    b.runOptions(new io.jpod.core.container.RunOptions(timezone, umask, timeout == null ? 0 : timeout,
        absolute(pidFile), absolute(conmonPidFile), envHost, unsetEnv, unsetEnvAll, initPath, httpProxy, requires,
        envMerge));
    return b.tty(tty).stdin(interactive).init(init).autoRemove(rm)
        .labels(keyValues(allLabels, "label")).annotations(keyValues(annotations, "annotation"))
        .stopSignal(stopSignal).stopTimeout(stopTimeout).ulimits(ulimits).network(networkFlags.request())
        .logDriver(logDriver).logOptions(logOpts).capAdd(capAdd).capDrop(capDrop)
        .pidsLimit(resourceFlags.pidsLimit())
        .resources(resourceFlags.request(shmSize))
        .security(securityFlags.request())
        .supervision(supervisionFlags.request(rm))
        .secrets(secretFlags.request())
        .identity(identityFlags.request())
        .createCommand(createCommand)
        .volumes(volumeFlags.request())
        .pod(pod == null || pod.isEmpty() ? null : pod)
        .build();
  }

  /** podman: a JSON array is the exec form; anything else is one word. */
  static List<String> parseEntrypoint(String s) {
    String t = s.strip();
    if (t.startsWith("[")) {
      try {
        return List.of(new com.fasterxml.jackson.databind.ObjectMapper().readValue(t, String[].class));
      } catch (IOException e) {
        throw JpodException.invalid("invalid --entrypoint JSON array: " + s);
      }
    }
    return t.isEmpty() ? List.of() : List.of(s);
  }

  static Map<String, String> keyValues(List<String> items, String what) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String kv : items) {
      int eq = kv.indexOf('=');
      if (eq == 0) {
        throw JpodException.invalid("invalid " + what + " format: \"" + kv + "\"");
      }
      if (eq < 0) {
        m.put(kv, "");
      } else {
        m.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return m;
  }

  /** A path as given on the command line, made absolute against the working directory. */
  private static String absolute(String p) {
    return p == null || p.isEmpty() ? null : Path.of(p).toAbsolutePath().normalize().toString();
  }

  /** {@code --label-file}: KEY=VALUE lines; blank lines and # comments are skipped. */
  static List<String> readLabelFile(String file) {
    return entries(file, "open " + file + ": no such file or directory");
  }

  /** The non-blank, non-comment lines of {@code file}, stripped; {@code missing} when it cannot be read. */
  private static List<String> entries(String file, String missing) {
    try {
      List<String> out = new ArrayList<>();
      for (String line : Files.readAllLines(Path.of(file))) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          out.add(t);
        }
      }
      return out;
    } catch (IOException e) {
      throw JpodException.invalid(missing);
    }
  }

  static List<String> readEnvFile(String file) {
    return entries(file, "parsing env file \"" + file + "\": open " + file + ": no such file or directory");
  }
}
