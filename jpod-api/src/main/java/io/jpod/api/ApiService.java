package io.jpod.api;

import io.jpod.api.compat.CompatApi;
import io.jpod.api.http.ApiHandler;
import io.jpod.api.http.ApiVersion;
import io.jpod.api.http.Route;
import io.jpod.api.libpod.LibpodApi;
import io.jpod.api.libpod.LibpodViews;
import java.util.ArrayList;
import java.util.List;
import io.jpod.core.Libpod;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code jpod system service}: the Docker Engine API over the same engine the CLI uses, so a
 * container created through one is seen by the other at once (both read the one state database).
 */
public final class ApiService {
  private ApiService() {}

  /** Starts listening; the caller serves with {@link ApiServer#serve} and closes. */
  public static ApiServer start(Libpod libpod, ListenAddress address, String engineVersion, PrintStream log) {
    return start(libpod, null, address, engineVersion, log);
  }

  /**
   * As {@link #start(Libpod, ListenAddress, String, PrintStream)} with podman's libpod API too, whose
   * documents {@code views} builds (null: the Docker API only).
   */
  public static ApiServer start(Libpod libpod, LibpodViews views, ListenAddress address, String engineVersion, PrintStream log) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Api-Version", ApiVersion.MAX.toString());
    headers.put("Ostype", "linux");
    headers.put("Server", "Libpod/" + engineVersion + " (linux)");
    headers.put("Docker-Experimental", "false");
    headers.put("Libpod-Api-Version", engineVersion);
    List<Route> routes = new ArrayList<>();
    List<Route> compat = CompatApi.routes(libpod, engineVersion);
    if (views != null) {
      routes.addAll(LibpodApi.routes(libpod, views, compat, engineVersion));
    }
    routes.addAll(compat);
    ApiHandler handler = new ApiHandler(routes, libpod.json(), headers, t -> log.println("jpod system service: " + t));
    if (System.getenv("JPOD_API_TRACE") != null) {
      handler.traceRequests(r -> log.println("jpod system service: " + r));
    }
    return ApiServer.start(address, handler);
  }

  /** Runs until SIGTERM/SIGINT or {@code idle} without activity; removes the socket on the way out. */
  public static void run(Libpod libpod, ListenAddress address, String engineVersion, Duration idle, PrintStream log)
      throws InterruptedException {
    run(libpod, null, address, engineVersion, idle, log);
  }

  public static void run(Libpod libpod, LibpodViews views, ListenAddress address, String engineVersion, Duration idle,
      PrintStream log) throws InterruptedException {
    ApiServer server = start(libpod, views, address, engineVersion, log);
    Thread hook = new Thread(server::close, "jpod-api-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      server.serve(idle);
    } finally {
      server.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down
      }
    }
  }
}
