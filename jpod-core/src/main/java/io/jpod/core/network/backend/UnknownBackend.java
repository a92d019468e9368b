package io.jpod.core.network.backend;

import io.jpod.common.JpodException;
import io.jpod.core.network.NetworkStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A {@code network_backend} jpod does not know: every use fails as podman fails to start with it. */
public record UnknownBackend(String name) implements NetworkBackend {
  private JpodException unsupported() {
    return JpodException.invalid("unsupported network backend \"" + name + "\"");
  }

  @Override
  public Map<String, NetworkStatus.Result> setup(Path netns, Container ctr, List<Wire> networks) {
    throw unsupported();
  }

  @Override
  public void teardown(Path netns, Container ctr, List<Wire> networks) {
    throw unsupported();
  }

  @Override
  public void release(String containerId, String network) {
    // nothing was ever set up with it
  }

  @Override
  public void forgetAll(List<String> containerIds) {
    // nothing was ever set up with it
  }
}
