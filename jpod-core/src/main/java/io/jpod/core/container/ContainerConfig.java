package io.jpod.core.container;

import io.jpod.core.network.NetworkConfig;
import io.jpod.core.resources.ResourceConfig;
import io.jpod.core.volume.MountConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything fixed when a container is created. Stored as JSON in the state database and never changed
 * afterwards, except by {@code rename} (which replaces the name).
 *
 * @param id 64 hex characters
 * @param name unique among containers
 * @param imageId the image's id (64 hex), or null when the container runs from {@code --rootfs}
 * @param imageName the name the user gave for the image (or the rootfs path)
 * @param rootfs a host directory used as the root filesystem ({@code --rootfs}), else null
 * @param entrypoint the entrypoint in effect (image or {@code --entrypoint})
 * @param command the command in effect (image CMD or the user's arguments)
 * @param env the full environment, KEY=VALUE, in order
 * @param workingDir the process's working directory (never empty: "/" by default)
 * @param user "uid[:gid]" or a name, as given; empty means root
 * @param hostname the container's hostname
 * @param tty allocate a pseudo terminal ({@code -t})
 * @param stdin keep stdin open ({@code -i})
 * @param init run catatonit as PID 1 ({@code --init})
 * @param initPath the host path of the init binary when {@code init} is set
 * @param autoRemove remove the container when it exits ({@code --rm})
 * @param labels {@code -l} labels merged over the image's
 * @param annotations extra OCI annotations
 * @param stopSignal the signal number {@code stop} sends first
 * @param stopTimeout seconds {@code stop} waits before SIGKILL
 * @param runtime the OCI runtime's name (runc, crun)
 * @param logDriver k8s-file, none or passthrough
 * @param logPath the k8s-file log path
 * @param logSizeMax the log size limit in bytes, or -1
 * @param rlimits the process rlimits, already clamped to the host's hard limits
 * @param capabilities the capability set (bounding = effective = permitted)
 * @param noNewPrivileges set no_new_privs on the process
 * @param pidsLimit pids cgroup limit, 0 for none
 * @param cgroupParent the cgroup parent for cgroupfs ("/libpod_parent" by default)
 * @param cgroupsMode enabled, disabled, no-conmon or split
 * @param shmSize bytes of the /dev/shm tmpfs
 * @param sysctls namespaced sysctls to set
 * @param network the container's networking (mode, networks, ports, DNS)
 * @param seccompProfile path of the seccomp profile JSON, "unconfined", or empty for the default
 * @param created when the container was created
 * @param createCommand the command line that created it, as podman records it
 * @param mounts volumes, bind mounts and tmpfs mounts, in the order they are mounted
 * @param podId the pod the container belongs to, or null
 * @param namespaces the ipc, uts and pid namespace modes
 * @param resources cgroup limits (memory, cpu, cpuset, blkio); pids stay in {@code pidsLimit}
 * @param security privileged, read-only root, devices, extra groups, masks
 * @param supervision restart policy and healthcheck
 * @param identity user namespace mappings, passwd entry
 * @param secrets the secrets mounted or exported into the container
 * @param logOptions {@code --log-opt} settings besides path and max-size (which have their fields):
 *     tag, and any other key, kept for inspect
 * @param runOptions timezone, umask, timeout, pid files, and the environment switches it was made with
 */
public record ContainerConfig(
    String id,
    String name,
    String imageId,
    String imageName,
    String rootfs,
    List<String> entrypoint,
    List<String> command,
    List<String> env,
    String workingDir,
    String user,
    String hostname,
    boolean tty,
    boolean stdin,
    boolean init,
    String initPath,
    boolean autoRemove,
    Map<String, String> labels,
    Map<String, String> annotations,
    int stopSignal,
    int stopTimeout,
    String runtime,
    String logDriver,
    String logPath,
    long logSizeMax,
    List<Rlimit> rlimits,
    List<String> capabilities,
    boolean noNewPrivileges,
    long pidsLimit,
    String cgroupParent,
    String cgroupsMode,
    long shmSize,
    Map<String, String> sysctls,
    NetworkConfig network,
    String seccompProfile,
    Instant created,
    List<String> createCommand,
    List<MountConfig> mounts,
    String podId,
    NamespaceConfig namespaces,
    ResourceConfig resources,
    io.jpod.core.security.SecurityConfig security,
    io.jpod.core.supervision.SupervisionConfig supervision,
    io.jpod.core.identity.IdentityConfig identity,
    List<io.jpod.core.secret.SecretUse> secrets,
    Map<String, String> logOptions,
    RunOptions runOptions) {

  public ContainerConfig {
    entrypoint = List.copyOf(entrypoint);
    command = List.copyOf(command);
    env = List.copyOf(env);
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    rlimits = List.copyOf(rlimits);
    capabilities = List.copyOf(capabilities);
    sysctls = Map.copyOf(sysctls);
    createCommand = List.copyOf(createCommand);
    mounts = mounts == null ? List.of() : List.copyOf(mounts);
    network = network == null ? NetworkConfig.of("none", null) : network;
    namespaces = namespaces == null ? NamespaceConfig.privateAll() : namespaces;
    resources = resources == null ? ResourceConfig.none() : resources;
    security = security == null ? io.jpod.core.security.SecurityConfig.none() : security;
    supervision = supervision == null ? io.jpod.core.supervision.SupervisionConfig.none() : supervision;
    identity = identity == null ? io.jpod.core.identity.IdentityConfig.none() : identity;
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    logOptions = logOptions == null ? Map.of() : Map.copyOf(logOptions);
    runOptions = runOptions == null ? RunOptions.none() : runOptions;
  }

  /**
   * The capabilities the container's process starts with (effective and permitted): its whole set when
   * it runs as root ("", "root" or "0" as given), else only those --cap-add named, as podman's.
   */
  public List<String> effectiveCapabilities() {
    return userIsRoot() ? capabilities : security.userCaps();
  }

  /** Whether the user as given names root ("", "root" or "0"), podman's test for the capability sets. */
  public boolean userIsRoot() {
    String u = user == null ? "" : user;
    int colon = u.indexOf(':');
    String name = colon < 0 ? u : u.substring(0, colon);
    return name.isEmpty() || name.equals("root") || name.equals("0");
  }

  /** Whether conmon writes the k8s-file log (k8s-file, or json-file, podman's alias), which logs reads. */
  public boolean logsToFile() {
    return logDriver.equals("k8s-file") || logDriver.equals("json-file");
  }

  /** The network mode: bridge, none, host, container or ns. */
  public String networkMode() {
    return network.mode();
  }

  /**
   * The containers this one needs running first (whose namespaces it joins), in no particular order;
   * they cannot be removed while this container exists.
   */
  public List<String> dependencies() {
    var deps = new java.util.LinkedHashSet<String>();
    if (network.joinsContainer()) {
      deps.add(network.target());
    }
    for (String mode : List.of(namespaces.ipc(), namespaces.uts(), namespaces.pid())) {
      String target = NamespaceConfig.joinedContainer(mode);
      if (target != null) {
        deps.add(target);
      }
    }
    deps.addAll(runOptions.requires());
    deps.remove(id);
    return List.copyOf(deps);
  }

  /** The argv of the container's process: entrypoint followed by command. */
  public List<String> processArgs() {
    var args = new java.util.ArrayList<String>(entrypoint);
    args.addAll(command);
    return List.copyOf(args);
  }

  /** The first 12 characters of the id, as podman shows it. */
  public String shortId() {
    return id.substring(0, 12);
  }

  public ContainerConfig withName(String newName) {
    return new ContainerConfig(
        id, newName, imageId, imageName, rootfs, entrypoint, command, env, workingDir, user, hostname,
        tty, stdin, init, initPath, autoRemove, labels, annotations, stopSignal, stopTimeout, runtime,
        logDriver, logPath, logSizeMax, rlimits, capabilities, noNewPrivileges, pidsLimit, cgroupParent,
        cgroupsMode, shmSize, sysctls, network, seccompProfile, created, createCommand, mounts, podId, namespaces, resources, security,
        supervision, identity, secrets, logOptions, runOptions);
  }

  /** The same config with other networking ({@code network connect/disconnect}). */
  public ContainerConfig withNetwork(NetworkConfig newNetwork) {
    return new ContainerConfig(
        id, name, imageId, imageName, rootfs, entrypoint, command, env, workingDir, user, hostname,
        tty, stdin, init, initPath, autoRemove, labels, annotations, stopSignal, stopTimeout, runtime,
        logDriver, logPath, logSizeMax, rlimits, capabilities, noNewPrivileges, pidsLimit, cgroupParent,
        cgroupsMode, shmSize, sysctls, newNetwork, seccompProfile, created, createCommand, mounts, podId, namespaces, resources, security,
        supervision, identity, secrets, logOptions, runOptions);
  }

  /** The same config with other limits ({@code update}). */
  public ContainerConfig withResources(ResourceConfig newResources, long newPidsLimit) {
    return new ContainerConfig(
        id, name, imageId, imageName, rootfs, entrypoint, command, env, workingDir, user, hostname,
        tty, stdin, init, initPath, autoRemove, labels, annotations, stopSignal, stopTimeout, runtime,
        logDriver, logPath, logSizeMax, rlimits, capabilities, noNewPrivileges, newPidsLimit, cgroupParent,
        cgroupsMode, shmSize, sysctls, network, seccompProfile, created, createCommand, mounts, podId, namespaces,
        newResources, security, supervision, identity, secrets, logOptions, runOptions);
  }

  /** The same config with another restart policy or healthcheck ({@code docker update --restart}). */
  public ContainerConfig withSupervision(io.jpod.core.supervision.SupervisionConfig newSupervision) {
    return new ContainerConfig(
        id, name, imageId, imageName, rootfs, entrypoint, command, env, workingDir, user, hostname,
        tty, stdin, init, initPath, autoRemove, labels, annotations, stopSignal, stopTimeout, runtime,
        logDriver, logPath, logSizeMax, rlimits, capabilities, noNewPrivileges, pidsLimit, cgroupParent,
        cgroupsMode, shmSize, sysctls, network, seccompProfile, created, createCommand, mounts, podId, namespaces,
        resources, security, newSupervision, identity, secrets, logOptions, runOptions);
  }

  /** One process rlimit, e.g. type RLIMIT_NOFILE. */
  public record Rlimit(String type, long soft, long hard) {}
}
