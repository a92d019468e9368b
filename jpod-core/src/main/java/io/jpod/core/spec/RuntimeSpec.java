package io.jpod.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;

/**
 * The OCI runtime configuration ({@code config.json}), limited to the fields podman 4.3.1 writes for a
 * jpod container. Field names and order follow opencontainers/runtime-spec {@code specs-go/config.go};
 * empty or null fields are omitted like Go's {@code omitempty}. Maps should be sorted maps (Go's
 * encoder writes map keys sorted).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"ociVersion", "process", "root", "hostname", "mounts", "annotations", "linux"})
public record RuntimeSpec(
    @JsonProperty("ociVersion") String ociVersion,
    @JsonProperty("process") Process process,
    @JsonProperty("root") Root root,
    @JsonProperty("hostname") String hostname,
    @JsonProperty("mounts") List<Mount> mounts,
    @JsonProperty("annotations") Map<String, String> annotations,
    @JsonProperty("linux") Linux linux) {

  /** The runtime-spec version runc 1.1.5 and podman 4.3.1 write. */
  public static final String OCI_VERSION = "1.0.2-dev";

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"terminal", "user", "args", "env", "cwd", "capabilities", "rlimits", "noNewPrivileges",
      "oomScoreAdj"})
  public record Process(
      @JsonProperty("terminal") Boolean terminal,
      @JsonProperty("user") User user,
      @JsonProperty("args") List<String> args,
      @JsonProperty("env") List<String> env,
      @JsonProperty("cwd") String cwd,
      @JsonProperty("capabilities") Capabilities capabilities,
      @JsonProperty("rlimits") List<Rlimit> rlimits,
      @JsonProperty("noNewPrivileges") Boolean noNewPrivileges,
      @JsonProperty("oomScoreAdj") Integer oomScoreAdj) {}

  /** uid/gid are always written (0 included); umask and additionalGids only when set. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"uid", "gid", "umask", "additionalGids"})
  public record User(
      @JsonProperty("uid") long uid,
      @JsonProperty("gid") long gid,
      @JsonProperty("umask") Integer umask,
      @JsonProperty("additionalGids") List<Long> additionalGids) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"bounding", "effective", "inheritable", "permitted", "ambient"})
  public record Capabilities(
      @JsonProperty("bounding") List<String> bounding,
      @JsonProperty("effective") List<String> effective,
      @JsonProperty("inheritable") List<String> inheritable,
      @JsonProperty("permitted") List<String> permitted,
      @JsonProperty("ambient") List<String> ambient) {}

  /** A process rlimit; -1 means unlimited and is written as the uint64 maximum. */
  @JsonPropertyOrder({"type", "hard", "soft"})
  public record Rlimit(
      @JsonProperty("type") String type,
      @JsonProperty("hard") @JsonSerialize(using = UnsignedLongSerializer.class) long hard,
      @JsonProperty("soft") @JsonSerialize(using = UnsignedLongSerializer.class) long soft) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"path", "readonly"})
  public record Root(@JsonProperty("path") String path, @JsonProperty("readonly") Boolean readonly) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"destination", "type", "source", "options"})
  public record Mount(
      @JsonProperty("destination") String destination,
      @JsonProperty("type") String type,
      @JsonProperty("source") String source,
      @JsonProperty("options") List<String> options) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"uidMappings", "gidMappings", "sysctl", "resources", "cgroupsPath", "namespaces", "devices",
      "seccomp", "maskedPaths", "readonlyPaths"})
  public record Linux(
      @JsonProperty("uidMappings") List<IdMapping> uidMappings,
      @JsonProperty("gidMappings") List<IdMapping> gidMappings,
      @JsonProperty("sysctl") Map<String, String> sysctl,
      @JsonProperty("resources") Resources resources,
      @JsonProperty("cgroupsPath") String cgroupsPath,
      @JsonProperty("namespaces") List<Namespace> namespaces,
      @JsonProperty("devices") List<Device> devices,
      @JsonProperty("seccomp") Seccomp seccomp,
      @JsonProperty("maskedPaths") List<String> maskedPaths,
      @JsonProperty("readonlyPaths") List<String> readonlyPaths) {
    public Linux(Map<String, String> sysctl, Resources resources, String cgroupsPath, List<Namespace> namespaces,
        Seccomp seccomp, List<String> maskedPaths, List<String> readonlyPaths) {
      this(null, null, sysctl, resources, cgroupsPath, namespaces, null, seccomp, maskedPaths, readonlyPaths);
    }

    public Linux(Map<String, String> sysctl, Resources resources, String cgroupsPath, List<Namespace> namespaces,
        List<Device> devices, Seccomp seccomp, List<String> maskedPaths, List<String> readonlyPaths) {
      this(null, null, sysctl, resources, cgroupsPath, namespaces, devices, seccomp, maskedPaths, readonlyPaths);
    }
  }

  /** One uid or gid mapping of the container's user namespace. */
  @JsonPropertyOrder({"containerID", "hostID", "size"})
  public record IdMapping(
      @JsonProperty("containerID") long containerId,
      @JsonProperty("hostID") long hostId,
      @JsonProperty("size") long size) {}

  /** A device node the runtime creates in the container. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"path", "type", "major", "minor", "fileMode", "uid", "gid"})
  public record Device(
      @JsonProperty("path") String path,
      @JsonProperty("type") String type,
      @JsonProperty("major") long major,
      @JsonProperty("minor") long minor,
      @JsonProperty("fileMode") Integer fileMode,
      @JsonProperty("uid") Long uid,
      @JsonProperty("gid") Long gid) {}

  /** A namespace to create ({@code path} null) or join ({@code path} set). */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"type", "path"})
  public record Namespace(@JsonProperty("type") String type, @JsonProperty("path") String path) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"devices", "memory", "cpu", "pids", "blockIO"})
  public record Resources(
      @JsonProperty("devices") List<DeviceRule> devices,
      @JsonProperty("memory") Memory memory,
      @JsonProperty("cpu") Cpu cpu,
      @JsonProperty("pids") Pids pids,
      @JsonProperty("blockIO") BlockIO blockIO) {
    public Resources(List<DeviceRule> devices, Memory memory, Cpu cpu, Pids pids) {
      this(devices, memory, cpu, pids, null);
    }
  }

  /** Block I/O weight and per-device throttles. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"weight", "throttleReadBpsDevice", "throttleWriteBpsDevice"})
  public record BlockIO(
      @JsonProperty("weight") Integer weight,
      @JsonProperty("throttleReadBpsDevice") List<ThrottleDevice> throttleReadBpsDevice,
      @JsonProperty("throttleWriteBpsDevice") List<ThrottleDevice> throttleWriteBpsDevice) {}

  @JsonPropertyOrder({"major", "minor", "rate"})
  public record ThrottleDevice(
      @JsonProperty("major") long major, @JsonProperty("minor") long minor, @JsonProperty("rate") long rate) {}

  /** A devices-cgroup rule; {@code allow} is always written, the rest only when set. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"allow", "type", "major", "minor", "access"})
  public record DeviceRule(
      @JsonProperty("allow") boolean allow,
      @JsonProperty("type") String type,
      @JsonProperty("major") Long major,
      @JsonProperty("minor") Long minor,
      @JsonProperty("access") String access) {}

  /** Memory limits in bytes (swap -1: unlimited). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"limit", "reservation", "swap", "swappiness", "disableOOMKiller"})
  public record Memory(
      @JsonProperty("limit") Long limit,
      @JsonProperty("reservation") Long reservation,
      @JsonProperty("swap") Long swap,
      @JsonProperty("swappiness") Long swappiness,
      @JsonProperty("disableOOMKiller") Boolean disableOOMKiller) {}

  /** CFS limits and cpuset. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"shares", "quota", "period", "cpus", "mems"})
  public record Cpu(
      @JsonProperty("shares") Long shares,
      @JsonProperty("quota") Long quota,
      @JsonProperty("period") Long period,
      @JsonProperty("cpus") String cpus,
      @JsonProperty("mems") String mems) {}

  @JsonPropertyOrder({"limit"})
  public record Pids(@JsonProperty("limit") long limit) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"defaultAction", "defaultErrnoRet", "architectures", "flags", "syscalls"})
  public record Seccomp(
      @JsonProperty("defaultAction") String defaultAction,
      @JsonProperty("defaultErrnoRet") Integer defaultErrnoRet,
      @JsonProperty("architectures") List<String> architectures,
      @JsonProperty("flags") List<String> flags,
      @JsonProperty("syscalls") List<SyscallRule> syscalls) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"names", "action", "errnoRet", "args"})
  public record SyscallRule(
      @JsonProperty("names") List<String> names,
      @JsonProperty("action") String action,
      @JsonProperty("errnoRet") Integer errnoRet,
      @JsonProperty("args") List<Arg> args) {}

  /** A syscall argument condition; {@code valueTwo} 0 is normalised to null (Go omits it). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"index", "value", "valueTwo", "op"})
  public record Arg(
      @JsonProperty("index") int index,
      @JsonProperty("value") @JsonSerialize(using = UnsignedLongSerializer.class) long value,
      @JsonProperty("valueTwo") @JsonSerialize(using = UnsignedLongSerializer.class) Long valueTwo,
      @JsonProperty("op") String op) {
    public Arg {
      if (valueTwo != null && valueTwo == 0L) {
        valueTwo = null;
      }
    }
  }
}
