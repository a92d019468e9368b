package io.jpod.core.supervision;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.avaje.jsonb.Json;
import java.util.List;

/** The part of an image config that carries Docker's HEALTHCHECK: {"config":{"Healthcheck":{...}}}. */
@Json
record ImageHealthcheckDoc(Config config) {
  @Json
  record Config(@JsonProperty("Healthcheck") Check healthcheck) {}

  /** Durations in nanoseconds; zero (or absent) means "use the default". */
  @Json
  record Check(
      @JsonProperty("Test") List<String> test,
      @JsonProperty("Interval") long interval,
      @JsonProperty("Timeout") long timeout,
      @JsonProperty("StartPeriod") long startPeriod,
      @JsonProperty("Retries") int retries) {}
}
