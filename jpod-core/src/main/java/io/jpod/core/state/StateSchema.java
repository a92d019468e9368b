package io.jpod.core.state;

import io.jpod.common.JpodException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The state database's schema (modelled on podman 5's libpod/sqlite_state_internal.go), its forward
 * migrations and the {@code DBConfig} check that the database belongs to the current storage paths.
 *
 * <p>Differences from podman, on purpose: child rows owned by a container (state, exec sessions, volume
 * and dependency links) and pod/volume state use {@code ON DELETE CASCADE}, so removing a config row
 * cannot leave orphans; links that mean "in use" (a dependency target, a volume, a pod) stay RESTRICT.
 * {@code ContainerExecSession} also carries the session's JSON (podman keeps it in the container state).
 */
final class StateSchema {

  /** One forward step: the SQL that takes a database from {@code version - 1} to {@code version}. */
  record Migration(int version, List<String> statements) {
    Migration {
      statements = List.copyOf(statements);
    }
  }

  /** Version 1: podman 5's tables. */
  static final Migration V1 = new Migration(1, List.of(
      """
      CREATE TABLE IF NOT EXISTS DBConfig(
        ID            INTEGER PRIMARY KEY NOT NULL,
        SchemaVersion INTEGER NOT NULL,
        OS            TEXT    NOT NULL,
        StaticDir     TEXT    NOT NULL,
        TmpDir        TEXT    NOT NULL,
        GraphRoot     TEXT    NOT NULL,
        RunRoot       TEXT    NOT NULL,
        GraphDriver   TEXT    NOT NULL,
        VolumeDir     TEXT    NOT NULL,
        CHECK (ID IN (1)))""",
      "CREATE TABLE IF NOT EXISTS IDNamespace(ID TEXT PRIMARY KEY NOT NULL)",
      """
      CREATE TABLE IF NOT EXISTS ContainerConfig(
        ID    TEXT PRIMARY KEY NOT NULL,
        Name  TEXT UNIQUE NOT NULL,
        PodID TEXT,
        JSON  TEXT NOT NULL,
        FOREIGN KEY (ID)    REFERENCES IDNamespace(ID)    DEFERRABLE INITIALLY DEFERRED,
        FOREIGN KEY (ID)    REFERENCES ContainerState(ID) DEFERRABLE INITIALLY DEFERRED,
        FOREIGN KEY (PodID) REFERENCES PodConfig(ID))""",
      """
      CREATE TABLE IF NOT EXISTS ContainerState(
        ID       TEXT    PRIMARY KEY NOT NULL,
        State    INTEGER NOT NULL,
        ExitCode INTEGER,
        JSON     TEXT    NOT NULL,
        FOREIGN KEY (ID) REFERENCES ContainerConfig(ID) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        CHECK (ExitCode BETWEEN -1 AND 255))""",
      """
      CREATE TABLE IF NOT EXISTS ContainerExecSession(
        ID          TEXT PRIMARY KEY NOT NULL,
        ContainerID TEXT NOT NULL,
        JSON        TEXT NOT NULL,
        FOREIGN KEY (ContainerID) REFERENCES ContainerConfig(ID) ON DELETE CASCADE)""",
      "CREATE INDEX IF NOT EXISTS ContainerExecSessionByContainer ON ContainerExecSession(ContainerID)",
      """
      CREATE TABLE IF NOT EXISTS ContainerDependency(
        ID           TEXT NOT NULL,
        DependencyID TEXT NOT NULL,
        PRIMARY KEY (ID, DependencyID),
        FOREIGN KEY (ID)           REFERENCES ContainerConfig(ID) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        FOREIGN KEY (DependencyID) REFERENCES ContainerConfig(ID),
        CHECK (ID <> DependencyID))""",
      "CREATE INDEX IF NOT EXISTS ContainerDependencyByTarget ON ContainerDependency(DependencyID)",
      """
      CREATE TABLE IF NOT EXISTS ContainerVolume(
        ContainerID TEXT NOT NULL,
        VolumeName  TEXT NOT NULL,
        PRIMARY KEY (ContainerID, VolumeName),
        FOREIGN KEY (ContainerID) REFERENCES ContainerConfig(ID) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        FOREIGN KEY (VolumeName)  REFERENCES VolumeConfig(Name))""",
      """
      CREATE TABLE IF NOT EXISTS ContainerExitCode(
        ID        TEXT    PRIMARY KEY NOT NULL,
        Timestamp INTEGER NOT NULL,
        ExitCode  INTEGER NOT NULL,
        CHECK (ExitCode BETWEEN -1 AND 255))""",
      """
      CREATE TABLE IF NOT EXISTS PodConfig(
        ID   TEXT PRIMARY KEY NOT NULL,
        Name TEXT UNIQUE NOT NULL,
        JSON TEXT NOT NULL,
        FOREIGN KEY (ID) REFERENCES IDNamespace(ID) DEFERRABLE INITIALLY DEFERRED,
        FOREIGN KEY (ID) REFERENCES PodState(ID)    DEFERRABLE INITIALLY DEFERRED)""",
      """
      CREATE TABLE IF NOT EXISTS PodState(
        ID               TEXT PRIMARY KEY NOT NULL,
        InfraContainerID TEXT,
        JSON             TEXT NOT NULL,
        FOREIGN KEY (ID)               REFERENCES PodConfig(ID)       ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        FOREIGN KEY (InfraContainerID) REFERENCES ContainerConfig(ID) DEFERRABLE INITIALLY DEFERRED)""",
      """
      CREATE TABLE IF NOT EXISTS VolumeConfig(
        Name      TEXT PRIMARY KEY NOT NULL,
        StorageID TEXT,
        JSON      TEXT NOT NULL,
        FOREIGN KEY (Name) REFERENCES VolumeState(Name) DEFERRABLE INITIALLY DEFERRED)""",
      """
      CREATE TABLE IF NOT EXISTS VolumeState(
        Name TEXT PRIMARY KEY NOT NULL,
        JSON TEXT NOT NULL,
        FOREIGN KEY (Name) REFERENCES VolumeConfig(Name) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED)"""));

  /** All migrations jpod knows, in version order; append new versions, never edit released ones. */
  static final List<Migration> MIGRATIONS = List.of(V1);

  private final List<Migration> migrations;
  private final int latest;

  StateSchema() {
    this(MIGRATIONS);
  }

  /** A schema with a custom migration list (tests exercise upgrades with it). */
  StateSchema(List<Migration> migrations) {
    this.migrations = List.copyOf(migrations);
    int v = 0;
    for (Migration m : this.migrations) {
      if (m.version() != v + 1) {
        throw new IllegalArgumentException("migrations must be numbered 1, 2, 3...; got " + m.version());
      }
      v = m.version();
    }
    this.latest = v;
  }

  int latestVersion() {
    return latest;
  }

  /** The schema version recorded in the database; 0 for a fresh (empty) file. Call inside a transaction. */
  int recordedVersion(SqliteDatabase db) throws SQLException {
    try (ResultSet rs = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='DBConfig'")
        .executeQuery()) {
      if (!rs.next()) {
        return 0;
      }
    }
    try (ResultSet rs = db.prepare("SELECT SchemaVersion FROM DBConfig WHERE ID=1").executeQuery()) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** Fails unless the recorded version is one this jpod can use as is. */
  void requireSupported(int recorded, SqliteDatabase db) {
    if (recorded > latest) {
      // Podman's wording (libpod/sqlite_state_internal.go).
      throw JpodException.system("database " + db.file() + " has schema version " + recorded
          + " while this jpod version only supports version " + latest);
    }
  }

  /**
   * Brings the database to the latest version and records the paths on first use. Must run inside a
   * write transaction, so all steps commit together or not at all (a crash mid-way leaves the old
   * version intact and the next start simply migrates again).
   */
  void migrate(SqliteDatabase db, StatePaths paths) throws SQLException {
    int recorded = recordedVersion(db);
    requireSupported(recorded, db);
    for (Migration m : migrations) {
      if (m.version() > recorded) {
        for (String sql : m.statements()) {
          db.executeOnce(sql);
        }
      }
    }
    int changed = db.update("UPDATE DBConfig SET SchemaVersion=? WHERE ID=1", latest);
    if (changed == 0) {
      db.update("INSERT INTO DBConfig VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)", latest, "linux",
          paths.staticDir().toString(), paths.tmpDir().toString(), paths.graphRoot().toString(),
          paths.runRoot().toString(), paths.graphDriver(), paths.volumeDir().toString());
    }
  }

  /**
   * Fails like podman's "database configuration mismatch" when the database was created for other
   * storage paths: mixing two stores' metadata would corrupt both. Call inside a transaction.
   */
  void verifyPaths(SqliteDatabase db, StatePaths paths) throws SQLException {
    PreparedStatement ps = db.prepare("SELECT GraphRoot, RunRoot, TmpDir, StaticDir FROM DBConfig WHERE ID=1");
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return; // nothing recorded yet: migrate() records ours
      }
      check("graph root", rs.getString(1), paths.graphRoot().toString());
      check("run root", rs.getString(2), paths.runRoot().toString());
      check("tmp dir", rs.getString(3), paths.tmpDir().toString());
      check("static dir", rs.getString(4), paths.staticDir().toString());
    }
  }

  private static void check(String what, String recorded, String ours) {
    if (!recorded.equals(ours)) {
      // Podman: `database %s %q does not match our %s %q: database configuration mismatch`.
      throw JpodException.invalid("database " + what + " \"" + recorded + "\" does not match our " + what
          + " \"" + ours + "\": database configuration mismatch");
    }
  }
}
