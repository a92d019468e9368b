package io.jpod.core.transfer;

import io.jpod.image.archive.Platform;
import io.jpod.image.copy.CopyProgress;
import io.jpod.image.registry.RegistryAccess;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * How an image moves: registry settings (registries.conf, auth file, credentials, TLS), the platform to
 * pick from an index, where big temporary files go, whether stdin/stdout is a terminal (short-name
 * prompts) and where progress and podman's notes ("Trying to pull …") are reported.
 */
public record TransferOptions(RegistryAccess access, Platform platform, Path tmpDir, boolean terminal,
    CopyProgress progress, Consumer<String> notes, Chooser chooser) {

  /** Asks the user to pick one of several candidates for a short name (only on a terminal). */
  @FunctionalInterface
  public interface Chooser {
    /** The index of the chosen candidate; throws to cancel. */
    int choose(String shortName, List<String> candidates);
  }

  public TransferOptions {
    platform = platform == null ? Platform.host() : platform;
    tmpDir = tmpDir == null ? Path.of("/var/tmp") : tmpDir;
    progress = progress == null ? CopyProgress.NONE : progress;
    notes = notes == null ? s -> {} : notes;
    chooser = chooser == null ? (name, c) -> 0 : chooser;
  }

  /** Defaults for a JVM program: system registries.conf and auth file, host platform, no output. */
  public static TransferOptions defaults() {
    return new TransferOptions(RegistryAccess.system(), null, null, false, null, null, null);
  }

  public TransferOptions withProgress(CopyProgress p) {
    return new TransferOptions(access, platform, tmpDir, terminal, p, notes, chooser);
  }
}
