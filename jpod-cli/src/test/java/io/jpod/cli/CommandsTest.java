package io.jpod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

class CommandsTest {
  @Test
  void tablesAgreeWithTheCommandAnnotations() {
    Commands.tables().forEach((group, table) -> table.forEach((name, cmd) -> {
      Command a = cmd.type().getAnnotation(Command.class);
      assertThat(a).as(cmd.type().getName()).isNotNull();
      assertThat(name).as(group + " " + cmd.type().getSimpleName()).isEqualTo(a.name()).isEqualTo(cmd.name());
      assertThat(cmd.aliases()).as(group + " " + name + " aliases").isEqualTo(List.of(a.aliases()));
    }));
  }

  @Test
  void commandWordIsFoundPastGlobalFlags() {
    assertThat(Commands.commandWords(new String[] {"--root", "/r", "run", "--rm", "busybox"})).containsExactly("run");
    assertThat(Commands.commandWords(new String[] {"container", "ls", "-a"})).containsExactly("container", "ls");
    assertThat(Commands.commandWords(new String[] {"--help"})).isEmpty();
  }

  @Test
  void durationsReadLikePodman() {
    assertThat(HumanTime.duration(Duration.ofMillis(300))).isEqualTo("Less than a second");
    assertThat(HumanTime.duration(Duration.ofSeconds(1))).isEqualTo("1 second");
    assertThat(HumanTime.duration(Duration.ofSeconds(59))).isEqualTo("59 seconds");
    assertThat(HumanTime.duration(Duration.ofSeconds(90))).isEqualTo("About a minute");
    assertThat(HumanTime.duration(Duration.ofMinutes(59))).isEqualTo("59 minutes");
    assertThat(HumanTime.duration(Duration.ofMinutes(61))).isEqualTo("About an hour");
    assertThat(HumanTime.duration(Duration.ofHours(47))).isEqualTo("47 hours");
    assertThat(HumanTime.duration(Duration.ofDays(3))).isEqualTo("3 days");
  }
}
