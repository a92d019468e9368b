package io.jpod.cli.help;

import static org.assertj.core.api.Assertions.assertThat;

import io.jpod.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CobraHelpTest {
  private static String help(String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void commandHelpHasPodmansSections() {
    String h = help("stop", "--help");
    assertThat(h).startsWith("Stop one or more containers\n\nDescription:\n  Stop one or more containers\n\nUsage:\n"
        + "  jpod stop [options] [CONTAINER...]\n\nOptions:\n");
    // pflag's table: short and long names, the value type, the text three spaces after the widest name
    assertThat(h).contains("  -a, --all                   Stop all running containers\n")
        .contains("      --cidfile stringArray   Read the container ID from the file\n")
        .contains("  -t, --time int              ")
        .doesNotContain("--help").doesNotContain("--root");
  }

  @Test
  void helpWordIsTheHelpFlag() {
    assertThat(help("help", "stop")).isEqualTo(help("stop", "--help"));
    assertThat(help("help")).isEqualTo(help("--help"));
  }

  @Test
  void groupsAndRootListTheirCommands() {
    String volume = help("volume", "--help");
    assertThat(volume).contains("Usage:\n  jpod volume [command]\n\nAvailable Commands:\n  create      Create a new volume\n");
    String root = help("--help");
    assertThat(root).contains("Usage:\n  jpod [options] [command]\n")
        .contains("  healthcheck Manage health checks on containers\n")
        .contains("      --root string ")
        .doesNotContain("Description:");
    // aliases are not listed as commands of their own
    assertThat(help("container", "--help")).contains("  ps          List containers\n").doesNotContain("  list ");
  }

  @Test
  void defaultsBackquotedNamesAndCommands() {
    String ps = help("ps", "--help");
    assertThat(ps).contains("  -n, --last int ").contains("(all states) (default -1)\n")
        .contains("(default \"created\")\n");
    String run = help("run", "--help");
    assertThat(run).contains("  jpod run [options] IMAGE [COMMAND [ARG...]]\n").contains("      --arch ARCH ");
  }
}
