package io.jpod.it;

import java.util.Arrays;
import java.util.List;

/** The outcome of one {@code bin/jpod} invocation. */
public record CliResult(int exitCode, String stdout, String stderr) {

  /** stdout without the trailing newline(s). */
  public String out() {
    return stdout.stripTrailing();
  }

  /** stderr without the trailing newline(s). */
  public String err() {
    return stderr.stripTrailing();
  }

  /** The non-empty stdout lines. */
  public List<String> lines() {
    return Arrays.stream(stdout.split("\n")).filter(l -> !l.isBlank()).toList();
  }

  /** The non-empty stderr lines. */
  public List<String> errLines() {
    return Arrays.stream(stderr.split("\n")).filter(l -> !l.isBlank()).toList();
  }

  @Override
  public String toString() {
    return "exit code " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
  }
}
