package io.jpod.core.spec;

import java.util.List;

/**
 * The container process's identity as resolved against the rootfs's /etc/passwd and /etc/group.
 *
 * @param uid user id
 * @param gid primary group id
 * @param additionalGids supplementary group ids (may be empty)
 * @param home the user's home directory (for HOME)
 */
public record ProcessUser(long uid, long gid, List<Long> additionalGids, String home) {
  public ProcessUser {
    additionalGids = List.copyOf(additionalGids);
  }

  /** root with HOME=/root and no supplementary groups. */
  public static ProcessUser root() {
    return new ProcessUser(0, 0, List.of(), "/root");
  }
}
