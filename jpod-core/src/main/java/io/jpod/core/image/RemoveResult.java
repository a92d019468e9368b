package io.jpod.core.image;

import io.jpod.common.JpodException;
import java.util.List;

/**
 * The outcome of removing several images: a report per image touched, in order, and the errors of the
 * ones that failed (lookup failures first, as podman reports them), so a caller can print both.
 */
public record RemoveResult(List<RemoveReport> reports, List<JpodException> errors) {
  public RemoveResult {
    reports = List.copyOf(reports);
    errors = List.copyOf(errors);
  }
}
