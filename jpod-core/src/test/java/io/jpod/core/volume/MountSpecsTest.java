package io.jpod.core.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountSpecsTest {
  @Test
  void volumeFlagForms() {
    assertThat(MountSpecs.volume("/data")).isEqualTo(
        new MountConfig("volume", "", "/data", List.of("rw", "rprivate", "nosuid", "nodev", "rbind"), true));
    assertThat(MountSpecs.volume("myvol:/data/")).isEqualTo(
        new MountConfig("volume", "myvol", "/data", List.of("rw", "rprivate", "nosuid", "nodev", "rbind"), false));
    assertThat(MountSpecs.volume("/src:/dst:ro,z")).isEqualTo(
        new MountConfig("bind", "/src", "/dst", List.of("ro", "z", "rprivate", "rbind"), false));
    assertThat(MountSpecs.volume("/src:/dst:U,rshared,nosuid").options())
        .containsExactly("U", "rshared", "nosuid", "rw", "rbind");
    assertThat(MountSpecs.volume("./rel:/dst").source()).startsWith("/").doesNotContain("./");
  }

  @Test
  void volumeFlagErrorsAreThoseOfPodman() {
    assertError(() -> MountSpecs.volume(":/x"), "host directory cannot be empty");
    assertError(() -> MountSpecs.volume("/a:b"), "invalid container path \"b\", must be an absolute path");
    assertError(() -> MountSpecs.volume("/a:/b:foo"), "invalid option type \"foo\"");
    assertError(() -> MountSpecs.volume("/a:/b:ro,rw"),
        "invalid options \"ro, rw\", can only specify 1 'rw' or 'ro' option");
    assertError(() -> MountSpecs.volume("/a:/b:c:d"), "incorrect volume format, should be [host-dir:]ctr-dir[:option]");
    assertError(() -> MountSpecs.volume("a/b:/x"), "creating named volume \"a/b\": running volume create option: "
        + "names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument");
  }

  @Test
  void mountFlagForms() {
    assertThat(MountSpecs.mount("type=bind,src=/s,dst=/d,ro=true,bind-propagation=rslave")).isEqualTo(
        new MountConfig("bind", "/s", "/d", List.of("ro", "rslave", "rbind"), false));
    assertThat(MountSpecs.mount("type=bind,source=/s,target=/d,readonly,bind-nonrecursive").options())
        .containsExactly("ro", "bind", "rprivate");
    assertThat(MountSpecs.mount("type=volume,source=v,destination=/d,volume-nocopy")).isEqualTo(
        new MountConfig("volume", "v", "/d", List.of("nocopy", "rw", "rprivate", "nosuid", "nodev", "rbind"), false));
    assertThat(MountSpecs.mount("type=volume,dst=/d").anonymous()).isTrue();
    assertThat(MountSpecs.mount("type=tmpfs,dst=/t,tmpfs-size=1m,tmpfs-mode=1777")).isEqualTo(
        new MountConfig("tmpfs", "tmpfs", "/t",
            List.of("size=1m", "mode=1777", "rw", "rprivate", "nosuid", "nodev", "tmpcopyup"), false));
    assertThat(MountSpecs.mount("type=tmpfs,dst=/t,notmpcopyup").options())
        .containsExactly("rw", "rprivate", "nosuid", "nodev");
  }

  @Test
  void mountFlagErrors() {
    assertError(() -> MountSpecs.mount("src=/a,dst=/b"), MountSpecs.BAD_MOUNT);
    assertError(() -> MountSpecs.mount("type=nfs,dst=/b"), "invalid filesystem type \"nfs\"");
    assertError(() -> MountSpecs.mount("type=bind,src=/a"), "must set volume destination");
    assertError(() -> MountSpecs.mount("type=bind,src=/a,dst=/b,foo=bar"), "foo: invalid mount option");
    assertError(() -> MountSpecs.mount("type=volume,dst=/b,tmpfs-size=1m"), "tmpfs-size: invalid mount option");
    assertError(() -> MountSpecs.mount("type=tmpfs,dst=/b,bind-propagation=shared"),
        "bind-propagation: invalid mount option");
  }

  @Test
  void tmpfsFlag() {
    assertThat(MountSpecs.tmpfs("/run")).isEqualTo(new MountConfig("tmpfs", "tmpfs", "/run",
        List.of("rw", "rprivate", "nosuid", "nodev", "tmpcopyup"), false));
    assertThat(MountSpecs.tmpfs("/run:size=1m,noexec").options())
        .containsExactly("size=1m", "noexec", "rw", "rprivate", "nosuid", "nodev", "tmpcopyup");
    assertError(() -> MountSpecs.tmpfs("run"), "invalid container path \"run\", must be an absolute path");
  }

  private static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOf(JpodException.class).hasMessage(message)
        .extracting(e -> ((JpodException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
  }
}
