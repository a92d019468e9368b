package io.jpod.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SystemdCommandLineTest {
  private static final Set<String> VALUED = Set.of("--name", "-e", "--env", "-p", "--cidfile", "--restart", "--cgroups", "-w");

  private static SystemdCommandLine parse(String... args) {
    return SystemdCommandLine.of(List.of(args), VALUED::contains);
  }

  @Test
  void flagsEndAtTheImage() {
    var c = parse("--name", "web", "-e", "A=1", "-it", "--rm", "busybox", "sh", "-c", "echo -n");
    assertThat(c.flags()).containsExactly("--name", "web", "-e", "A=1", "-it", "--rm");
    assertThat(c.rest()).containsExactly("busybox", "sh", "-c", "echo -n");
    assertThat(c.has("--name")).isTrue();
    assertThat(c.has("--replace")).isFalse();
    assertThat(c.detached()).isFalse();
  }

  @Test
  void shortGroupsAndAttachedValues() {
    var c = parse("-dit", "-w/tmp", "-p", "80:80", "--name=x", "img");
    assertThat(c.flags()).containsExactly("-dit", "-w/tmp", "-p", "80:80", "--name=x");
    assertThat(c.rest()).containsExactly("img");
    assertThat(c.detached()).isTrue();
    assertThat(c.has("--name")).isTrue();
    assertThat(parse("-w", "/tmp", "--", "img", "-x").rest()).containsExactly("img", "-x");
  }

  @Test
  void dropsTheFlagsTheUnitSetsItself() {
    var c = parse("--rm", "--cidfile", "/f", "--cgroups=split", "--restart", "always", "-e", "A", "img", "--rm");
    assertThat(c.without(List.of("--rm"), List.of("--cgroups", "--cidfile", "--restart")))
        .containsExactly("-e", "A", "img", "--rm");
  }

  @Test
  void quotingAndLayoutAsPodmanWritesThem() {
    assertThat(SystemdCommandLine.escape(List.of("a b", "$HOME", "50%", "say \"hi\"", "")))
        .containsExactly("\"a b\"", "$$HOME", "50%%", "\"say \\\"hi\\\"\"", "\"\"");
    assertThat(SystemdCommandLine.format(List.of("/bin/jpod", "run", "--rm", "-p", "80", "img", "-c", "x")))
        .isEqualTo("/bin/jpod run \\\n\t--rm \\\n\t-p 80 img \\\n\t-c x");
  }
}
