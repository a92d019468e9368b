package io.jpod.core.container;

import io.jpod.core.network.NetworkRequest;
import io.jpod.core.volume.VolumeRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a user asks for when creating a container (podman's specgen): the CLI's flags, and later the
 * REST API's body, both translate into this one record. Absent optionals mean "use the image's or the
 * engine's default".
 *
 * @param image the image name or id; empty when {@code rootfs} is given
 * @param rootfs a host directory to run from instead of an image
 * @param name the container name; empty to generate one
 * @param command the user's command (replaces the image's CMD when not empty)
 * @param entrypoint replaces the image's ENTRYPOINT when present (an empty list clears it)
 * @param env extra environment, KEY=VALUE, applied over the image's
 * @param workingDir replaces the image's WORKDIR
 * @param user replaces the image's USER
 * @param hostname replaces the default hostname (the short id)
 * @param ulimits {@code --ulimit} values (name=soft[:hard])
 * @param network networking flags ({@code --network}, {@code -p}, {@code --dns}...)
 * @param volumes {@code -v}, {@code --mount}, {@code --tmpfs}, {@code --volumes-from}
 * @param pod the pod to join ({@code --pod}); "new:NAME" creates it first
 * @param resources cgroup limits ({@code --memory}, {@code --cpus}...) as typed
 * @param security {@code --privileged}, {@code --security-opt}, {@code --device}... as typed
 * @param supervision restart policy and healthcheck flags as typed
 * @param identity user namespace and passwd entry flags as typed
 * @param secrets {@code --secret} values as typed (NAME[,type=mount|env][,target=...][,uid=,gid=,mode=])
 * @param logOptions {@code --log-opt} values as typed (KEY=VALUE: path, max-size, tag, ...)
 * @param runOptions --tz, --umask, --timeout, --pidfile, --conmon-pidfile, --env-host, --unsetenv
 */
public record ContainerSpec(
    Optional<String> image,
    Optional<String> rootfs,
    Optional<String> name,
    List<String> command,
    Optional<List<String>> entrypoint,
    List<String> env,
    Optional<String> workingDir,
    Optional<String> user,
    Optional<String> hostname,
    boolean tty,
    boolean stdin,
    boolean init,
    boolean autoRemove,
    Map<String, String> labels,
    Map<String, String> annotations,
    Optional<String> stopSignal,
    Optional<Integer> stopTimeout,
    List<String> ulimits,
    NetworkRequest network,
    Optional<String> logDriver,
    List<String> capAdd,
    List<String> capDrop,
    Optional<Long> pidsLimit,
    List<String> createCommand,
    VolumeRequest volumes,
    Optional<String> pod,
    io.jpod.core.resources.ResourceRequest resources,
    io.jpod.core.security.SecurityRequest security,
    io.jpod.core.supervision.SupervisionRequest supervision,
    io.jpod.core.identity.IdentityRequest identity,
    List<String> secrets,
    List<String> logOptions,
    RunOptions runOptions) {

  public ContainerSpec {
    network = network == null ? NetworkRequest.defaults() : network;
    volumes = volumes == null ? VolumeRequest.none() : volumes;
    resources = resources == null ? io.jpod.core.resources.ResourceRequest.none() : resources;
    security = security == null ? io.jpod.core.security.SecurityRequest.none() : security;
    supervision = supervision == null ? io.jpod.core.supervision.SupervisionRequest.none() : supervision;
    identity = identity == null ? io.jpod.core.identity.IdentityRequest.none() : identity;
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    logOptions = logOptions == null ? List.of() : List.copyOf(logOptions);
    runOptions = runOptions == null ? RunOptions.none() : runOptions;
    command = List.copyOf(command);
    env = List.copyOf(env);
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    ulimits = List.copyOf(ulimits);
    capAdd = List.copyOf(capAdd);
    capDrop = List.copyOf(capDrop);
    createCommand = List.copyOf(createCommand);
  }

  /** A spec for running {@code command} in {@code image} with every other setting left default. */
  public static ContainerSpec of(String image, List<String> command) {
    return builder().image(image).command(command).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a spec step by step; the Java API's convenient way in. */
  public static final class Builder {
    private String image;
    private String rootfs;
    private String name;
    private List<String> command = List.of();
    private List<String> entrypoint;
    private List<String> env = List.of();
    private String workingDir;
    private String user;
    private String hostname;
    private boolean tty;
    private boolean stdin;
    private boolean init;
    private boolean autoRemove;
    private Map<String, String> labels = Map.of();
    private Map<String, String> annotations = Map.of();
    private String stopSignal;
    private Integer stopTimeout;
    private List<String> ulimits = List.of();
    private NetworkRequest network = NetworkRequest.defaults();
    private VolumeRequest volumes = VolumeRequest.none();
    private String pod;
    private String logDriver;
    private List<String> capAdd = List.of();
    private List<String> capDrop = List.of();
    private Long pidsLimit;
    private List<String> createCommand = List.of();
    private io.jpod.core.resources.ResourceRequest resources;
    private io.jpod.core.security.SecurityRequest security;
    private io.jpod.core.supervision.SupervisionRequest supervision;
    private io.jpod.core.identity.IdentityRequest identity;
    private List<String> secrets = List.of();
    private List<String> logOptions = List.of();
    private RunOptions runOptions;

    public Builder image(String v) { image = v; return this; }
    public Builder rootfs(String v) { rootfs = v; return this; }
    public Builder name(String v) { name = v; return this; }
    public Builder command(List<String> v) { command = v; return this; }
    public Builder entrypoint(List<String> v) { entrypoint = v; return this; }
    public Builder env(List<String> v) { env = v; return this; }
    public Builder workingDir(String v) { workingDir = v; return this; }
    public Builder user(String v) { user = v; return this; }
    public Builder hostname(String v) { hostname = v; return this; }
    public Builder tty(boolean v) { tty = v; return this; }
    public Builder stdin(boolean v) { stdin = v; return this; }
    public Builder init(boolean v) { init = v; return this; }
    public Builder autoRemove(boolean v) { autoRemove = v; return this; }
    public Builder labels(Map<String, String> v) { labels = v; return this; }
    public Builder annotations(Map<String, String> v) { annotations = v; return this; }
    public Builder stopSignal(String v) { stopSignal = v; return this; }
    public Builder stopTimeout(Integer v) { stopTimeout = v; return this; }
    public Builder ulimits(List<String> v) { ulimits = v; return this; }
    public Builder networkMode(String v) { network = NetworkRequest.of(v); return this; }
    public Builder network(NetworkRequest v) { network = v; return this; }
    public Builder volumes(VolumeRequest v) { volumes = v; return this; }
    public Builder pod(String v) { pod = v; return this; }
    public Builder logDriver(String v) { logDriver = v; return this; }
    public Builder capAdd(List<String> v) { capAdd = v; return this; }
    public Builder capDrop(List<String> v) { capDrop = v; return this; }
    public Builder pidsLimit(Long v) { pidsLimit = v; return this; }
    public Builder createCommand(List<String> v) { createCommand = v; return this; }
    public Builder resources(io.jpod.core.resources.ResourceRequest v) { resources = v; return this; }
    public Builder security(io.jpod.core.security.SecurityRequest v) { security = v; return this; }
    public Builder supervision(io.jpod.core.supervision.SupervisionRequest v) { supervision = v; return this; }
    public Builder identity(io.jpod.core.identity.IdentityRequest v) { identity = v; return this; }
    public Builder secrets(List<String> v) { secrets = v; return this; }
    public Builder logOptions(List<String> v) { logOptions = v; return this; }
    public Builder runOptions(RunOptions v) { runOptions = v; return this; }

    public ContainerSpec build() {
      return new ContainerSpec(
          Optional.ofNullable(image), Optional.ofNullable(rootfs), Optional.ofNullable(name), command,
          Optional.ofNullable(entrypoint), env, Optional.ofNullable(workingDir), Optional.ofNullable(user),
          Optional.ofNullable(hostname), tty, stdin, init, autoRemove, labels, annotations,
          Optional.ofNullable(stopSignal), Optional.ofNullable(stopTimeout), ulimits,
          network, Optional.ofNullable(logDriver), capAdd, capDrop,
          Optional.ofNullable(pidsLimit), createCommand, volumes, Optional.ofNullable(pod), resources, security,
          supervision, identity, secrets, logOptions, runOptions);
    }
  }
}
