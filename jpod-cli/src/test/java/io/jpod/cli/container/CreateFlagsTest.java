package io.jpod.cli.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.container.ContainerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Parsing only: the flags podman users type become the spec they expect, and nonsense is refused. */
class CreateFlagsTest {
  private static ContainerSpec parse(String... args) {
    RunCommand cmd = new RunCommand(null);
    new CommandLine(cmd).setStopAtPositional(true).parseArgs(args);
    return cmd.flags.toSpec(List.of("jpod", "run"));
  }

  @Test
  void commandAfterTheImageIsNotParsedAsFlags() {
    ContainerSpec spec = parse("--rm", "-e", "A=1", "busybox", "ls", "-l", "--rm");
    assertThat(spec.image()).contains("busybox");
    assertThat(spec.command()).containsExactly("ls", "-l", "--rm");
    assertThat(spec.autoRemove()).isTrue();
    assertThat(spec.env()).containsExactly("A=1");
  }

  @Test
  void shortAndLongFormsAgree() {
    ContainerSpec s1 = parse("-i", "-t", "-w", "/tmp", "-u", "nobody", "-h", "box", "-l", "a=b", "busybox");
    ContainerSpec s2 = parse("--interactive", "--tty", "--workdir", "/tmp", "--user", "nobody", "--hostname", "box", "--label", "a=b", "busybox");
    assertThat(s1).isEqualTo(s2);
    assertThat(s1.stdin()).isTrue();
    assertThat(s1.tty()).isTrue();
    assertThat(s1.labels()).isEqualTo(Map.of("a", "b"));
  }

  @Test
  void entrypointTakesJsonOrOneWord() {
    assertThat(parse("--entrypoint", "[\"/bin/sh\",\"-c\"]", "busybox").entrypoint()).contains(List.of("/bin/sh", "-c"));
    assertThat(parse("--entrypoint", "/bin/echo", "busybox").entrypoint()).contains(List.of("/bin/echo"));
    assertThat(parse("--entrypoint", "", "busybox").entrypoint()).contains(List.of());
  }

  @Test
  void rootfsMakesTheFirstArgumentADirectory() {
    ContainerSpec spec = parse("--rootfs", "/srv/root", "/bin/sh");
    assertThat(spec.rootfs()).contains("/srv/root");
    assertThat(spec.image()).isEmpty();
  }

  @Test
  void envFileLinesComeBeforeExplicitEnv(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("env");
    Files.writeString(f, "# comment\nX=1\n\nY=2\n");
    assertThat(parse("--env-file", f.toString(), "-e", "X=3", "busybox").env()).containsExactly("X=1", "Y=2", "X=3");
  }

  @Test
  void badValuesAreRefusedBeforeAnythingIsCreated() {
    assertThatThrownBy(() -> parse("--memory", "abc", "busybox"))
        .isInstanceOf(JpodException.class)
        .hasMessageContaining("invalid value for memory: invalid size");
    // podman's flag is unsigned: a negative value is a parse error, worded by GoFlags
    assertThatThrownBy(() -> parse("--stop-timeout", "-1", "busybox"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("strconv.ParseUint: parsing \"-1\": invalid syntax");
    assertThatThrownBy(() -> parse("-l", "=x", "busybox")).isInstanceOf(JpodException.class);
  }

  @Test
  void unknownFlagIsAParseError() {
    assertThatThrownBy(() -> new CommandLine(new RunCommand(null)).parseArgs("--foo", "busybox"))
        .isInstanceOf(CommandLine.UnmatchedArgumentException.class);
  }
}
