package io.jpod.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Routes requests (versioned or not) to endpoints, puts Docker's common headers on every answer and
 * turns failures into Docker's JSON errors: the status comes from the {@link ErrorKind}, so client
 * mistakes are 4xx and only engine failures are 500.
 */
public final class ApiHandler extends Handler.Abstract {
  private final List<Route> routes;
  private final ObjectMapper json;
  private final Map<String, String> commonHeaders;
  private final AtomicInteger active = new AtomicInteger();
  private final Consumer<Throwable> log;

  public ApiHandler(List<Route> routes, ObjectMapper json, Map<String, String> commonHeaders, Consumer<Throwable> log) {
    super(InvocationType.BLOCKING);
    this.routes = List.copyOf(routes);
    this.json = json;
    this.commonHeaders = Map.copyOf(commonHeaders);
    this.log = log;
  }

  private volatile Consumer<String> trace;

  /** Logs every request's method, path and status (for finding out what a client calls). */
  public void traceRequests(Consumer<String> sink) {
    trace = sink;
  }

  /** Requests being handled now (the idle timer only runs when there are none). */
  public int active() {
    return active.get();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    active.incrementAndGet();
    try {
      commonHeaders.forEach((k, v) -> response.getHeaders().put(k, v));
      String path = decode(request.getHttpURI().getPath());
      Exchange ex;
      try {
        ApiVersion.Split split = ApiVersion.split(path);
        ex = new Exchange(request, response, json, split.version(), split.path());
      } catch (JpodException e) {
        ex = new Exchange(request, response, json, ApiVersion.MAX, path);
        ex.error(400, e.getMessage());
        callback.succeeded();
        return true;
      }
      if (io.jpod.common.Trace.enabled()) {
        io.jpod.common.Trace.mark("api " + request.getMethod() + " " + path);
      }
      run(ex);
      if (io.jpod.common.Trace.enabled()) {
        io.jpod.common.Trace.mark("api " + request.getMethod() + " " + path + " -> " + response.getStatus());
      }
      Consumer<String> t = trace;
      if (t != null) {
        t.accept(request.getMethod() + " " + request.getHttpURI().getPathQuery() + " -> " + response.getStatus());
      }
      callback.succeeded();
    } catch (Throwable t) {
      callback.failed(t);
    } finally {
      active.decrementAndGet();
    }
    return true;
  }

  private void run(Exchange ex) {
    boolean pathKnown = false;
    try {
      for (Route r : routes) {
        Map<String, String> p = r.match(ex.path());
        if (p == null) {
          continue;
        }
        pathKnown = true;
        if (r.method().equals(ex.method()) || (r.method().equals("GET") && ex.method().equals("HEAD") && !hasHead(ex.path()))) {
          ex.params(p);
          r.handler().handle(ex);
          if (!ex.committed()) {
            ex.status(204);
          }
          return;
        }
      }
      if (pathKnown) {
        ex.error(405, "method " + ex.method() + " not allowed for " + ex.path());
      } else {
        ex.error(404, "page not found");
      }
    } catch (Exchange.StreamClosed e) {
      // the client hung up mid-stream: nothing left to tell it
    } catch (JpodException e) {
      answerError(ex, e.kind().httpStatus(), e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      answerError(ex, 400, e.getMessage(), e);
    } catch (Exception e) {
      if (clientGone(e)) {
        return; // a client that hangs up while we write (docker run closes its attach) is not an error
      }
      log.accept(e);
      answerError(ex, 500, String.valueOf(e.getMessage()), e);
    }
  }

  private static boolean clientGone(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof org.eclipse.jetty.io.EofException || c instanceof java.nio.channels.ClosedChannelException) {
        return true;
      }
    }
    return false;
  }

  private boolean hasHead(String path) {
    for (Route r : routes) {
      if (r.method().equals("HEAD") && r.match(path) != null) {
        return true;
      }
    }
    return false;
  }

  private void answerError(Exchange ex, int status, String message, Throwable t) {
    if (ex.committed()) {
      if (status >= 500) {
        log.accept(t);
      }
      return; // the status line is gone; the stream just ends
    }
    ex.error(status, message);
  }

  /** Percent-decodes a path ('+' stays '+'): docker-java sends image names with %2F. */
  static String decode(String raw) {
    if (raw == null) {
      return "/";
    }
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()) {
        int h = Character.digit(raw.charAt(i + 1), 16);
        int l = Character.digit(raw.charAt(i + 2), 16);
        if (h >= 0 && l >= 0) {
          out.write(h * 16 + l);
          i += 2;
          continue;
        }
      }
      byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
      out.write(b, 0, b.length);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
