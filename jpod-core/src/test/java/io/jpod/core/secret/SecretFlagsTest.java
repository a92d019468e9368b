package io.jpod.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretFlagsTest {
  private static final Secret S1 = new Secret("0123456789abcdef012345678", "s1", Map.of(), Instant.EPOCH, "file", Map.of());

  @Test
  void aBareNameIsAMountWithPodmansDefaults() {
    var r = SecretFlags.parseOne("s1");
    assertThat(r).isEqualTo(new SecretFlags.Request("s1", "mount", "", 0, 0, 0444));
    assertThat(r.resolve(S1)).isEqualTo(new SecretUse("s1", S1.id(), "mount", "/run/secrets/s1", 0, 0, 0444));
    // without a comma the whole value is the name, "=" or not
    assertThat(SecretFlags.parseOne("source=s1").source()).isEqualTo("source=s1");
  }

  @Test
  void optionsAndTargets() {
    var r = SecretFlags.parseOne("s1,target=/etc/foo,uid=5,gid=6,mode=0400");
    assertThat(r.resolve(S1)).isEqualTo(new SecretUse("s1", S1.id(), "mount", "/etc/foo", 5, 6, 0400));
    assertThat(SecretFlags.parseOne("source=s1,target=rel,UID=7,GID=8,mode=640").resolve(S1))
        .isEqualTo(new SecretUse("s1", S1.id(), "mount", "/run/secrets/rel", 7, 8, 0640));
    assertThat(SecretFlags.parseOne("s1,target=../../etc/x").resolve(S1).target()).isEqualTo("/etc/x");
    assertThat(SecretFlags.parseOne("s1,target=").resolve(S1).target()).isEqualTo("/run/secrets/s1");
    assertThat(SecretFlags.parseOne("s1,type=env").resolve(S1))
        .isEqualTo(new SecretUse("s1", S1.id(), "env", "s1", 0, 0, 0));
    assertThat(SecretFlags.parseOne("s1,type=env,target=MYVAR").resolve(S1).target()).isEqualTo("MYVAR");
  }

  @Test
  void envSecretsForTheSameVariableKeepTheLast() {
    var rs = SecretFlags.parse(List.of("a,type=env,target=V", "m", "b,type=env,target=V"));
    assertThat(rs).extracting(SecretFlags.Request::source).containsExactly("m", "b");
  }

  @Test
  void podmansErrors() {
    Map<String, String> cases = Map.of(
        "s1,type=bogus", "type bogus is invalid: parsing secret",
        "s1,foo=bar", "option foo=bar invalid: parsing secret",
        "s1,type=env,uid=3", "UID, GID, Mode options cannot be set with secret type env: parsing secret",
        "s1,mode=abc", "mode abc invalid: parsing secret",
        "s1,mode=8", "mode 8 invalid: parsing secret",
        "s1,uid=-1", "UID -1 invalid: parsing secret",
        "s1,gid=4294967296", "GID 4294967296 invalid: parsing secret",
        ",type=env", "no source found ,type=env: parsing secret",
        "s1,type=env,type=mount", "cannot set more than one secret type: parsing secret",
        "s1,ro", "option ro must be in form option=value: parsing secret");
    cases.forEach((value, message) -> assertThatThrownBy(() -> SecretFlags.parse(List.of(value)))
        .isInstanceOf(JpodException.class)
        .hasMessage(message)
        .extracting(e -> ((JpodException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
  }
}
