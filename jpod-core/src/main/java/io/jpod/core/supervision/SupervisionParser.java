package io.jpod.core.supervision;

import io.jpod.common.GoDuration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jpod.common.JpodException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the flags as typed into a {@link SupervisionConfig}, with podman's checks and one-line errors,
 * so that bad input fails before anything is created.
 */
public final class SupervisionParser {
  private SupervisionParser() {}

  /**
   * The config for {@code req}; {@code image} is the image config's healthcheck (null when it has
   * none), used unless the flags set or disable one; {@code autoRemove} is {@code --rm}, which no
   * restarting policy may accompany.
   */
  public static SupervisionConfig parse(SupervisionRequest req, Healthcheck image, boolean autoRemove) {
    String restart = req.restart();
    if (autoRemove && restart != null && !restart.isEmpty() && !restart.equals("no")) {
      throw JpodException.invalid("the --rm option conflicts with --restart, when the restartPolicy is not \"\" and \"no\"");
    }
    RestartPolicy policy = RestartPolicy.parse(restart);
    boolean cmdGiven = req.healthCmd() != null && !req.healthCmd().isEmpty();
    if (req.noHealthcheck() && cmdGiven) {
      throw JpodException.invalid("cannot specify both --no-healthcheck and --health-cmd");
    }
    HealthOnFailure onFailure = HealthOnFailure.parse(req.healthOnFailure());
    Healthcheck hc;
    if (req.noHealthcheck()) {
      hc = new Healthcheck(List.of("NONE"), 0, 0, 0, 0);
    } else if (cmdGiven) {
      hc = fromFlags(req);
    } else {
      hc = image;
    }
    if (hc == null && onFailure != HealthOnFailure.NONE) {
      throw JpodException.invalid("cannot set on-failure action to " + onFailure.cliName() + " without a health check");
    }
    return new SupervisionConfig(policy, hc, onFailure);
  }

  /** podman's makeHealthCheckFromCli: the command's forms, then the durations with their defaults. */
  static Healthcheck fromFlags(SupervisionRequest req) {
    String in = req.healthCmd();
    List<String> cmd;
    boolean isArray = true;
    try {
      cmd = List.of(new ObjectMapper().readValue(in, String[].class));
    } catch (IOException e) {
      cmd = Arrays.asList(in.split(" ", 2));
      isArray = false;
    }
    if (cmd.isEmpty()) {
      throw JpodException.invalid("must define a healthcheck command for all healthchecks");
    }
    List<String> test = new ArrayList<>();
    if (cmd.getFirst().equals("CMD") || cmd.getFirst().equals("none")) {
      // podman splits the raw text on blanks here, JSON brackets and all
      test.addAll(Arrays.asList(in.strip().split("\\s+")));
    } else if (cmd.getFirst().equals("CMD-SHELL")) {
      test.addAll(cmd);
    } else if (isArray && cmd.size() > 1) {
      test.add("CMD");
      test.addAll(cmd);
    } else {
      test.add("CMD-SHELL");
      test.add(String.join(" ", cmd));
    }
    if (test.getFirst().equals("none")) {
      test = List.of("NONE");
    }
    String interval = req.healthInterval() == null ? "30s" : req.healthInterval();
    if (interval.equals("disable")) {
      interval = "0";
    }
    long intervalNs = duration(interval, "healthcheck-interval");
    long retries = req.healthRetries() == null ? Healthcheck.DEFAULT_RETRIES : req.healthRetries();
    if (retries < 1) {
      throw JpodException.invalid("healthcheck-retries must be greater than 0");
    }
    long timeoutNs = duration(req.healthTimeout() == null ? "30s" : req.healthTimeout(), "healthcheck-timeout");
    if (timeoutNs < 1) {
      throw JpodException.invalid("healthcheck-timeout must be at least 1 second");
    }
    long startNs = duration(req.healthStartPeriod() == null ? "0s" : req.healthStartPeriod(), "healthcheck-start-period");
    if (startNs < 0) {
      throw JpodException.invalid("healthcheck-start-period must be 0 seconds or greater");
    }
    return new Healthcheck(test, intervalNs, timeoutNs, startNs, (int) Math.min(retries, Integer.MAX_VALUE));
  }

  private static long duration(String s, String what) {
    try {
      return GoDuration.parse(s);
    } catch (IllegalArgumentException e) {
      throw JpodException.invalid("invalid " + what + ": " + e.getMessage());
    }
  }

  /** The {@code config.Healthcheck} of an image config (raw JSON), or null when there is none. */
  public static Healthcheck fromImageConfig(byte[] imageConfig) {
    ImageHealthcheckDoc doc;
    try {
      doc = io.jpod.common.Bindings.of(ImageHealthcheckDoc.class).fromJson(imageConfig);
    } catch (io.avaje.json.JsonException e) {
      return null; // an unreadable config has no usable healthcheck either
    }
    ImageHealthcheckDoc.Check h = doc == null || doc.config() == null ? null : doc.config().healthcheck();
    if (h == null || h.test() == null || h.test().isEmpty()) {
      return null;
    }
    // podman fills in its defaults for what a Docker image leaves at zero
    return new Healthcheck(List.copyOf(h.test()), h.interval() == 0 ? Healthcheck.DEFAULT_INTERVAL : h.interval(),
        h.timeout() == 0 ? Healthcheck.DEFAULT_TIMEOUT : h.timeout(), h.startPeriod(),
        h.retries() == 0 ? Healthcheck.DEFAULT_RETRIES : h.retries());
  }
}
