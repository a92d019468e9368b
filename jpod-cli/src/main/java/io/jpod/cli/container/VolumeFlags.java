package io.jpod.cli.container;

import io.jpod.core.volume.VolumeRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The storage flags of {@code create} and {@code run}: volumes, bind mounts, tmpfs mounts. */
public final class VolumeFlags {
  @Option(names = {"-v", "--volume"}, description = "Bind mount a volume into the container")
  List<String> volumes = new ArrayList<>();
  @Option(names = "--mount", description = "Attach a filesystem mount to the container")
  List<String> mounts = new ArrayList<>();
  @Option(names = "--tmpfs", description = "Mount a temporary filesystem (tmpfs) into a container")
  List<String> tmpfs = new ArrayList<>();
  @Option(names = "--volumes-from", description = "Mount volumes from the specified container(s)")
  List<String> volumesFrom = new ArrayList<>();

  /** The flags as the core's create request takes them. */
  @picocli.CommandLine.Option(names = "--image-volume", description = "Tells podman how to handle the builtin image volumes (\"bind\"|\"tmpfs\"|\"ignore\")") String imageVolume;

  public VolumeRequest request() {
    return new VolumeRequest(volumes, mounts, tmpfs, volumesFrom, imageVolume);
  }
}
