package io.jpod.core.volume;

import io.jpod.sys.Mount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local driver's filesystem mounts ({@code volume create -o type=tmpfs -o device=tmpfs -o
 * o=size=2m}): what podman hands to {@code mount -t TYPE -o O DEVICE _data}, done here with mount(2).
 * Flag words of {@code o} become mount flags; the rest is the filesystem's data string.
 */
final class LocalDriverMount {
  private LocalDriverMount() {}

  static void mount(Volume v, Path target) {
    String type = v.options().get("type");
    String device = v.options().getOrDefault("device", type == null ? "none" : type);
    long flags = 0;
    List<String> data = new ArrayList<>();
    String o = v.options().getOrDefault("o", "");
    for (String opt : o.isEmpty() ? new String[0] : o.split(",")) {
      switch (opt) {
        case "ro" -> flags |= Mount.MS_RDONLY;
        case "rw" -> { }
        case "nosuid" -> flags |= Mount.MS_NOSUID;
        case "nodev" -> flags |= Mount.MS_NODEV;
        case "noexec" -> flags |= Mount.MS_NOEXEC;
        case "bind" -> flags |= Mount.MS_BIND;
        case "rbind" -> flags |= Mount.MS_BIND | Mount.MS_REC;
        default -> data.add(opt);
      }
    }
    if (type != null && (type.equals("bind") || type.equals("rbind"))) {
      flags |= Mount.MS_BIND | (type.equals("rbind") ? Mount.MS_REC : 0);
      type = null;
    }
    Mount.mount(device, target.toString(), type, flags, data.isEmpty() ? null : String.join(",", data));
  }

  static void unmount(Path target) {
    Mount.unmount(target.toString(), Mount.MNT_DETACH);
  }
}
