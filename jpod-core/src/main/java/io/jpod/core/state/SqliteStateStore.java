package io.jpod.core.state;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import io.jpod.core.container.ContainerConfig;
import io.jpod.core.container.ContainerState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link StateStore} backed by an embedded SQLite database at {@code <graphroot>/libpod/db.sql},
 * laid out like podman 5's so the commit point of every operation is one SQLite transaction.
 *
 * <p>Nothing touches the disk until the first operation (the CLI builds a store for every command,
 * many of which never need it). Error texts follow podman's where podman has one.
 */
public final class SqliteStateStore implements StateStore {

  private static final String SELECT_RECORD =
      "SELECT c.ID, c.Name, c.JSON, s.JSON FROM ContainerConfig c JOIN ContainerState s ON s.ID = c.ID ";

  private final StatePaths paths;
  private final SqliteDatabase db;
  private final StateSchema schema;
  private final Clock clock;
  private final StoredJson json = new StoredJson();
  private final ReentrantLock initLock = new ReentrantLock();
  private volatile boolean initialized;

  /** A store for these paths with podman's busy timeout (100 s). */
  public SqliteStateStore(StatePaths paths) {
    this(paths, SqliteDatabase.DEFAULT_BUSY_TIMEOUT, Clock.systemUTC());
  }

  /** A store with an explicit busy timeout and clock (exit-code timestamps). */
  public SqliteStateStore(StatePaths paths, Duration busyTimeout, Clock clock) {
    this(paths, busyTimeout, clock, new StateSchema());
  }

  SqliteStateStore(StatePaths paths, Duration busyTimeout, Clock clock, StateSchema schema) {
    this.paths = paths;
    this.db = new SqliteDatabase(paths.databaseFile(), busyTimeout);
    this.schema = schema;
    this.clock = clock;
  }

  /** The paths this store belongs to. */
  public StatePaths paths() {
    return paths;
  }

  @Override
  public void addContainer(ContainerConfig config, ContainerState state) {
    String configJson = toJson(config);
    String stateJson = toJson(state);
    write(d -> {
      String holder = idOfName(d, config.name());
      if (holder != null) {
        throw nameInUseError(config.name(), holder);
      }
      if (exists(d, "SELECT 1 FROM IDNamespace WHERE ID=?", config.id())) {
        throw JpodException.conflict("ID \"" + config.id() + "\" is already in use: container already exists");
      }
      if (config.podId() != null && !exists(d, "SELECT 1 FROM PodConfig WHERE ID=?", config.podId())) {
        throw JpodException.notFound("no pod with ID " + config.podId() + " found: no such pod");
      }
      for (String dep : config.dependencies()) {
        if (!exists(d, "SELECT 1 FROM ContainerConfig WHERE ID=?", dep)) {
          throw JpodException.notFound("container " + dep + " (a dependency of the new container) was removed"
              + ": no such container");
        }
      }
      d.update("INSERT INTO IDNamespace VALUES (?)", config.id());
      d.update("INSERT INTO ContainerConfig VALUES (?, ?, ?, ?)", config.id(), config.name(), config.podId(),
          configJson);
      d.update("INSERT INTO ContainerState VALUES (?, ?, ?, ?)", config.id(), state.status().code(),
          state.exitCode(), stateJson);
      for (String dep : config.dependencies()) {
        d.update("INSERT INTO ContainerDependency VALUES (?, ?)", config.id(), dep);
      }
      for (var m : config.mounts()) {
        if (m.isVolume()) {
          if (!exists(d, "SELECT 1 FROM VolumeConfig WHERE Name=?", m.source())) {
            throw JpodException.notFound("no volume with name \"" + m.source() + "\" found: no such volume");
          }
          d.update("INSERT OR IGNORE INTO ContainerVolume VALUES (?, ?)", config.id(), m.source());
        }
      }
      return null;
    });
  }

  @Override
  public Optional<ContainerRecord> container(String fullId) {
    List<ContainerRecord> found = read(d -> records(d, SELECT_RECORD + "WHERE c.ID=?", fullId));
    return found.stream().findFirst();
  }

  @Override
  public List<ContainerRecord> containers() {
    // Why rowid: it grows with each insert, so it is creation order without parsing every JSON row.
    return read(d -> records(d, SELECT_RECORD + "ORDER BY c.rowid"));
  }

  @Override
  public ContainerRecord lookupContainer(String nameOrId) {
    if (nameOrId == null || nameOrId.isEmpty()) {
      throw JpodException.invalid("name or ID cannot be empty");
    }
    String[] hit = read(d -> {
      // One query, like podman's LookupContainerID: exact name wins, then exact id, then a unique prefix.
      // substr() rather than LIKE so '%' and '_' in the argument match literally.
      PreparedStatement ps = d.prepare(
          SELECT_RECORD + "WHERE c.Name=? OR substr(c.ID, 1, ?)=? ORDER BY c.rowid");
      ps.setString(1, nameOrId);
      ps.setInt(2, nameOrId.length());
      ps.setString(3, nameOrId);
      String[] byName = null;
      String[] byId = null;
      List<String[]> byPrefix = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String[] row = {rs.getString(3), rs.getString(4)};
          if (rs.getString(2).equals(nameOrId)) {
            byName = row;
          } else if (rs.getString(1).equals(nameOrId)) {
            byId = row;
          } else {
            byPrefix.add(row);
          }
        }
      }
      if (byName != null) {
        return byName;
      }
      if (byId != null) {
        return byId;
      }
      if (byPrefix.size() > 1) {
        // Podman reports this with ErrCtrExists ("container already exists"), hence CONFLICT.
        throw JpodException.conflict(
            "more than one result for container \"" + nameOrId + "\": container already exists");
      }
      return byPrefix.isEmpty() ? null : byPrefix.getFirst();
    });
    if (hit == null) {
      throw JpodException.notFound("no container with name or ID \"" + nameOrId + "\" found: no such container");
    }
    return new ContainerRecord(fromJson(hit[0], ContainerConfig.class), fromJson(hit[1], ContainerState.class));
  }

  @Override
  public void saveState(String id, ContainerState state) {
    String stateJson = toJson(state);
    write(d -> {
      int n = d.update("UPDATE ContainerState SET State=?, ExitCode=?, JSON=? WHERE ID=?",
          state.status().code(), state.exitCode(), stateJson, id);
      if (n == 0) {
        throw noSuchContainer(id);
      }
      return null;
    });
  }

  @Override
  public void updateConfig(ContainerConfig config) {
    String configJson = toJson(config);
    write(d -> {
      String holder = idOfName(d, config.name());
      if (holder != null && !holder.equals(config.id())) {
        throw nameInUseError(config.name(), holder);
      }
      if (d.update("UPDATE ContainerConfig SET Name=?, JSON=? WHERE ID=?", config.name(), configJson,
          config.id()) == 0) {
        throw noSuchContainer(config.id());
      }
      return null;
    });
  }

  @Override
  public void removeContainer(String id) {
    write(d -> {
      if (!exists(d, "SELECT 1 FROM ContainerConfig WHERE ID=?", id)) {
        throw noSuchContainer(id);
      }
      List<String> dependents = strings(d, "SELECT ID FROM ContainerDependency WHERE DependencyID=?", id);
      if (!dependents.isEmpty()) {
        // podman's ErrCtrExists: rm exits 125 for it (2 is for a running container), the API says 409
        throw JpodException.wrongState("container " + id + " has dependent containers which must be removed"
            + " before it: " + String.join(",", dependents) + ": container already exists");
      }
      // A pod's infra container is only removed with its pod (PodService checks); unlink it here so the
      // deferred foreign key holds at commit.
      d.update("UPDATE PodState SET InfraContainerID=NULL WHERE InfraContainerID=?", id);
      // ContainerState, ContainerExecSession, ContainerVolume and ContainerDependency rows cascade.
      d.update("DELETE FROM ContainerConfig WHERE ID=?", id);
      d.update("DELETE FROM IDNamespace WHERE ID=?", id);
      return null;
    });
  }

  @Override
  public boolean nameInUse(String name) {
    return read(d -> exists(d,
        "SELECT 1 FROM ContainerConfig WHERE Name=?1 UNION ALL SELECT 1 FROM PodConfig WHERE Name=?1", name));
  }

  @Override
  public void addExecSession(String ctrId, String sessionId, String sessionJson) {
    write(d -> {
      if (!exists(d, "SELECT 1 FROM ContainerConfig WHERE ID=?", ctrId)) {
        throw noSuchContainer(ctrId);
      }
      if (exists(d, "SELECT 1 FROM ContainerExecSession WHERE ID=?", sessionId)) {
        throw JpodException.conflict("exec session with ID " + sessionId + " already exists: exec session already exists");
      }
      d.update("INSERT INTO ContainerExecSession VALUES (?, ?, ?)", sessionId, ctrId, sessionJson);
      return null;
    });
  }

  @Override
  public Optional<String> execSession(String sessionId) {
    List<String> found = read(d -> strings(d, "SELECT JSON FROM ContainerExecSession WHERE ID=?", sessionId));
    return found.stream().findFirst();
  }

  @Override
  public List<String> execSessionIds(String ctrId) {
    return read(d -> strings(d, "SELECT ID FROM ContainerExecSession WHERE ContainerID=? ORDER BY rowid", ctrId));
  }

  @Override
  public void removeExecSession(String sessionId) {
    write(d -> {
      if (d.update("DELETE FROM ContainerExecSession WHERE ID=?", sessionId) == 0) {
        throw JpodException.notFound("no exec session with ID " + sessionId + " found: no such exec session");
      }
      return null;
    });
  }

  @Override
  public void recordExitCode(String ctrId, int exitCode) {
    long now = clock.instant().getEpochSecond();
    write(d -> d.update("INSERT OR REPLACE INTO ContainerExitCode VALUES (?, ?, ?)", ctrId, now, exitCode));
  }

  @Override
  public Optional<Integer> exitCode(String ctrId) {
    List<String> found = read(d -> strings(d, "SELECT ExitCode FROM ContainerExitCode WHERE ID=?", ctrId));
    return found.stream().findFirst().map(Integer::valueOf);
  }

  @Override
  public int pruneExitCodes(Duration olderThan) {
    long cutoff = clock.instant().minus(olderThan).getEpochSecond();
    return write(d -> d.update("DELETE FROM ContainerExitCode WHERE Timestamp < ?", cutoff));
  }

  // ---- volumes ---------------------------------------------------------------------------------

  @Override
  public void addVolume(io.jpod.core.volume.Volume config, io.jpod.core.volume.VolumeState state) {
    String configJson = toJson(config);
    String stateJson = toJson(state);
    write(d -> {
      if (exists(d, "SELECT 1 FROM VolumeConfig WHERE Name=?", config.name())) {
        throw JpodException.conflict("volume with name " + config.name() + " already exists: volume already exists");
      }
      d.update("INSERT INTO VolumeConfig VALUES (?, ?, ?)", config.name(), null, configJson);
      d.update("INSERT INTO VolumeState VALUES (?, ?)", config.name(), stateJson);
      return null;
    });
  }

  @Override
  public Optional<io.jpod.core.volume.VolumeRecord> volume(String name) {
    return read(d -> volumeRecords(d, "WHERE c.Name=?", name)).stream().findFirst();
  }

  @Override
  public List<io.jpod.core.volume.VolumeRecord> volumes() {
    return read(d -> volumeRecords(d, "ORDER BY c.Name"));
  }

  @Override
  public io.jpod.core.volume.VolumeState updateVolumeState(String name,
      java.util.function.UnaryOperator<io.jpod.core.volume.VolumeState> change) {
    return write(d -> {
      List<String> found = strings(d, "SELECT JSON FROM VolumeState WHERE Name=?", name);
      if (found.isEmpty()) {
        throw noSuchVolume(name);
      }
      var next = change.apply(fromJson(found.getFirst(), io.jpod.core.volume.VolumeState.class));
      d.update("UPDATE VolumeState SET JSON=? WHERE Name=?", toJson(next), name);
      return next;
    });
  }

  @Override
  public List<String> volumeUsers(String name) {
    return read(d -> strings(d, "SELECT v.ContainerID FROM ContainerVolume v JOIN ContainerConfig c ON c.ID = v.ContainerID"
        + " WHERE v.VolumeName=? ORDER BY c.rowid", name));
  }

  @Override
  public void removeVolume(String name) {
    write(d -> {
      if (!exists(d, "SELECT 1 FROM VolumeConfig WHERE Name=?", name)) {
        throw noSuchVolume(name);
      }
      List<String> users = strings(d, "SELECT ContainerID FROM ContainerVolume WHERE VolumeName=?", name);
      if (!users.isEmpty()) {
        throw JpodException.conflict("volume " + name + " is being used by the following container(s): "
            + String.join(", ", users) + ": volume is being used");
      }
      d.update("DELETE FROM VolumeConfig WHERE Name=?", name);
      return null;
    });
  }

  private List<io.jpod.core.volume.VolumeRecord> volumeRecords(SqliteDatabase d, String where, Object... params)
      throws SQLException {
    PreparedStatement ps = bind(d, "SELECT c.JSON, s.JSON FROM VolumeConfig c JOIN VolumeState s ON s.Name = c.Name "
        + where, params);
    List<io.jpod.core.volume.VolumeRecord> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new io.jpod.core.volume.VolumeRecord(fromJson(rs.getString(1), io.jpod.core.volume.Volume.class),
            fromJson(rs.getString(2), io.jpod.core.volume.VolumeState.class)));
      }
    }
    return out;
  }

  private static JpodException noSuchVolume(String name) {
    return JpodException.notFound("no volume with name \"" + name + "\" found: no such volume");
  }

  // ---- end of volumes --------------------------------------------------------------------------

  // ---- pods ------------------------------------------------------------------------------------

  private static final String SELECT_POD =
      "SELECT p.ID, p.Name, p.JSON, s.JSON FROM PodConfig p JOIN PodState s ON s.ID = p.ID ";

  @Override
  public void addPod(io.jpod.core.pod.PodConfig config, io.jpod.core.pod.PodState state) {
    String configJson = toJson(config);
    String stateJson = toJson(state);
    write(d -> {
      if (exists(d, "SELECT 1 FROM PodConfig WHERE Name=?", config.name())) {
        throw JpodException.conflict("adding pod to state: name \"" + config.name() + "\" is in use: pod already exists");
      }
      if (exists(d, "SELECT 1 FROM ContainerConfig WHERE Name=?", config.name())) {
        throw JpodException.conflict("adding pod to state: name \"" + config.name() + "\" is in use: container already exists");
      }
      if (exists(d, "SELECT 1 FROM IDNamespace WHERE ID=?", config.id())) {
        throw JpodException.conflict("adding pod to state: ID \"" + config.id() + "\" is in use: pod already exists");
      }
      d.update("INSERT INTO IDNamespace VALUES (?)", config.id());
      d.update("INSERT INTO PodConfig VALUES (?, ?, ?)", config.id(), config.name(), configJson);
      d.update("INSERT INTO PodState VALUES (?, ?, ?)", config.id(), state.infraContainerId(), stateJson);
      return null;
    });
  }

  @Override
  public Optional<io.jpod.core.pod.PodRecord> pod(String fullId) {
    return read(d -> podRecords(d, SELECT_POD + "WHERE p.ID=?", fullId)).stream().findFirst();
  }

  @Override
  public List<io.jpod.core.pod.PodRecord> pods() {
    return read(d -> podRecords(d, SELECT_POD + "ORDER BY p.rowid"));
  }

  @Override
  public io.jpod.core.pod.PodRecord lookupPod(String nameOrId) {
    if (nameOrId == null || nameOrId.isEmpty()) {
      throw JpodException.invalid("name or ID cannot be empty");
    }
    List<io.jpod.core.pod.PodRecord> hits = read(d -> podRecords(d,
        SELECT_POD + "WHERE p.Name=?1 OR substr(p.ID, 1, ?2)=?1 ORDER BY p.rowid", nameOrId, nameOrId.length()));
    for (var r : hits) {
      if (r.name().equals(nameOrId)) {
        return r;
      }
    }
    for (var r : hits) {
      if (r.id().equals(nameOrId)) {
        return r;
      }
    }
    if (hits.size() > 1) {
      throw JpodException.conflict("more than one result for pod \"" + nameOrId + "\": pod already exists");
    }
    if (hits.isEmpty()) {
      throw JpodException.notFound("no pod with name or ID " + nameOrId + " found: no such pod");
    }
    return hits.getFirst();
  }

  @Override
  public void savePodState(String id, io.jpod.core.pod.PodState state) {
    String stateJson = toJson(state);
    write(d -> {
      if (d.update("UPDATE PodState SET InfraContainerID=?, JSON=? WHERE ID=?", state.infraContainerId(), stateJson, id) == 0) {
        throw JpodException.notFound("no pod with ID " + id + " found in database: no such pod");
      }
      return null;
    });
  }

  @Override
  public List<String> podContainerIds(String podId) {
    return read(d -> strings(d, "SELECT ID FROM ContainerConfig WHERE PodID=? ORDER BY rowid", podId));
  }

  @Override
  public void removePod(String id) {
    write(d -> {
      if (!exists(d, "SELECT 1 FROM PodConfig WHERE ID=?", id)) {
        throw JpodException.notFound("no pod with ID " + id + " found in database: no such pod");
      }
      if (exists(d, "SELECT 1 FROM ContainerConfig WHERE PodID=?", id)) {
        throw JpodException.conflict("pod " + id + " is not empty: pod already exists");
      }
      d.update("DELETE FROM PodConfig WHERE ID=?", id);
      d.update("DELETE FROM IDNamespace WHERE ID=?", id);
      return null;
    });
  }

  private List<io.jpod.core.pod.PodRecord> podRecords(SqliteDatabase d, String sql, Object... params) throws SQLException {
    PreparedStatement ps = bind(d, sql, params);
    List<io.jpod.core.pod.PodRecord> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new io.jpod.core.pod.PodRecord(fromJson(rs.getString(3), io.jpod.core.pod.PodConfig.class),
            fromJson(rs.getString(4), io.jpod.core.pod.PodState.class)));
      }
    }
    return out;
  }

  /** SQLite's {@code PRAGMA integrity_check}: "ok", or the problems found (for {@code system check}). */
  public String integrityCheck() {
    return read(d -> String.join("\n", strings(d, "PRAGMA integrity_check")));
  }

  @Override
  public void close() {
    db.close();
  }

  // ---- plumbing ----

  private <T> T write(SqliteDatabase.Work<T> work) {
    ensureInitialized();
    return db.write(work);
  }

  private <T> T read(SqliteDatabase.Work<T> work) {
    ensureInitialized();
    return db.read(work);
  }

  /**
   * Opens the database on first use: checks (and if needed migrates) the schema and the recorded paths.
   * Why a read first: the common case (schema current) then never takes the write lock at startup.
   */
  private void ensureInitialized() {
    if (initialized) {
      return;
    }
    initLock.lock();
    try {
      if (initialized) {
        return;
      }
      boolean current = db.read(d -> {
        int recorded = schema.recordedVersion(d);
        schema.requireSupported(recorded, d);
        if (recorded > 0) {
          schema.verifyPaths(d, paths);
        }
        return recorded == schema.latestVersion();
      });
      if (!current) {
        db.write(d -> {
          // Re-check under the write lock: another process may have migrated meanwhile.
          if (schema.recordedVersion(d) > 0) {
            schema.verifyPaths(d, paths);
          }
          schema.migrate(d, paths);
          return null;
        });
      }
      initialized = true;
    } finally {
      initLock.unlock();
    }
  }

  private List<ContainerRecord> records(SqliteDatabase d, String sql, Object... params) throws SQLException {
    PreparedStatement ps = bind(d, sql, params);
    List<ContainerRecord> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new ContainerRecord(fromJson(rs.getString(3), ContainerConfig.class),
            fromJson(rs.getString(4), ContainerState.class)));
      }
    }
    return out;
  }

  private static List<String> strings(SqliteDatabase d, String sql, Object... params) throws SQLException {
    PreparedStatement ps = bind(d, sql, params);
    List<String> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static boolean exists(SqliteDatabase d, String sql, Object... params) throws SQLException {
    try (ResultSet rs = bind(d, sql, params).executeQuery()) {
      return rs.next();
    }
  }

  private static String idOfName(SqliteDatabase d, String name) throws SQLException {
    List<String> ids = strings(d, "SELECT ID FROM ContainerConfig WHERE Name=?", name);
    return ids.isEmpty() ? null : ids.getFirst();
  }

  private static PreparedStatement bind(SqliteDatabase d, String sql, Object... params) throws SQLException {
    PreparedStatement ps = d.prepare(sql);
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
    return ps;
  }

  private static JpodException nameInUseError(String name, String holderId) {
    // Podman's exact text (libpod/runtime_ctr.go).
    return JpodException.conflict("the container name \"" + name + "\" is already in use by " + holderId
        + ". You have to remove that container to be able to reuse that name: that name is already in use");
  }

  private static JpodException noSuchContainer(String id) {
    return JpodException.notFound("no container with ID " + id + " found in database: no such container");
  }

  private String toJson(Object value) {
    return json.write(value);
  }

  private <T> T fromJson(String text, Class<T> type) {
    return json.read(text, type);
  }

  /** Loads SQLite ahead of the first open (see {@link SqliteDatabase#warmUp()}). */
  public static void warmUp() {
    SqliteDatabase.warmUp();
  }
}
