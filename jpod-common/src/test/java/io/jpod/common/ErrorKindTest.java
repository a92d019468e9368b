package io.jpod.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorKindTest {
  @ParameterizedTest
  @CsvSource({
    "NOT_FOUND,125,404", "CONFLICT,125,409", "NOT_MODIFIED,0,304", "INVALID_ARGUMENT,125,400",
    "WRONG_STATE,125,409", "RUNTIME_CANNOT_INVOKE,126,500", "RUNTIME_NOT_FOUND,127,500", "SYSTEM,125,500"
  })
  void mapsToPodmanExitCodesAndDockerStatuses(ErrorKind kind, int exit, int http) {
    assertThat(kind.exitCode()).isEqualTo(exit);
    assertThat(kind.httpStatus()).isEqualTo(http);
  }
}
