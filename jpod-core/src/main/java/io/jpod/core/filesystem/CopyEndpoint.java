package io.jpod.core.filesystem;

/**
 * One argument of {@code cp}: {@code CONTAINER:PATH}, or a host path ("-" meaning the standard streams).
 * As podman reads it: an argument starting with "." or "/" is always a host path (so "./a:b" is a
 * file), otherwise everything before the first ":" names a container.
 *
 * @param container the container's name or id, or null for the host
 * @param path the path as given (may be empty, which cp refuses)
 */
public record CopyEndpoint(String container, String path) {

  public static CopyEndpoint parse(String arg) {
    if (arg.startsWith(".") || arg.startsWith("/")) {
      return new CopyEndpoint(null, arg);
    }
    int colon = arg.indexOf(':');
    if (colon < 0) {
      return new CopyEndpoint(null, arg);
    }
    return new CopyEndpoint(arg.substring(0, colon), arg.substring(colon + 1));
  }

  public boolean onHost() {
    return container == null;
  }

  /** The host side is the standard streams ("-"). */
  public boolean isStream() {
    return onHost() && path.equals("-");
  }

  /** "src/." or "/": the directory's contents are copied, not the directory itself. */
  boolean contentsOnly() {
    return path.equals(".") || path.endsWith("/.") || path.equals("/");
  }

  /** Written with a trailing slash: it must be an existing directory. */
  boolean mustBeDirectory() {
    return path.endsWith("/");
  }
}
