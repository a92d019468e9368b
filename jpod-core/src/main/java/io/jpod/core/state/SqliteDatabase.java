package io.jpod.core.state;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * One lazily opened SQLite connection with podman's pragmas, a prepared-statement cache and
 * transactions that retry SQLITE_BUSY.
 *
 * <p>Why one connection and a mutex instead of a pool: every CLI invocation is a short process, SQLite
 * serializes writers anyway, and a pool costs startup time. Threads of one process take turns here;
 * processes take turns inside SQLite (busy_timeout).
 */
final class SqliteDatabase implements AutoCloseable {

  /** Work done inside one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(SqliteDatabase db) throws SQLException;
  }

  /** Podman's default busy timeout (libpod/sqlite_state.go, _busy_timeout=100000). */
  static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofMillis(100_000);

  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;
  private static final int MAX_RETRIES = 6;

  private final Path file;
  private final int busyTimeoutMs;
  private final ReentrantLock mutex = new ReentrantLock();
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private Connection connection;
  private boolean closed;

  SqliteDatabase(Path file, Duration busyTimeout) {
    this.file = file;
    this.busyTimeoutMs = (int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis());
  }

  Path file() {
    return file;
  }

  /**
   * Runs {@code work} in a {@code BEGIN IMMEDIATE} transaction. Why IMMEDIATE: a deferred transaction
   * that reads then writes must upgrade its lock, and two processes upgrading at once deadlock with
   * SQLITE_BUSY that no busy_timeout can resolve; taking the write lock up front makes them queue.
   */
  <T> T write(Work<T> work) {
    return transaction("BEGIN IMMEDIATE", work);
  }

  /** Runs {@code work} in a plain (deferred, read-only in practice) transaction: one consistent snapshot. */
  <T> T read(Work<T> work) {
    return transaction("BEGIN", work);
  }

  /** A cached prepared statement for {@code sql}, with its parameters cleared. */
  PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    } else {
      ps.clearParameters();
    }
    return ps;
  }

  /** Executes one statement that returns no rows. */
  int update(String sql, Object... params) throws SQLException {
    PreparedStatement ps = prepare(sql);
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
    return ps.executeUpdate();
  }

  /** Executes a statement without caching it (DDL, which runs once per database lifetime). */
  void executeOnce(String sql) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.executeUpdate(sql);
    }
  }

  private <T> T transaction(String begin, Work<T> work) {
    mutex.lock();
    try {
      for (int attempt = 0; ; attempt++) {
        try {
          ensureOpen();
          update(begin);
          boolean committed = false;
          try {
            T result = work.run(this);
            update("COMMIT");
            committed = true;
            return result;
          } finally {
            if (!committed) {
              rollbackQuietly();
            }
          }
        } catch (SQLException e) {
          // Why retry at all with a 100 s busy_timeout: a few paths (WAL recovery after a crash, a
          // checkpoint racing an open) return SQLITE_BUSY without calling the busy handler.
          if (isBusy(e) && attempt < MAX_RETRIES) {
            backoff(attempt);
            continue;
          }
          throw JpodException.system("state database " + file + ": " + e.getMessage(), e);
        }
      }
    } finally {
      mutex.unlock();
    }
  }

  private void ensureOpen() throws SQLException {
    if (closed) {
      throw new IllegalStateException("state database " + file + " is closed");
    }
    if (connection != null) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw JpodException.system("creating " + file.getParent() + ": " + e.getMessage(), e);
    }
    SQLiteConfig config = new SQLiteConfig();
    // Podman's DSN: _sync=FULL&_foreign_keys=1&_busy_timeout=100000, and WAL (set once, persistent).
    // FULL + WAL is what makes a SIGKILL (or power loss) mid-transaction harmless: a commit is durable
    // once COMMIT returns and an unfinished one is simply absent after recovery.
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(busyTimeoutMs);
    // We issue BEGIN IMMEDIATE ourselves (autocommit stays on, so the driver never opens a transaction
    // behind our back), but set the mode too so any setAutoCommit(false) user also gets IMMEDIATE.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    connection = config.createConnection("jdbc:sqlite:" + file);
  }

  private void rollbackQuietly() {
    if (connection == null) {
      return;
    }
    try {
      update("ROLLBACK");
    } catch (SQLException ignored) {
      // Why ignored: SQLite may already have rolled back (e.g. after SQLITE_FULL); "no transaction is
      // active" is the only likely error and leaves the connection usable.
    }
  }

  static boolean isBusy(SQLException e) {
    int primary = e.getErrorCode() & 0xff;
    return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
  }

  private static void backoff(int attempt) {
    long base = 20L << Math.min(attempt, 6);
    try {
      Thread.sleep(base + ThreadLocalRandom.current().nextLong(base));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw JpodException.system("interrupted while waiting for the state database", e);
    }
  }

  @Override
  public void close() {
    mutex.lock();
    try {
      closed = true;
      for (PreparedStatement ps : statements.values()) {
        try {
          ps.close();
        } catch (SQLException ignored) {
          // closing anyway
        }
      }
      statements.clear();
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException e) {
          throw JpodException.system("closing state database " + file + ": " + e.getMessage(), e);
        } finally {
          connection = null;
        }
      }
    } finally {
      mutex.unlock();
    }
  }

  /**
   * Loads the SQLite driver and its native library and initializes its configuration classes, so that
   * a later open only opens; for a second thread to do while a fresh process is busy elsewhere.
   * Failures are left for the real open to report.
   */
  public static void warmUp() {
    try {
      new SQLiteConfig();
      org.sqlite.SQLiteJDBCLoader.initialize();
    } catch (Exception | LinkageError e) {
      // the real open reports it
    }
  }
}
