package io.jpod.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.jpod.common.JpodException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One request and its response, with the Docker API's conventions: lenient booleans, the filters
 * map, JSON bodies read as trees (unknown fields and nulls tolerated), JSON errors, streams whose
 * headers are flushed at once, and hijacking of the connection for attach and exec.
 */
public final class Exchange {
  public static final String RAW_STREAM = "application/vnd.docker.raw-stream";
  public static final String MULTIPLEXED_STREAM = "application/vnd.docker.multiplexed-stream";

  private final Request request;
  private final Response response;
  private final ObjectMapper json;
  private final ApiVersion version;
  private final String path;
  private Map<String, String> params = Map.of();
  private Fields query;
  private boolean committed;
  private boolean hijacked;

  public Exchange(Request request, Response response, ObjectMapper json, ApiVersion version, String path) {
    this.request = request;
    this.response = response;
    this.json = json;
    this.version = version;
    this.path = path;
  }

  // ---- request ---------------------------------------------------------------------------------

  public String method() {
    return request.getMethod();
  }

  public String path() {
    return path;
  }

  public ApiVersion version() {
    return version;
  }

  public ObjectMapper json() {
    return json;
  }

  void params(Map<String, String> p) {
    params = p;
  }

  /** A path parameter. */
  public String param(String name) {
    return params.get(name);
  }

  public String header(String name) {
    return request.getHeaders().get(name);
  }

  private Fields query() {
    if (query == null) {
      query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    }
    return query;
  }

  /** A query parameter, or null. */
  public String query(String name) {
    return query().getValue(name);
  }

  /** All values of a repeatable query parameter. */
  public List<String> queryAll(String name) {
    List<String> v = query().getValues(name);
    return v == null ? List.of() : v;
  }

  /** Docker's BoolValue: "", 0, no, false and none are false; anything else is true. */
  public boolean bool(String name, boolean dflt) {
    String v = query(name);
    if (v == null) {
      return dflt;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "", "0", "no", "false", "none" -> false;
      default -> true;
    };
  }

  /** An integer query parameter; null when absent or empty, 400 when not a number. */
  public Integer integer(String name) {
    String v = query(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw JpodException.invalid("invalid value for " + name + ": \"" + v + "\" is not a number");
    }
  }

  public Filters filters() {
    return Filters.parse(query("filters"), json);
  }

  public InputStream bodyStream() {
    return Content.Source.asInputStream(request);
  }

  /** The JSON body as a tree; an empty body is JSON null. Malformed JSON is a 400. */
  public JsonNode body() {
    byte[] bytes;
    try (InputStream in = bodyStream()) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw JpodException.invalid("reading request body: " + e.getMessage());
    }
    if (bytes.length == 0) {
      return NullNode.getInstance();
    }
    try {
      JsonNode n = json.readTree(bytes);
      return n == null ? NullNode.getInstance() : n;
    } catch (IOException e) {
      String m = e.getMessage() == null ? "" : e.getMessage();
      int nl = m.indexOf('\n');
      throw JpodException.invalid("Decode(): " + (nl < 0 ? m : m.substring(0, nl)));
    }
  }

  /**
   * The JSON body of an endpoint that takes an object (Docker's config structs): an array, string or
   * number is a 400, as Go's decoder refuses it; an empty body is JSON null.
   */
  public JsonNode bodyObject() {
    JsonNode n = body();
    if (!n.isNull() && !n.isObject()) {
      throw JpodException.invalid("Decode(): json: cannot unmarshal " + (n.isArray() ? "array" : n.isTextual() ? "string"
          : n.isNumber() ? "number" : n.isBoolean() ? "bool" : "value") + " into an object");
    }
    return n;
  }

  // ---- response --------------------------------------------------------------------------------

  public boolean committed() {
    return committed;
  }

  boolean hijacked() {
    return hijacked;
  }

  public void header(String name, String value) {
    response.getHeaders().put(name, value);
  }

  /** A complete JSON answer. */
  public void json(int status, Object body) {
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw JpodException.system("encoding response: " + e.getMessage(), e);
    }
    send(status, "application/json", bytes, true);
  }

  public void text(int status, String body) {
    send(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), true);
  }

  /** A status without a body (204, 304, 201 for tag). */
  public void status(int status) {
    send(status, null, new byte[0], false);
  }

  public void error(int status, String message) {
    if (status == 304) {
      status(304);
      return;
    }
    String m = message == null ? "" : message;
    if (path.startsWith("/libpod/")) {
      // podman's clients read the cause to pick exit codes (no such container, image not known...)
      Map<String, Object> body = new java.util.LinkedHashMap<>();
      body.put("cause", cause(m));
      body.put("message", m);
      body.put("response", status);
      json(status, body);
      return;
    }
    json(status, Map.of("message", m));
  }

  /** The innermost error of a wrapped message ("...: no such container"), as podman's errors.Cause. */
  static String cause(String message) {
    int i = message.lastIndexOf(": ");
    return i < 0 ? message : message.substring(i + 2);
  }

  private void send(int status, String contentType, byte[] bytes, boolean withLength) {
    committed = true;
    response.setStatus(status);
    if (contentType != null) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    }
    if (withLength || bytes.length > 0) {
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    }
    boolean head = "HEAD".equals(request.getMethod());
    write(true, head ? BufferUtil.EMPTY_BUFFER : ByteBuffer.wrap(bytes));
  }

  private void write(boolean last, ByteBuffer buf) {
    Callback.Completable c = new Callback.Completable();
    response.write(last, buf, c);
    try {
      c.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StreamClosed(new InterruptedIOException());
    } catch (ExecutionException e) {
      throw new StreamClosed(e.getCause());
    }
  }

  /** The client went away while a response was being written. */
  public static final class StreamClosed extends RuntimeException {
    StreamClosed(Throwable cause) {
      super(cause);
    }
  }

  private volatile boolean clientGone;

  /** Whether the client has hung up while a long answer (wait, logs, events) is pending. */
  public boolean clientGone() {
    if (clientGone || !endPoint().isOpen()) {
      return true;
    }
    // While a request is being answered Jetty does not read the connection, so a hang-up goes unseen;
    // a non-blocking read tells. HTTP/1.1 clients send nothing more on a connection before its
    // answer is complete, so no request byte is taken from Jetty here.
    if (endPoint().getTransport() instanceof java.nio.channels.SocketChannel ch) {
      try {
        if (ch.read(ByteBuffer.allocate(1)) < 0) {
          clientGone = true;
        }
      } catch (IOException | RuntimeException e) {
        clientGone = true;
      }
    }
    return clientGone;
  }

  private void watchForHangUp() {
    request.addFailureListener(t -> clientGone = true);
  }

  /**
   * Runs a blocking wait on its own virtual thread and gives up (interrupting it) when the client
   * hangs up, so abandoned waits do not hold threads and connections until their containers exit;
   * null then.
   */
  public <T> T untilHangUp(java.util.concurrent.Callable<T> work) {
    return untilHangUp(work, null);
  }

  /** As {@link #untilHangUp(java.util.concurrent.Callable)}, also giving up at {@code deadline} (null: none). */
  public <T> T untilHangUp(java.util.concurrent.Callable<T> work, java.time.Instant deadline) {
    java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(work);
    Thread t = Thread.ofVirtual().name("jpod-api-wait").start(task);
    try {
      while (true) {
        try {
          return task.get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          if (clientGone() || (deadline != null && java.time.Instant.now().isAfter(deadline))) {
            t.interrupt();
            return null;
          }
        }
      }
    } catch (InterruptedException e) {
      t.interrupt();
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw JpodException.system(String.valueOf(e.getCause()), e.getCause());
    }
  }

  /** Keeps a long response (follow, wait, events) from being cut by the connector's idle timeout. */
  public void noIdleTimeout() {
    endPoint().setIdleTimeout(0);
  }

  private EndPoint endPoint() {
    return request.getConnectionMetaData().getConnection().getEndPoint();
  }

  /**
   * Starts a streamed answer: the status and headers are flushed at once (clients such as
   * {@code docker run} wait for them before going on), then every write is sent as it comes.
   */
  public OutputStream stream(int status, String contentType) {
    committed = true;
    noIdleTimeout();
    watchForHangUp();
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    write(false, BufferUtil.EMPTY_BUFFER);
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return;
        }
        try {
          Exchange.this.write(false, ByteBuffer.wrap(b, off, len));
        } catch (StreamClosed e) {
          throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
      }
    };
  }

  /** The two directions of a hijacked connection. */
  public record Streams(InputStream in, OutputStream out, Runnable closeOutput) {}

  /**
   * Takes the connection over for a raw bidirectional stream (attach, exec start). With an
   * {@code Upgrade} header the answer is 101 and {@code session} runs once Jetty has handed the
   * endpoint over; without one (docker-java's exec start) the answer is a 200 whose body is the raw
   * output, ended by closing the connection.
   */
  public void hijack(String contentType, Consumer<Streams> session) {
    committed = true;
    String upgrade = header("Upgrade");
    if (upgrade != null && !upgrade.isBlank()) {
      hijacked = true;
      EndPoint ep = endPoint();
      RawConnection raw = new RawConnection(ep, r -> session.accept(new Streams(r.input(), r.output(), r::shutdownOutput)));
      request.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, raw);
      response.setStatus(101);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
      response.getHeaders().put(HttpHeader.CONNECTION, "Upgrade");
      response.getHeaders().put(HttpHeader.UPGRADE, "tcp");
      return;
    }
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    OutputStream out = stream(200, contentType);
    session.accept(new Streams(InputStream.nullInputStream(), out, () -> {}));
  }

  /** A 400 unless the request asks for a websocket ({@code Upgrade: websocket} with a key). */
  public void requireWebSocketHandshake() {
    String upgrade = header("Upgrade");
    String key = header("Sec-WebSocket-Key");
    if (upgrade == null || !upgrade.equalsIgnoreCase("websocket") || key == null || key.isBlank()) {
      throw JpodException.invalid("websocket: the request is not a websocket handshake (Upgrade: websocket and Sec-WebSocket-Key needed)");
    }
  }

  /**
   * Takes the connection over as a websocket (RFC 6455 handshake answered with 101): the session
   * reads the client's messages as one byte stream and each write goes out as one message (binary
   * from API 1.28 on, text before, as Docker does). A request that is no websocket handshake is a 400.
   */
  public void hijackWebSocket(Consumer<Streams> session) {
    requireWebSocketHandshake();
    String key = header("Sec-WebSocket-Key");
    committed = true;
    hijacked = true;
    boolean binary = version.atLeast(1, 28);
    RawConnection raw = new RawConnection(endPoint(), r -> {
      WebSocket ws = new WebSocket(r.input(), r.output(), binary);
      try {
        session.accept(new Streams(ws.input(), ws.output(), ws::close));
      } finally {
        ws.close();
      }
    });
    request.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, raw);
    response.setStatus(101);
    response.getHeaders().put(HttpHeader.CONNECTION, "Upgrade");
    response.getHeaders().put(HttpHeader.UPGRADE, "websocket");
    response.getHeaders().put("Sec-WebSocket-Accept", WebSocket.accept(key));
  }
}
