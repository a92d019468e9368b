package io.jpod.core.container;

/**
 * How a container gets its ipc, uts and pid namespaces. Each is "private" (a new one), "host",
 * "container:ID" (join that container's), "ns:PATH" or, for ipc, "shareable".
 */
public record NamespaceConfig(String ipc, String uts, String pid) {
  public NamespaceConfig {
    ipc = ipc == null ? "private" : ipc;
    uts = uts == null ? "private" : uts;
    pid = pid == null ? "private" : pid;
  }

  public static NamespaceConfig privateAll() {
    return new NamespaceConfig("private", "private", "private");
  }

  /** The container id a mode joins, or null ("container:ID" → ID). */
  public static String joinedContainer(String mode) {
    return mode != null && mode.startsWith("container:") ? mode.substring("container:".length()) : null;
  }
}
