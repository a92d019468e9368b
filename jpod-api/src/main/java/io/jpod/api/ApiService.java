package io.jpod.api;

import io.jpod.api.compat.CompatApi;
import io.jpod.api.http.ApiHandler;
import io.jpod.api.http.ApiVersion;
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
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Api-Version", ApiVersion.MAX.toString());
    headers.put("Ostype", "linux");
    headers.put("Server", "Libpod/" + engineVersion + " (linux)");
    headers.put("Docker-Experimental", "false");
    headers.put("Libpod-Api-Version", engineVersion);
    ApiHandler handler = new ApiHandler(CompatApi.routes(libpod, engineVersion), libpod.json(), headers,
        t -> log.println("jpod system service: " + t));
    return ApiServer.start(address, handler);
  }

  /** Runs until SIGTERM/SIGINT or {@code idle} without activity; removes the socket on the way out. */
  public static void run(Libpod libpod, ListenAddress address, String engineVersion, Duration idle, PrintStream log)
      throws InterruptedException {
    ApiServer server = start(libpod, address, engineVersion, log);
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
