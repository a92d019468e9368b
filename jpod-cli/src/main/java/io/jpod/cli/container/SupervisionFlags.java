package io.jpod.cli.container;

import io.jpod.core.supervision.Healthcheck;
import io.jpod.core.supervision.SupervisionParser;
import io.jpod.core.supervision.SupervisionRequest;
import java.util.List;
import picocli.CommandLine.Option;

/** podman's restart-policy and healthcheck flags of {@code create} and {@code run}. */
public final class SupervisionFlags {
  @Option(names = "--restart", description = "Restart policy to apply when a container exits (\"always\"|\"no\"|\"on-failure\"|\"unless-stopped\")") String restart;
  @Option(names = "--health-cmd", description = "set a healthcheck command for the container ('none' disables the existing healthcheck)") String healthCmd;
  @Option(names = "--health-interval", description = "set an interval for the healthchecks (a value of disable results in no automatic timer setup)") String healthInterval;
  @Option(names = "--health-retries", description = "the number of retries allowed before a healthcheck is considered to be unhealthy") String healthRetries;
  @Option(names = "--health-timeout", description = "the maximum time allowed to complete the healthcheck before an interval is considered failed") String healthTimeout;
  @Option(names = "--health-start-period", description = "the initialization time needed for a container to bootstrap") String healthStartPeriod;
  @Option(names = "--health-on-failure", description = "action to take once the container turns unhealthy") String healthOnFailure;
  @Option(names = "--no-healthcheck", description = "Disable healthchecks on container") boolean noHealthcheck;

  /**
   * The flags as typed, checked now so bad input fails before an image is pulled; the check that
   * needs the image (an on-failure action without any healthcheck) comes at create.
   */
  public SupervisionRequest request(boolean autoRemove) {
    Long retries = null;
    if (healthRetries != null) {
      try {
        retries = Long.parseUnsignedLong(healthRetries);
      } catch (NumberFormatException e) {
        throw io.jpod.common.JpodException.invalid("invalid argument \"" + healthRetries
            + "\" for \"--health-retries\" flag: strconv.ParseUint: parsing \"" + healthRetries + "\": invalid syntax");
      }
    }
    var req = new SupervisionRequest(restart, healthCmd, healthInterval, retries, healthTimeout, healthStartPeriod,
        healthOnFailure, noHealthcheck);
    SupervisionParser.parse(req, new Healthcheck(List.of("NONE"), 0, 0, 0, 0), autoRemove);
    return req;
  }
}
