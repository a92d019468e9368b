package io.jpod.core.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link RuntimeSpec} with Jackson's streaming generator, field by field, as the record
 * annotations describe it (runtime-spec order; empty values left out where the record says
 * NON_EMPTY, nulls where it says NON_NULL; Go uint64 values unsigned). Every container start writes a
 * config.json, and binding the ~20 spec records by reflection first cost a fresh jpod process tens of
 * milliseconds; {@code SpecJsonTest} checks the output byte for byte against the annotated mapping.
 */
final class SpecJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private SpecJson() {}

  static byte[] write(RuntimeSpec spec) throws IOException {
    var out = new ByteArrayOutputStream(16 * 1024);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      spec(g, spec);
    }
    return out.toByteArray();
  }

  private static void spec(JsonGenerator g, RuntimeSpec s) throws IOException {
    g.writeStartObject();
    string(g, "ociVersion", s.ociVersion());
    if (s.process() != null) {
      g.writeFieldName("process");
      process(g, s.process());
    }
    if (s.root() != null) {
      g.writeFieldName("root");
      g.writeStartObject();
      string(g, "path", s.root().path());
      bool(g, "readonly", s.root().readonly());
      g.writeEndObject();
    }
    string(g, "hostname", s.hostname());
    if (nonEmpty(s.mounts())) {
      g.writeArrayFieldStart("mounts");
      for (RuntimeSpec.Mount m : s.mounts()) {
        g.writeStartObject();
        string(g, "destination", m.destination());
        string(g, "type", m.type());
        string(g, "source", m.source());
        strings(g, "options", m.options());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    map(g, "annotations", s.annotations());
    if (s.linux() != null) {
      g.writeFieldName("linux");
      linux(g, s.linux());
    }
    g.writeEndObject();
  }

  private static void process(JsonGenerator g, RuntimeSpec.Process p) throws IOException {
    g.writeStartObject();
    bool(g, "terminal", p.terminal());
    if (p.user() != null) {
      RuntimeSpec.User u = p.user();
      g.writeObjectFieldStart("user");
      g.writeNumberField("uid", u.uid());
      g.writeNumberField("gid", u.gid());
      if (u.umask() != null) {
        g.writeNumberField("umask", u.umask());
      }
      if (nonEmpty(u.additionalGids())) {
        g.writeArrayFieldStart("additionalGids");
        for (Long gid : u.additionalGids()) {
          longOrNull(g, gid);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    strings(g, "args", p.args());
    strings(g, "env", p.env());
    string(g, "cwd", p.cwd());
    if (p.capabilities() != null) {
      RuntimeSpec.Capabilities c = p.capabilities();
      g.writeObjectFieldStart("capabilities");
      strings(g, "bounding", c.bounding());
      strings(g, "effective", c.effective());
      strings(g, "inheritable", c.inheritable());
      strings(g, "permitted", c.permitted());
      strings(g, "ambient", c.ambient());
      g.writeEndObject();
    }
    if (nonEmpty(p.rlimits())) {
      g.writeArrayFieldStart("rlimits");
      for (RuntimeSpec.Rlimit r : p.rlimits()) {
        g.writeStartObject();
        g.writeStringField("type", r.type());
        g.writeFieldName("hard");
        g.writeNumber(Long.toUnsignedString(r.hard()));
        g.writeFieldName("soft");
        g.writeNumber(Long.toUnsignedString(r.soft()));
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    bool(g, "noNewPrivileges", p.noNewPrivileges());
    if (p.oomScoreAdj() != null) {
      g.writeNumberField("oomScoreAdj", p.oomScoreAdj());
    }
    g.writeEndObject();
  }

  private static void linux(JsonGenerator g, RuntimeSpec.Linux l) throws IOException {
    g.writeStartObject();
    idMappings(g, "uidMappings", l.uidMappings());
    idMappings(g, "gidMappings", l.gidMappings());
    map(g, "sysctl", l.sysctl());
    if (l.resources() != null) {
      g.writeFieldName("resources");
      resources(g, l.resources());
    }
    string(g, "cgroupsPath", l.cgroupsPath());
    if (nonEmpty(l.namespaces())) {
      g.writeArrayFieldStart("namespaces");
      for (RuntimeSpec.Namespace n : l.namespaces()) {
        g.writeStartObject();
        string(g, "type", n.type());
        string(g, "path", n.path());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (nonEmpty(l.devices())) {
      g.writeArrayFieldStart("devices");
      for (RuntimeSpec.Device d : l.devices()) {
        // NON_NULL: empty strings are written
        g.writeStartObject();
        if (d.path() != null) {
          g.writeStringField("path", d.path());
        }
        if (d.type() != null) {
          g.writeStringField("type", d.type());
        }
        g.writeNumberField("major", d.major());
        g.writeNumberField("minor", d.minor());
        if (d.fileMode() != null) {
          g.writeNumberField("fileMode", d.fileMode());
        }
        if (d.uid() != null) {
          g.writeNumberField("uid", d.uid());
        }
        if (d.gid() != null) {
          g.writeNumberField("gid", d.gid());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (l.seccomp() != null) {
      g.writeFieldName("seccomp");
      seccomp(g, l.seccomp());
    }
    strings(g, "maskedPaths", l.maskedPaths());
    strings(g, "readonlyPaths", l.readonlyPaths());
    g.writeEndObject();
  }

  private static void idMappings(JsonGenerator g, String name, List<RuntimeSpec.IdMapping> maps) throws IOException {
    if (!nonEmpty(maps)) {
      return;
    }
    g.writeArrayFieldStart(name);
    for (RuntimeSpec.IdMapping m : maps) {
      g.writeStartObject();
      g.writeNumberField("containerID", m.containerId());
      g.writeNumberField("hostID", m.hostId());
      g.writeNumberField("size", m.size());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void resources(JsonGenerator g, RuntimeSpec.Resources r) throws IOException {
    g.writeStartObject();
    if (nonEmpty(r.devices())) {
      g.writeArrayFieldStart("devices");
      for (RuntimeSpec.DeviceRule d : r.devices()) {
        g.writeStartObject();
        g.writeBooleanField("allow", d.allow());
        string(g, "type", d.type());
        if (d.major() != null) {
          g.writeNumberField("major", d.major());
        }
        if (d.minor() != null) {
          g.writeNumberField("minor", d.minor());
        }
        string(g, "access", d.access());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (r.memory() != null) {
      RuntimeSpec.Memory m = r.memory();
      g.writeObjectFieldStart("memory");
      longField(g, "limit", m.limit());
      longField(g, "reservation", m.reservation());
      longField(g, "swap", m.swap());
      longField(g, "swappiness", m.swappiness());
      if (m.disableOOMKiller() != null) {
        g.writeBooleanField("disableOOMKiller", m.disableOOMKiller());
      }
      g.writeEndObject();
    }
    if (r.cpu() != null) {
      RuntimeSpec.Cpu c = r.cpu();
      g.writeObjectFieldStart("cpu");
      longField(g, "shares", c.shares());
      longField(g, "quota", c.quota());
      longField(g, "period", c.period());
      string(g, "cpus", c.cpus());
      string(g, "mems", c.mems());
      g.writeEndObject();
    }
    if (r.pids() != null) {
      g.writeObjectFieldStart("pids");
      g.writeNumberField("limit", r.pids().limit());
      g.writeEndObject();
    }
    if (r.blockIO() != null) {
      RuntimeSpec.BlockIO b = r.blockIO();
      g.writeObjectFieldStart("blockIO");
      if (b.weight() != null) {
        g.writeNumberField("weight", b.weight());
      }
      throttles(g, "throttleReadBpsDevice", b.throttleReadBpsDevice());
      throttles(g, "throttleWriteBpsDevice", b.throttleWriteBpsDevice());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void throttles(JsonGenerator g, String name, List<RuntimeSpec.ThrottleDevice> list) throws IOException {
    if (!nonEmpty(list)) {
      return;
    }
    g.writeArrayFieldStart(name);
    for (RuntimeSpec.ThrottleDevice t : list) {
      g.writeStartObject();
      g.writeNumberField("major", t.major());
      g.writeNumberField("minor", t.minor());
      g.writeNumberField("rate", t.rate());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void seccomp(JsonGenerator g, RuntimeSpec.Seccomp s) throws IOException {
    g.writeStartObject();
    string(g, "defaultAction", s.defaultAction());
    if (s.defaultErrnoRet() != null) {
      g.writeNumberField("defaultErrnoRet", s.defaultErrnoRet());
    }
    strings(g, "architectures", s.architectures());
    strings(g, "flags", s.flags());
    if (nonEmpty(s.syscalls())) {
      g.writeArrayFieldStart("syscalls");
      for (RuntimeSpec.SyscallRule r : s.syscalls()) {
        g.writeStartObject();
        strings(g, "names", r.names());
        string(g, "action", r.action());
        if (r.errnoRet() != null) {
          g.writeNumberField("errnoRet", r.errnoRet());
        }
        if (nonEmpty(r.args())) {
          g.writeArrayFieldStart("args");
          for (RuntimeSpec.Arg a : r.args()) {
            g.writeStartObject();
            g.writeNumberField("index", a.index());
            g.writeFieldName("value");
            g.writeNumber(Long.toUnsignedString(a.value()));
            if (a.valueTwo() != null) {
              g.writeFieldName("valueTwo");
              g.writeNumber(Long.toUnsignedString(a.valueTwo()));
            }
            if (a.op() != null) {
              g.writeStringField("op", a.op());
            }
            g.writeEndObject();
          }
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  // ---- NON_EMPTY helpers ---------------------------------------------------------------------

  private static void string(JsonGenerator g, String name, String value) throws IOException {
    if (value != null && !value.isEmpty()) {
      g.writeStringField(name, value);
    }
  }

  private static void bool(JsonGenerator g, String name, Boolean value) throws IOException {
    if (value != null) {
      g.writeBooleanField(name, value);
    }
  }

  private static void longField(JsonGenerator g, String name, Long value) throws IOException {
    if (value != null) {
      g.writeNumberField(name, value);
    }
  }

  private static void longOrNull(JsonGenerator g, Long value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else {
      g.writeNumber(value);
    }
  }

  private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
    if (!nonEmpty(values)) {
      return;
    }
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static void map(JsonGenerator g, String name, Map<String, String> values) throws IOException {
    if (values == null || values.isEmpty()) {
      return;
    }
    g.writeObjectFieldStart(name);
    for (var e : values.entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  private static boolean nonEmpty(List<?> list) {
    return list != null && !list.isEmpty();
  }
}
