package io.jpod.it;

import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions on a {@link CliResult}, in the spirit of podman's e2e matchers. */
public final class CliResultAssert extends AbstractAssert<CliResultAssert, CliResult> {

  private CliResultAssert(CliResult actual) {
    super(actual, CliResultAssert.class);
  }

  public static CliResultAssert assertThat(CliResult actual) {
    return new CliResultAssert(actual);
  }

  /** Exit code 0 and nothing at all on stderr (podman's ExitCleanly). */
  public CliResultAssert exitsCleanly() {
    isNotNull();
    if (actual.exitCode() != 0 || !actual.stderr().isEmpty()) {
      failWithMessage("expected exit code 0 and empty stderr, got %s", actual);
    }
    return this;
  }

  /** Exit code {@code code}, stderr not checked. */
  public CliResultAssert exitedWith(int code) {
    isNotNull();
    if (actual.exitCode() != code) {
      failWithMessage("expected exit code %d, got %s", code, actual);
    }
    return this;
  }

  public CliResultAssert stderrContains(String... parts) {
    isNotNull();
    for (String p : parts) {
      if (!actual.stderr().contains(p)) {
        failWithMessage("expected stderr to contain <%s>, got %s", p, actual);
      }
    }
    return this;
  }

  public CliResultAssert stdoutContains(String... parts) {
    isNotNull();
    for (String p : parts) {
      if (!actual.stdout().contains(p)) {
        failWithMessage("expected stdout to contain <%s>, got %s", p, actual);
      }
    }
    return this;
  }

  /** stdout, trailing newlines removed, equals {@code expected}. */
  public CliResultAssert stdoutIs(String expected) {
    isNotNull();
    if (!actual.out().equals(expected)) {
      failWithMessage("expected stdout <%s>, got %s", expected, actual);
    }
    return this;
  }

  /** stderr, trailing newlines removed, equals {@code expected}. */
  public CliResultAssert stderrIs(String expected) {
    isNotNull();
    if (!actual.err().equals(expected)) {
      failWithMessage("expected stderr <%s>, got %s", expected, actual);
    }
    return this;
  }

  /** Exactly one line of stderr, and it starts with "Error: " (podman's single error line). */
  public CliResultAssert singleErrorLine() {
    isNotNull();
    var lines = actual.errLines();
    if (lines.size() != 1 || !lines.getFirst().startsWith("Error: ")) {
      failWithMessage("expected exactly one 'Error: ' line on stderr, got %s", actual);
    }
    return this;
  }
}
