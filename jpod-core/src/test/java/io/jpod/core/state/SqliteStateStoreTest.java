package io.jpod.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.container.ContainerConfig;
import io.jpod.core.container.ContainerState;
import io.jpod.core.container.ContainerStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStateStoreTest {
  @TempDir Path tmp;
  private SqliteStateStore store;

  @BeforeEach
  void open() {
    store = new SqliteStateStore(TestContainers.paths(tmp));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private ContainerConfig add(String name) {
    ContainerConfig c = TestContainers.config(TestContainers.randomId(), name);
    store.addContainer(c, ContainerState.configured());
    return c;
  }

  private ContainerConfig addWithId(String id, String name) {
    ContainerConfig c = TestContainers.config(id, name);
    store.addContainer(c, ContainerState.configured());
    return c;
  }

  @Test
  void opensLazilyAtPodmansPath() {
    assertThat(tmp.resolve("graph/libpod/db.sql")).doesNotExist();
    assertThat(store.containers()).isEmpty();
    assertThat(tmp.resolve("graph/libpod/db.sql")).exists();
  }

  @Test
  void roundTripsConfigAndStateAndKeepsCreationOrder() {
    ContainerConfig a = add("zeta");
    ContainerConfig b = add("alpha");
    ContainerState running = ContainerState.configured().withPids(42, 41)
        .withStarted(Instant.parse("2024-06-01T00:00:00.5Z")).withMountPoint("/m");
    store.saveState(b.id(), running);

    assertThat(store.container(a.id())).contains(new ContainerRecord(a, ContainerState.configured()));
    assertThat(store.container(b.id()).orElseThrow().state()).isEqualTo(running);
    assertThat(store.containers()).extracting(ContainerRecord::id).containsExactly(a.id(), b.id());
    assertThat(store.container("nope")).isEmpty();
  }

  @Test
  void duplicateNameIsPodmansConflict() {
    ContainerConfig a = add("web");
    assertThatThrownBy(() -> add("web"))
        .isInstanceOf(JpodException.class)
        .hasMessage("the container name \"web\" is already in use by " + a.id()
            + ". You have to remove that container to be able to reuse that name: that name is already in use")
        .extracting(e -> ((JpodException) e).kind()).isEqualTo(ErrorKind.CONFLICT);
    assertThat(store.containers()).hasSize(1);
  }

  @Test
  void duplicateIdIsConflict() {
    ContainerConfig a = add("one");
    assertThatThrownBy(() -> store.addContainer(TestContainers.config(a.id(), "two"), ContainerState.configured()))
        .isInstanceOf(JpodException.class).extracting(e -> ((JpodException) e).kind()).isEqualTo(ErrorKind.CONFLICT);
  }

  @Test
  void lookupByNameIdAndPrefix() {
    ContainerConfig a = addWithId("aaaa1111" + "0".repeat(56), "first");
    ContainerConfig b = addWithId("aaaa2222" + "0".repeat(56), "aaaa1111"); // a name that is a prefix of a
    assertThat(store.lookupContainer("first").id()).isEqualTo(a.id());
    assertThat(store.lookupContainer(a.id()).id()).isEqualTo(a.id());
    assertThat(store.lookupContainer("aaaa1111").id()).isEqualTo(b.id()); // exact name beats prefix
    assertThat(store.lookupContainer("aaaa2").id()).isEqualTo(b.id());
    assertThatThrownBy(() -> store.lookupContainer("aaaa"))
        .hasMessage("more than one result for container \"aaaa\": container already exists")
        .extracting(e -> ((JpodException) e).kind()).isEqualTo(ErrorKind.CONFLICT);
    assertThatThrownBy(() -> store.lookupContainer("b%"))
        .hasMessage("no container with name or ID \"b%\" found: no such container")
        .extracting(e -> ((JpodException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThatThrownBy(() -> store.lookupContainer("a%")).isInstanceOf(JpodException.class); // % is literal
    assertThatThrownBy(() -> store.lookupContainer("")).isInstanceOf(JpodException.class);
  }

  @Test
  void saveStateAndUpdateConfigOfMissingContainerAreNotFound() {
    ContainerConfig ghost = TestContainers.config(TestContainers.randomId(), "ghost");
    assertThatThrownBy(() -> store.saveState(ghost.id(), ContainerState.configured()))
        .extracting(e -> ((JpodException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThatThrownBy(() -> store.updateConfig(ghost))
        .extracting(e -> ((JpodException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThatThrownBy(() -> store.removeContainer(ghost.id()))
        .extracting(e -> ((JpodException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND);
  }

  @Test
  void renameFreesOldNameAndRejectsTakenName() {
    ContainerConfig a = add("old");
    ContainerConfig b = add("other");
    store.updateConfig(a.withName("new"));
    assertThat(store.lookupContainer("new").config()).isEqualTo(a.withName("new"));
    assertThat(store.nameInUse("old")).isFalse();
    assertThat(store.nameInUse("new")).isTrue();
    assertThatThrownBy(() -> store.updateConfig(a.withName("other")))
        .hasMessageContaining("already in use by " + b.id())
        .extracting(e -> ((JpodException) e).kind()).isEqualTo(ErrorKind.CONFLICT);
    store.updateConfig(a.withName("new")); // renaming to its own name is fine
  }

  @Test
  void removeCascadesExecSessionsButKeepsExitCode() {
    ContainerConfig a = add("x");
    store.addExecSession(a.id(), "s1", "{\"a\":1}");
    store.addExecSession(a.id(), "s2", "{}");
    store.recordExitCode(a.id(), 137);
    assertThat(store.execSessionIds(a.id())).containsExactly("s1", "s2");
    assertThat(store.execSession("s1")).contains("{\"a\":1}");
    assertThatThrownBy(() -> store.addExecSession(a.id(), "s1", "{}"))
        .extracting(e -> ((JpodException) e).kind()).isEqualTo(ErrorKind.CONFLICT);

    store.removeContainer(a.id());
    assertThat(store.container(a.id())).isEmpty();
    assertThat(store.execSession("s1")).isEmpty();
    assertThat(store.exitCode(a.id())).contains(137);
    assertThat(store.nameInUse("x")).isFalse();
    add("x"); // the name and a fresh id can be reused
    assertThat(store.integrityCheck()).isEqualTo("ok");
  }

  @Test
  void execSessionsOfMissingContainerAndMissingSession() {
    assertThatThrownBy(() -> store.addExecSession("missing", "s", "{}"))
        .extracting(e -> ((JpodException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThatThrownBy(() -> store.removeExecSession("s"))
        .extracting(e -> ((JpodException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND);
    ContainerConfig a = add("x");
    store.addExecSession(a.id(), "s", "{}");
    store.removeExecSession("s");
    assertThat(store.execSessionIds(a.id())).isEmpty();
  }

  @Test
  void exitCodesArePrunedByAge() {
    MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
    try (SqliteStateStore s = new SqliteStateStore(TestContainers.paths(tmp), Duration.ofSeconds(5), clock)) {
      s.recordExitCode("old", 1);
      clock.now = clock.now.plusSeconds(600);
      s.recordExitCode("new", 2);
      s.recordExitCode("new", 3); // replaces
      assertThat(s.pruneExitCodes(Duration.ofMinutes(5))).isEqualTo(1);
      assertThat(s.exitCode("old")).isEmpty();
      assertThat(s.exitCode("new")).contains(3);
    }
  }

  @Test
  void refusesDatabaseOfOtherStorePaths() {
    store.containers();
    store.close();
    StatePaths other = new StatePaths(tmp.resolve("graph"), tmp.resolve("elsewhere"), tmp.resolve("run/libpod"));
    try (SqliteStateStore s = new SqliteStateStore(other)) {
      assertThatThrownBy(s::containers)
          .isInstanceOf(JpodException.class)
          .hasMessage("database run root \"" + tmp.resolve("run") + "\" does not match our run root \""
              + tmp.resolve("elsewhere") + "\": database configuration mismatch");
    }
  }

  @Test
  void usesPodmansPragmasAndRecordsConfig() throws Exception {
    add("a");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("graph/libpod/db.sql"));
         Statement st = c.createStatement()) {
      assertThat(scalar(st, "PRAGMA journal_mode")).isEqualTo("wal");
      assertThat(scalar(st, "SELECT SchemaVersion || ' ' || GraphRoot || ' ' || StaticDir FROM DBConfig"))
          .isEqualTo("1 " + tmp.resolve("graph") + " " + tmp.resolve("graph/libpod"));
      assertThat(scalar(st, "SELECT State FROM ContainerState")).isEqualTo("1");
    }
  }

  @Test
  void migratesForwardInOneStepAndRefusesNewerSchema() throws Exception {
    add("a");
    store.close();
    var v2 = new StateSchema.Migration(2, List.of("CREATE TABLE Extra(X TEXT)", "INSERT INTO Extra VALUES ('m')"));
    List<StateSchema.Migration> withV2 = new ArrayList<>(StateSchema.MIGRATIONS);
    withV2.add(v2);
    try (SqliteStateStore s = new SqliteStateStore(TestContainers.paths(tmp), Duration.ofSeconds(5),
        Clock.systemUTC(), new StateSchema(withV2))) {
      assertThat(s.containers()).hasSize(1);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("graph/libpod/db.sql"));
         Statement st = c.createStatement()) {
      assertThat(scalar(st, "SELECT SchemaVersion FROM DBConfig")).isEqualTo("2");
      assertThat(scalar(st, "SELECT X FROM Extra")).isEqualTo("m");
    }
    try (SqliteStateStore s = new SqliteStateStore(TestContainers.paths(tmp))) {
      assertThatThrownBy(s::containers).hasMessageContaining("has schema version 2 while this jpod version only supports version 1");
    }
  }

  @Test
  void failedMigrationLeavesOldVersion() throws Exception {
    add("a");
    store.close();
    var bad = new StateSchema.Migration(2, List.of("CREATE TABLE Extra(X TEXT)", "THIS IS NOT SQL"));
    try (SqliteStateStore s = new SqliteStateStore(TestContainers.paths(tmp), Duration.ofSeconds(5),
        Clock.systemUTC(), new StateSchema(List.of(StateSchema.V1, bad)))) {
      assertThatThrownBy(s::containers).isInstanceOf(JpodException.class);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("graph/libpod/db.sql"));
         Statement st = c.createStatement()) {
      assertThat(scalar(st, "SELECT SchemaVersion FROM DBConfig")).isEqualTo("1");
      assertThat(scalar(st, "SELECT count(*) FROM sqlite_master WHERE name='Extra'")).isEqualTo("0");
    }
  }

  @Test
  void statusIsStoredAsPodmansInteger() {
    ContainerConfig a = add("a");
    store.saveState(a.id(), ContainerState.configured().withStatus(ContainerStatus.EXITED).withExit(3, false, Instant.EPOCH));
    assertThat(store.lookupContainer("a").state().exitCode()).isEqualTo(3);
  }

  @Test
  void missingDirectoriesAreCreatedAndFileIsReused() {
    add("a");
    store.close();
    assertThat(Files.isRegularFile(tmp.resolve("graph/libpod/db.sql"))).isTrue();
    try (SqliteStateStore s = new SqliteStateStore(TestContainers.paths(tmp))) {
      assertThat(s.lookupContainer("a").config().name()).isEqualTo("a");
    }
  }

  private static String scalar(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
