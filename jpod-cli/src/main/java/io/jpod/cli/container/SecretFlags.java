package io.jpod.cli.container;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --secret} for {@code create} and {@code run}. */
public final class SecretFlags {
  @Option(names = "--secret", description = "Add secret to container") List<String> secrets = new ArrayList<>();

  /** The values as typed, checked now so a malformed one fails before anything else happens. */
  public List<String> request() {
    io.jpod.core.secret.SecretFlags.parse(secrets);
    return secrets;
  }
}
