package io.jpod.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import io.jpod.sys.IdMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityParserTest {
  @TempDir Path dir;

  private IdentityParser parser(String subids, List<IdMap> used) throws IOException {
    Path sub = Files.writeString(dir.resolve("subid"), subids);
    return new IdentityParser(sub, sub, ref -> {
      if (!ref.equals("owner")) {
        throw JpodException.notFound("no container with name or ID \"" + ref + "\" found: no such container");
      }
      return new IdentityConfig("abc123", List.of(new IdMap(0, 300000, 10)), List.of(new IdMap(0, 300000, 10)), null, false);
    }, () -> used);
  }

  private static IdentityRequest userns(String mode) {
    return new IdentityRequest(mode, List.of(), List.of(), null, null, null, null, null, null, null);
  }

  private static IdentityRequest maps(List<String> uid, List<String> gid) {
    return new IdentityRequest(null, uid, gid, null, null, null, null, null, null, null);
  }

  @Test
  void uidmapAloneServesForGidsToo() throws IOException {
    IdentityConfig c = parser("", List.of()).parse(maps(List.of("0:100000:65536"), List.of()));
    assertThat(c.usernsMode()).isEqualTo("private");
    assertThat(c.gidMap()).containsExactly(new IdMap(0, 100000, 65536));
    assertThat(c.rootUid()).isEqualTo(100000);
    IdentityConfig several = parser("", List.of()).parse(maps(List.of("0:100000:1", "1:200000:10"), List.of("0:5:1")));
    assertThat(several.uidMap()).hasSize(2);
    assertThat(IdMap.toHost(several.uidMap(), 3)).isEqualTo(200002);
    assertThat(several.gidMap()).containsExactly(new IdMap(0, 5, 1));
  }

  @Test
  void podmansErrors() throws IOException {
    IdentityParser p = parser("", List.of());
    assertError(() -> p.parse(maps(List.of("0:100000"), List.of())),
        "initializing ID mappings: UID setting is malformed expected [\"uint32:uint32:uint32\"]: [\"0:100000\"]");
    assertError(() -> p.parse(new IdentityRequest("host", List.of("0:1:1"), List.of(), null, null, null, null, null, null, null)),
        "--userns and --uidmap/--gidmap/--subuidname/--subgidname are mutually exclusive");
    assertError(() -> p.parse(userns("keep-id")), "keep-id is only supported in rootless mode");
    assertError(() -> p.parse(userns("nomap")), "nomap is only supported in rootless mode");
    assertError(() -> p.parse(userns("private")), "must provide at least one UID or GID mapping to configure a user namespace");
    assertError(() -> p.parse(userns("bogus")), "unrecognized namespace mode bogus passed");
    assertError(() -> p.parse(userns("auto")), "creating container storage: could not find enough available IDs");
    assertError(() -> p.parse(userns("container:nope")), "no container with name or ID \"nope\" found");
  }

  @Test
  void containerModeTakesTheOwnersMappings() throws IOException {
    IdentityConfig c = parser("", List.of()).parse(userns("container:owner"));
    assertThat(c.usernsMode()).isEqualTo("container:abc123");
    assertThat(c.joinedContainer()).isEqualTo("abc123");
    assertThat(c.uidMap()).containsExactly(new IdMap(0, 300000, 10));
    assertThat(parser("", List.of()).parse(userns(null)).mapped()).isFalse();
  }

  @Test
  void autoPicksTheFirstFreeBlockOfTheContainersRanges() throws IOException {
    IdentityParser p = parser("other:1:5\ncontainers:500000:4096\n", List.of(new IdMap(0, 500000, 1024)));
    IdentityConfig c = p.parse(userns("auto"));
    assertThat(c.uidMap()).containsExactly(new IdMap(0, 501024, 1024));
    assertThat(p.parse(userns("auto:size=10")).uidMap()).containsExactly(new IdMap(0, 501024, 10));
    assertError(() -> p.parse(userns("auto:size=4000")), "could not find enough available IDs");
    assertError(() -> p.parse(userns("auto:bogus=1")), "unknown option specified: \"bogus=1\"");
  }

  @Test
  void subuidnameMapsTheUsersRangesFromZero() throws IOException {
    IdentityParser p = parser("bob:100000:10\nbob:200000:5\n", List.of());
    IdentityConfig c = p.parse(new IdentityRequest(null, List.of(), List.of(), "bob", null, null, null, null, null, null));
    assertThat(c.uidMap()).containsExactly(new IdMap(0, 100000, 10), new IdMap(10, 200000, 5));
    assertError(() -> p.parse(new IdentityRequest(null, List.of(), List.of(), "alice", null, null, null, null, null, null)),
        "cannot find mappings for user \"alice\"");
  }

  private static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOf(JpodException.class).hasMessageContaining(message);
  }
}
