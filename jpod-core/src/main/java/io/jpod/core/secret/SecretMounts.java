package io.jpod.core.secret;

import io.jpod.common.JpodException;
import io.jpod.core.spec.RuntimeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a container's secrets become, as in podman 4.3.1: at create, each mounted secret's data is
 * copied to {@code userdata/secrets/NAME} (owner and mode from {@code --secret}) and bind-mounted from
 * there at every start, so removing the secret later does not break the container; env secrets are read
 * from the store at every start and set in the process environment (which exec inherits).
 */
public final class SecretMounts {
  private SecretMounts() {}

  /** Copies the mounted secrets' data into {@code bundle/secrets}; the bundle's removal removes them. */
  public static void writeFiles(SecretService secrets, List<SecretUse> uses, Path bundle) {
    try {
      for (SecretUse use : uses) {
        if (!use.type().equals("mount")) {
          continue;
        }
        Path dir = bundle.resolve("secrets");
        if (!Files.isDirectory(dir)) {
          Files.createDirectories(dir);
          Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path file = dir.resolve(use.name());
        byte[] data = secrets.data(use.id());
        Files.deleteIfExists(file);
        // Private until owner and mode are set: the data must never be readable by others on the way.
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, data);
        Files.setAttribute(file, "unix:uid", use.uid(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(file, "unix:gid", use.gid(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(file, "unix:mode", use.mode() & 07777);
      }
    } catch (IOException e) {
      throw JpodException.system("copying secrets into " + bundle + ": " + e.getMessage(), e);
    }
  }

  /** {@code mounts} followed by a bind mount per mounted secret (podman's options: bind, rprivate). */
  public static List<RuntimeSpec.Mount> addTo(List<RuntimeSpec.Mount> mounts, List<SecretUse> uses, Path bundle) {
    Map<String, RuntimeSpec.Mount> byDest = new LinkedHashMap<>();
    for (SecretUse use : uses) {
      if (use.type().equals("mount")) {
        String source = bundle.resolve("secrets").resolve(use.name()).toString();
        byDest.put(use.target(), new RuntimeSpec.Mount(use.target(), "bind", source, List.of("bind", "rprivate")));
      }
    }
    if (byDest.isEmpty()) {
      return mounts;
    }
    List<RuntimeSpec.Mount> out = new ArrayList<>(mounts);
    out.removeIf(m -> byDest.containsKey(m.destination()));
    out.addAll(byDest.values());
    return out;
  }

  /** The env secrets' variables, read now; a secret removed since create fails the start, as in podman. */
  public static Map<String, String> env(SecretService secrets, List<SecretUse> uses) {
    Map<String, String> env = new LinkedHashMap<>();
    for (SecretUse use : uses) {
      if (use.type().equals("env")) {
        env.put(use.target(), new String(secrets.data(use.name()), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return env;
  }

  /** The spec with {@code env} set in the process environment, replacing variables of the same name. */
  public static RuntimeSpec withEnv(RuntimeSpec spec, Map<String, String> env) {
    if (env.isEmpty() || spec.process() == null) {
      return spec;
    }
    Map<String, String> merged = new LinkedHashMap<>();
    for (String kv : spec.process().env() == null ? List.<String>of() : spec.process().env()) {
      int eq = kv.indexOf('=');
      merged.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
    }
    merged.putAll(env);
    List<String> list = new ArrayList<>();
    merged.forEach((k, v) -> list.add(k + "=" + v));
    var p = spec.process();
    var process = new RuntimeSpec.Process(p.terminal(), p.user(), p.args(), list, p.cwd(), p.capabilities(),
        p.rlimits(), p.noNewPrivileges(), p.oomScoreAdj());
    return new RuntimeSpec(spec.ociVersion(), process, spec.root(), spec.hostname(), spec.mounts(),
        spec.annotations(), spec.linux());
  }
}
