package io.jpod.api.compat;

import io.jpod.api.http.Exchange;
import io.jpod.api.http.Route;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.filesystem.ContainerCopy;
import io.jpod.core.state.ContainerRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /containers/{id}/archive}: stat (HEAD), tar out (GET) and tar in (PUT), on the engine's cp. */
final class ArchiveRoutes {
  private static final long GO_DIR = 1L << 31;
  private static final long GO_SYMLINK = 1L << 27;

  private final Libpod libpod;
  private final ContainerRoutes containers;

  ArchiveRoutes(Libpod libpod, ContainerRoutes containers) {
    this.libpod = libpod;
    this.containers = containers;
  }

  List<Route> routes() {
    return List.of(
        Route.of("HEAD", "/containers/{id}/archive", ex -> { statHeader(ex, path(ex)); ex.status(200); }),
        Route.of("GET", "/containers/{id}/archive", this::get),
        Route.of("PUT", "/containers/{id}/archive", this::put));
  }

  private static String path(Exchange ex) {
    String p = ex.query("path");
    if (p == null || p.isEmpty()) {
      throw JpodException.invalid("path is required");
    }
    return p;
  }

  private ContainerCopy.PathStat statHeader(Exchange ex, String path) throws IOException {
    ContainerRecord rec = containers.get(ex);
    ContainerCopy.PathStat st = libpod.filesystem().copy().stat(rec.config().id(), path);
    long mode = st.permissions() | (st.directory() ? GO_DIR : 0) | (st.symlink() ? GO_SYMLINK : 0);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", st.name());
    m.put("size", st.size());
    m.put("mode", mode);
    m.put("mtime", st.modified().toString());
    m.put("linkTarget", st.linkTarget());
    ex.header("X-Docker-Container-Path-Stat", Base64.getEncoder().encodeToString(ex.json().writeValueAsBytes(m)));
    return st;
  }

  private void get(Exchange ex) throws IOException {
    String path = path(ex);
    statHeader(ex, path);
    String id = containers.get(ex).config().id();
    OutputStream out = ex.stream(200, "application/x-tar");
    libpod.filesystem().copy().copy(id + ":" + path, "-", new ContainerCopy.Options(false, false), null, out);
    out.flush();
  }

  private void put(Exchange ex) throws IOException {
    String path = path(ex);
    String id = containers.get(ex).config().id();
    ContainerCopy.PathStat st = libpod.filesystem().copy().stat(id, path);
    if (!st.directory() && !(st.symlink())) {
      throw JpodException.invalid("extraction point is not a directory");
    }
    boolean copyUidGid = ex.bool("copyUIDGID", false);
    boolean noOverwrite = ex.bool("noOverwriteDirNonDir", false);
    libpod.filesystem().copy().copy("-", id + ":" + path, new ContainerCopy.Options(!copyUidGid, !noOverwrite), ex.bodyStream(), null);
    ex.status(200);
  }
}
