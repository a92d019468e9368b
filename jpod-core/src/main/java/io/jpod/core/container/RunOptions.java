package io.jpod.core.container;

import io.jpod.common.JpodException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * run/create settings for how the container's process is set up and watched: {@code --tz},
 * {@code --umask}, {@code --timeout}, {@code --pidfile}, {@code --conmon-pidfile}, and the environment
 * switches {@code --env-host}, {@code --unsetenv}, {@code --unsetenv-all}. The same record is the
 * request (as typed) and, validated, part of the container's config.
 *
 * @param timezone "local", a zone under /usr/share/zoneinfo, or null for the image's own
 * @param umask octal, null for podman's 0022
 * @param timeout seconds after which conmon kills the container, 0 for none
 * @param pidFile where conmon has the runtime write the container's pid, null for the run dir
 * @param conmonPidFile where conmon writes its own pid, null for the run dir
 * @param initPath {@code --init-path}: the init binary for {@code --init}, null for containers.conf's
 * @param httpProxy {@code --http-proxy}: hand the host's proxy variables on (podman's default)
 * @param requires {@code --requires}: containers started before this one (ids once created)
 * @param envMerge {@code --env-merge}: NAME=VALUE where ${NAME} in VALUE is the variable's value so far
 */
public record RunOptions(String timezone, String umask, int timeout, String pidFile, String conmonPidFile,
    boolean envHost, List<String> unsetEnv, boolean unsetEnvAll, String initPath, boolean httpProxy,
    List<String> requires, List<String> envMerge) {
  /** The proxy variables {@code --http-proxy} passes on, as podman lists them. */
  static final List<String> PROXY_VARS = List.of("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY",
      "ftp_proxy", "FTP_PROXY", "no_proxy", "NO_PROXY");

  static final Path ZONEINFO = Path.of("/usr/share/zoneinfo");
  private static final int DEFAULT_UMASK = 022;

  public RunOptions {
    unsetEnv = unsetEnv == null ? List.of() : List.copyOf(unsetEnv);
    requires = requires == null ? List.of() : List.copyOf(requires);
    envMerge = envMerge == null ? List.of() : List.copyOf(envMerge);
  }

  /** The same options requiring {@code ids}. */
  RunOptions withRequires(List<String> ids) {
    return new RunOptions(timezone, umask, timeout, pidFile, conmonPidFile, envHost, unsetEnv, unsetEnvAll,
        initPath, httpProxy, ids, envMerge);
  }

  public static RunOptions none() {
    return new RunOptions(null, null, 0, null, null, false, List.of(), false, null, true, List.of(), List.of());
  }

  /** Checks the values as podman does when it creates the container. */
  RunOptions validated() {
    if (timezone != null && !timezone.isEmpty() && !timezone.equals("local")) {
      Path zone = ZONEINFO.resolve(timezone).normalize();
      if (!zone.startsWith(ZONEINFO) || !Files.isRegularFile(zone)) {
        throw JpodException.invalid("running container create option: stat " + ZONEINFO.resolve(timezone)
            + ": no such file or directory");
      }
    }
    if (umask != null) {
      umaskValue();
    }
    if (timeout < 0) {
      throw JpodException.invalid("invalid timeout " + timeout + ": must be 0 or greater");
    }
    if (initPath != null && !initPath.isEmpty() && !Files.isRegularFile(Path.of(initPath))) {
      throw JpodException.invalid("container-init binary not found on the host: stat " + initPath
          + ": no such file or directory");
    }
    for (String p : new String[] {pidFile, conmonPidFile}) {
      if (p != null && !p.isEmpty() && !Path.of(p).isAbsolute()) {
        throw JpodException.invalid("pid file " + p + " must be an absolute path");
      }
    }
    return this;
  }

  /** The umask as a number: the given octal one or podman's 0022. */
  public int umaskValue() {
    if (umask == null || umask.isEmpty()) {
      return DEFAULT_UMASK;
    }
    try {
      int v = Integer.parseInt(umask, 8);
      if (v >= 0 && v <= 0777) {
        return v;
      }
    } catch (NumberFormatException e) {
      // falls through to podman's message
    }
    throw JpodException.invalid("running container create option: invalid umask string " + umask + ": invalid argument");
  }

  /** The file to show as /etc/localtime, or null to leave the image's. */
  public Path timezoneFile() {
    if (timezone == null || timezone.isEmpty()) {
      return null;
    }
    return timezone.equals("local") ? Path.of("/etc/localtime") : ZONEINFO.resolve(timezone);
  }
}
