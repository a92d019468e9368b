package io.jpod.core.pod;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.Rollback;
import io.jpod.core.container.ContainerPlacement;
import io.jpod.core.container.ContainerSpec;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.container.NamespaceConfig;
import io.jpod.core.events.Event;
import io.jpod.core.naming.Ids;
import io.jpod.core.network.NetworkConfig;
import io.jpod.core.state.ContainerRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Pods: create, start, stop, remove and inspect them, and their infra containers. A pod is a state row,
 * a cgroup ({@code /libpod_parent/<podid>}) and, normally, an infra container running catatonit's
 * pause mode whose namespaces the members join; every container operation goes through the container
 * service, so the members behave exactly like other containers.
 */
public final class PodService {
  private final Libpod libpod;

  public PodService(Libpod libpod) {
    this.libpod = libpod;
  }

  // ---- queries ---------------------------------------------------------------------------------

  /** A pod with its containers (states up to date, infra first) and the status podman derives. */
  public record PodView(PodRecord pod, List<ContainerRecord> containers, String status) {
    public Optional<ContainerRecord> infra() {
      return containers.stream().filter(c -> pod.isInfra(c.config().id())).findFirst();
    }
  }

  public PodRecord lookup(String nameOrId) {
    return libpod.state().lookupPod(nameOrId);
  }

  public boolean exists(String nameOrId) {
    try {
      lookup(nameOrId);
      return true;
    } catch (JpodException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  public PodView view(String nameOrId) {
    return view(lookup(nameOrId));
  }

  /** All pods, oldest first. */
  public List<PodView> list() {
    List<PodView> out = new ArrayList<>();
    for (PodRecord p : libpod.state().pods()) {
      out.add(view(p));
    }
    return out;
  }

  private PodView view(PodRecord pod) {
    List<ContainerRecord> ctrs = containersOf(pod);
    return new PodView(pod, ctrs, PodStatus.of(ctrs.stream().map(c -> c.state().status()).toList()));
  }

  /** The pod's containers, infra first, then members oldest first; vanished ones are skipped. */
  public List<ContainerRecord> containersOf(PodRecord pod) {
    List<ContainerRecord> out = new ArrayList<>();
    for (String id : libpod.state().podContainerIds(pod.id())) {
      try {
        ContainerRecord c = libpod.containers().get(id);
        if (pod.isInfra(id)) {
          out.addFirst(c);
        } else {
          out.add(c);
        }
      } catch (JpodException e) {
        if (e.kind() != ErrorKind.NOT_FOUND) {
          throw e;
        }
      }
    }
    return out;
  }

  /** The pod whose infra container this is, if it is one. */
  public Optional<PodRecord> podOfInfra(String podId, String containerId) {
    if (podId == null) {
      return Optional.empty();
    }
    return libpod.state().pod(podId).filter(p -> p.isInfra(containerId));
  }

  // ---- create ----------------------------------------------------------------------------------

  /** Creates a pod (and its infra container); on failure nothing is left behind. */
  public PodRecord create(PodSpec spec) {
    List<String> shared = spec.sharedNamespaces();
    String name = validateName(spec);
    if (!List.of("continue", "stop").contains(spec.exitPolicy())) {
      throw JpodException.invalid("invalid pod exit policy: \"" + spec.exitPolicy() + "\"");
    }
    // podman: a pod that shares nothing ("--share none") needs no infra container to hold namespaces
    boolean infra = spec.infra() && !spec.share().orElse("").strip().equals("none");
    if (!infra && (!spec.network().publish().isEmpty() || spec.network().network().isPresent())) {
      throw JpodException.invalid("you must have an infra container to publish port bindings to the host");
    }
    String netMode = spec.network().network().orElse("bridge");
    if (!spec.network().publish().isEmpty() && List.of("none", "host").contains(netMode)) {
      throw JpodException.invalid("PortMappings can only be used with Bridge or slirp4netns networking");
    }
    spec.shmSize().ifPresent(s -> io.jpod.core.resources.ResourceParser.shmSize(
        new io.jpod.core.resources.ResourceRequest(null, null, null, null, null, null, null, null, null, null, null,
            null, null, List.of(), List.of(), s), 0));
    String id = libpod.ids().newId();
    String parent = "/libpod_parent";
    PodConfig cfg = new PodConfig(id, name, spec.labels(), Instant.now(), spec.createCommand(), shared,
        infra, parent, spec.hostname().orElse(""), spec.exitPolicy());
    PodState st = new PodState(cfg.cgroupPath(), null);
    try (Rollback rb = new Rollback()) {
      libpod.state().addPod(cfg, st);
      rb.add(() -> libpod.state().removePod(id));
      if (libpod.options().cgroupManager().equals("cgroupfs")) {
        libpod.cgroups().createGroup(cfg.cgroupPath());
        rb.add(() -> libpod.cgroups().removeGroup(cfg.cgroupPath()));
      }
      if (infra) {
        String infraId = libpod.containers().create(infraSpec(spec, cfg)).config().id();
        rb.add(() -> libpod.containers().removeWithPod(infraId, true, 0));
        st = st.withInfra(infraId);
        libpod.state().savePodState(id, st);
      }
      rb.commit();
    }
    event("create", cfg);
    return new PodRecord(cfg, st);
  }

  private String validateName(PodSpec spec) {
    String name = spec.name().filter(n -> !n.isEmpty()).orElse(null);
    if (name == null) {
      do {
        name = libpod.ids().newName();
      } while (libpod.state().nameInUse(name));
      return name;
    }
    if (!Ids.validName(name)) {
      throw JpodException.invalid("names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument");
    }
    if (libpod.state().nameInUse(name)) {
      boolean pod = exists(name) && lookup(name).name().equals(name);
      throw JpodException.conflict("adding pod to state: name \"" + name + "\" is in use: "
          + (pod ? "pod" : "container") + " already exists");
    }
    return name;
  }

  private ContainerSpec infraSpec(PodSpec spec, PodConfig pod) {
    String image = spec.infraImage().filter(s -> !s.isEmpty()).orElseGet(() -> new PauseImage(libpod).ensure());
    ContainerSpec.Builder b = ContainerSpec.builder()
        .image(image)
        .name(spec.infraName().filter(s -> !s.isEmpty()).orElse(pod.shortId() + "-infra"))
        .hostname(pod.effectiveHostname())
        .network(pod.shares("net") ? spec.network() : io.jpod.core.network.NetworkRequest.defaults())
        .ulimits(spec.ulimits())
        .pod(pod.id())
        .createCommand(List.of());
    if (spec.shmSize().isPresent()) {
      b.resources(new io.jpod.core.resources.ResourceRequest(null, null, null, null, null, null, null, null, null,
          null, null, null, null, List.of(), List.of(), spec.shmSize().get()));
    }
    if (spec.infraCommand().isPresent()) {
      b.entrypoint(List.of(spec.infraCommand().get().strip().split("\\s+")));
    } else if (spec.infraImage().filter(s -> !s.isEmpty()).isPresent() && !hasCommand(image)) {
      b.entrypoint(List.of(spec.confInfraCommand()));
    }
    return b.build();
  }

  private boolean hasCommand(String image) {
    var store = libpod.store().images();
    var c = store.config(store.lookup(image).id()).config();
    return c != null && ((c.entrypoint() != null && !c.entrypoint().isEmpty()) || (c.cmd() != null && !c.cmd().isEmpty()));
  }

  /**
   * Puts a new container into the pod {@code spec.pod()} names ("new:NAME" creates the pod first, with
   * its undo on {@code rb}): the pod's id, its shared namespaces (joined through the infra container),
   * its cgroup parent and its name as default hostname.
   */
  public ContainerPlacement place(ContainerSpec spec, ContainerPlacement base, Rollback rb) {
    String ref = spec.pod().orElseThrow();
    PodRecord pod;
    if (ref.startsWith("new:")) {
      String name = ref.substring(4);
      if (name.isEmpty()) {
        throw JpodException.invalid("new pod name cannot be empty: invalid argument");
      }
      // podman: the container's network settings (--network, -p, --dns...) become the new pod's
      pod = create(PodSpec.named(name, List.of()).withNetwork(spec.network()));
      String podId = pod.id();
      rb.add(() -> remove(podId, true, 0));
    } else {
      pod = lookup(ref);
    }
    boolean newPod = ref.startsWith("new:");
    PodConfig pc = pod.config();
    String infraId = pod.state().infraContainerId();
    if (pc.infra() && infraId == null) {
      // The pod is being created and this is its infra container: it makes the namespaces.
      return new ContainerPlacement(base.network(), base.mounts(), pc.id(), base.namespaces(), pc.cgroupPath(),
          pc.effectiveHostname());
    }
    NetworkConfig network = base.network();
    if (pc.shares("net")) {
      if (!newPod && (!spec.network().publish().isEmpty() || spec.network().network().isPresent())) {
        throw JpodException.invalid("invalid config provided: published or exposed ports must be defined when the pod"
            + " is created: network cannot be configured when it is shared with a pod");
      }
      network = NetworkConfig.of("container", infraId);
    }
    NamespaceConfig own = base.namespaces();
    NamespaceConfig ns = new NamespaceConfig(
        pc.shares("ipc") ? "container:" + infraId : own.ipc(),
        pc.shares("uts") ? "container:" + infraId : own.uts(),
        pc.shares("pid") ? "container:" + infraId : own.pid());
    return new ContainerPlacement(network, base.mounts(), pc.id(), ns, pc.cgroupPath(),
        pc.shares("uts") ? pc.effectiveHostname() : null);
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  /** Starts the infra container, then every member that is not running. */
  public PodRecord start(String nameOrId) {
    PodView v = view(nameOrId);
    if (v.containers().isEmpty()) {
      throw JpodException.notFound("no containers in pod " + v.pod().id()
          + " have no dependencies, cannot start pod: no such container");
    }
    List<String> errors = new ArrayList<>();
    for (ContainerRecord c : v.containers()) {
      ContainerStatus s = c.state().status();
      if (s == ContainerStatus.RUNNING || s == ContainerStatus.PAUSED) {
        continue;
      }
      try {
        libpod.containers().start(c.config().id());
      } catch (JpodException e) {
        if (e.kind() != ErrorKind.NOT_MODIFIED) {
          errors.add("starting container " + c.config().id() + ": " + e.getMessage());
        }
      }
    }
    fail(errors, v.pod());
    event("start", v.pod().config());
    return v.pod();
  }

  /** Stops the members (in parallel, as podman does), then the infra container. */
  public PodRecord stop(String nameOrId, Integer timeoutSeconds) {
    PodView v = view(nameOrId);
    List<String> errors = new ArrayList<>();
    eachMemberThenInfra(v, c -> libpod.containers().stop(c.config().id(), timeoutSeconds), "stopping", errors);
    fail(errors, v.pod());
    event("stop", v.pod().config());
    return v.pod();
  }

  public PodRecord restart(String nameOrId, Integer timeoutSeconds) {
    stop(nameOrId, timeoutSeconds);
    return start(nameOrId);
  }

  /** Sends {@code signal} to every running container of the pod. */
  public PodRecord kill(String nameOrId, int signal) {
    PodView v = view(nameOrId);
    List<String> errors = new ArrayList<>();
    boolean any = false;
    for (ContainerRecord c : v.containers()) {
      if (c.state().status() != ContainerStatus.RUNNING) {
        continue;
      }
      any = true;
      try {
        libpod.containers().kill(c.config().id(), signal);
      } catch (JpodException e) {
        errors.add("killing container " + c.config().id() + ": " + e.getMessage());
      }
    }
    if (!any) {
      throw JpodException.wrongState("no containers in pod " + v.pod().id() + " are running: pod state improper");
    }
    fail(errors, v.pod());
    event("kill", v.pod().config());
    return v.pod();
  }

  public PodRecord pause(String nameOrId) {
    PodView v = view(nameOrId);
    List<String> errors = new ArrayList<>();
    for (ContainerRecord c : v.containers()) {
      if (c.state().status() == ContainerStatus.RUNNING) {
        try {
          libpod.containers().pause(c.config().id());
        } catch (JpodException e) {
          errors.add("pausing container " + c.config().id() + ": " + e.getMessage());
        }
      }
    }
    fail(errors, v.pod());
    event("pause", v.pod().config());
    return v.pod();
  }

  public PodRecord unpause(String nameOrId) {
    PodView v = view(nameOrId);
    List<String> errors = new ArrayList<>();
    for (ContainerRecord c : v.containers()) {
      if (c.state().status() == ContainerStatus.PAUSED) {
        try {
          libpod.containers().unpause(c.config().id());
        } catch (JpodException e) {
          errors.add("unpausing container " + c.config().id() + ": " + e.getMessage());
        }
      }
    }
    fail(errors, v.pod());
    event("unpause", v.pod().config());
    return v.pod();
  }

  // ---- remove ----------------------------------------------------------------------------------

  /**
   * Removes the pod with its containers (members, then the infra container), its cgroup and its row.
   * Without {@code force} a pod with running or paused containers is refused before anything is
   * removed; with it they are stopped first.
   */
  public void remove(String nameOrId, boolean force, Integer timeoutSeconds) {
    PodView v = view(nameOrId);
    String podId = v.pod().id();
    if (!force) {
      // every container in the way, in podman's multi-error form ("1 error occurred:" and a line each)
      List<String> refused = new ArrayList<>();
      for (ContainerRecord c : v.containers()) {
        if (c.state().status().isAlive()) {
          String cid = c.config().id();
          refused.add("removing container " + cid + " from pod " + podId + ": cannot remove container "
              + cid + " as it is " + c.state().status().cliName()
              + " - running or paused containers cannot be removed without force: container state improper");
        }
      }
      if (!refused.isEmpty()) {
        throw JpodException.conflict(refused.size() + (refused.size() == 1 ? " error occurred:" : " errors occurred:")
            + refused.stream().map(r -> "\n\t* " + r).collect(java.util.stream.Collectors.joining()));
      }
    } else {
      List<String> errors = new ArrayList<>();
      eachMemberThenInfra(v, c -> {
        if (c.state().status().isAlive()) {
          libpod.containers().stop(c.config().id(), timeoutSeconds);
        }
      }, "stopping", errors);
      fail(errors, v.pod());
    }
    for (ContainerRecord c : v.containers()) {
      if (!v.pod().isInfra(c.config().id())) {
        removeQuietly(c.config().id(), timeoutSeconds);
      }
    }
    v.infra().ifPresent(i -> removeQuietly(i.config().id(), timeoutSeconds));
    libpod.state().removePod(podId);
    libpod.cgroups().removeGroup(v.pod().config().cgroupPath());
    event("remove", v.pod().config());
  }

  private void removeQuietly(String ctrId, Integer timeoutSeconds) {
    try {
      libpod.containers().removeWithPod(ctrId, true, timeoutSeconds);
    } catch (JpodException e) {
      if (e.kind() != ErrorKind.NOT_FOUND) {
        throw e; // an --rm member that exited meanwhile is already gone
      }
    }
  }

  /**
   * Removes every stopped or exited pod (podman's PrunePods leaves created ones, which never ran,
   * alone); returns their ids.
   */
  public List<String> prune() {
    List<String> removed = new ArrayList<>();
    for (PodView v : list()) {
      boolean alive = v.containers().stream().anyMatch(c -> c.state().status().isAlive());
      if (!alive && (PodStatus.STOPPED.equals(v.status()) || PodStatus.EXITED.equals(v.status()))) {
        remove(v.pod().id(), true, 0);
        removed.add(v.pod().id());
      }
    }
    return removed;
  }

  /**
   * A container of a pod exited: with {@code --exit-policy stop}, the pod stops once only its infra
   * container is left running (podman's stopPodIfNeeded). Never fails the caller's operation.
   */
  public void afterExit(io.jpod.core.container.ContainerConfig cfg) {
    if (cfg.podId() == null) {
      return;
    }
    try {
      PodRecord pod = libpod.state().pod(cfg.podId()).orElse(null);
      if (pod == null || !pod.config().exitPolicy().equals("stop") || pod.isInfra(cfg.id())
          || pod.state().infraContainerId() == null) {
        return;
      }
      for (String id : libpod.state().podContainerIds(pod.id())) {
        if (!pod.isInfra(id) && !id.equals(cfg.id())
            && libpod.state().container(id).map(c -> c.state().status().isAlive()).orElse(false)) {
          return;
        }
      }
      libpod.containers().stop(pod.state().infraContainerId(), null);
    } catch (JpodException e) {
      // the pod or its infra container went away meanwhile; nothing to stop
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private void eachMemberThenInfra(PodView v, Consumer<ContainerRecord> op, String verb, List<String> errors) {
    List<ContainerRecord> members = v.containers().stream().filter(c -> !v.pod().isInfra(c.config().id())).toList();
    List<Thread> threads = new ArrayList<>();
    List<String> found = java.util.Collections.synchronizedList(new ArrayList<>());
    for (ContainerRecord c : members) {
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          op.accept(c);
        } catch (JpodException e) {
          if (e.kind() != ErrorKind.NOT_FOUND && e.kind() != ErrorKind.NOT_MODIFIED) {
            found.add(verb + " container " + c.config().id() + ": " + e.getMessage());
          }
        }
      }));
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw JpodException.system("interrupted while " + verb + " pod " + v.pod().id());
      }
    }
    errors.addAll(found);
    v.infra().ifPresent(i -> {
      try {
        op.accept(i);
      } catch (JpodException e) {
        if (e.kind() != ErrorKind.NOT_FOUND && e.kind() != ErrorKind.NOT_MODIFIED) {
          errors.add(verb + " container " + i.config().id() + ": " + e.getMessage());
        }
      }
    });
  }

  private static void fail(List<String> errors, PodRecord pod) {
    if (!errors.isEmpty()) {
      throw JpodException.system(String.join("; ", errors));
    }
  }

  private void event(String status, PodConfig pod) {
    libpod.events().write(new Event(null, pod.id(), null, pod.name(), status, Instant.now(), "pod", null));
  }
}
