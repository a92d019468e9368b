package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API service under client mistakes and misbehaving clients: every bad request gets its 4xx with
 * a JSON message, 200 concurrent requests are all served, clients that hang up mid-stream free their
 * threads and file descriptors, websocket attach works, and the service can be socket-activated.
 */
class ApiRobustnessIT extends JpodTestBase {
  private ApiService api;

  @BeforeAll
  void startService() throws IOException, InterruptedException {
    api = ApiService.start(jpod);
  }

  @AfterAll
  void stopService() throws InterruptedException {
    if (api != null) {
      assertThat(api.stop()).isTrue();
    }
  }

  private SocketChannel connect() throws IOException {
    return SocketChannel.open(UnixDomainSocketAddress.of(api.sock));
  }

  private static void send(SocketChannel ch, String method, String path, Map<String, String> headers, String body) throws IOException {
    SocketHttp.send(ch, method, path, headers, body);
  }

  private SocketHttp.Response http(String method, String path, String body) {
    return SocketHttp.exchange(api.sock, method, path, body);
  }

  private SocketHttp.Response http(String method, String path, Map<String, String> headers, String body) {
    return SocketHttp.exchange(api.sock, method, path, headers, body);
  }

  /** One client mistake and the status Docker answers it with. */
  private record Bad(String method, String path, String body, Map<String, String> headers, int status, String messagePart) {
    Bad(String method, String path, String body, int status, String messagePart) {
      this(method, path, body, Map.of(), status, messagePart);
    }
  }

  @Test
  void everyClientMistakeGetsItsStatusAndAJsonMessage() {
    String name = uniqueName("rb");
    assertThat(api.docker("run", "-d", "--name", name, "busybox", "sleep", "600")).exitsCleanly();
    String stopped = uniqueName("rbs");
    assertThat(api.docker("create", "--name", stopped, "busybox", "true")).exitsCleanly();
    List<Bad> table = List.of(
        new Bad("POST", "/containers/create", "{bad", 400, "Decode"),
        new Bad("POST", "/containers/create", "[1,2]", 400, ""),
        new Bad("POST", "/containers/create", "{\"Image\":\"busybox\",\"Cmd\":5}", 400, "Cmd"),
        new Bad("POST", "/containers/create", "{\"Image\":\"busybox\",\"Env\":\"A=b\"}", 400, "Env"),
        new Bad("POST", "/containers/create", "{\"Image\":\"busybox\",\"HostConfig\":{\"Binds\":\"/a:/b\"}}", 400, "Binds"),
        new Bad("POST", "/containers/create", "{\"Image\":\"busybox\",\"HostConfig\":{\"PortBindings\":{\"80/tcp\":[\"x\"]}}}", 400, "PortBindings"),
        new Bad("POST", "/containers/create", "{\"Image\":\"busybox\",\"Healthcheck\":{\"Test\":\"true\"}}", 400, "Test"),
        new Bad("POST", "/containers/create", "{\"Image\":\"busybox\",\"Labels\":[\"a\"]}", 400, "Labels"),
        new Bad("POST", "/containers/" + name + "/update", "{\"RestartPolicy\":{\"Name\":\"sometimes\"}}", 400, "restart policy"),
        new Bad("POST", "/containers/create", "{\"Image\":\"busybox\",\"HostConfig\":{\"Memory\":\"lots\"}}", 400, "Memory"),
        new Bad("POST", "/containers/create", "{\"Image\":\"nosuch-image\"}", 404, "No such image"),
        new Bad("POST", "/containers/create?name=bad%20name", "{\"Image\":\"busybox\"}", 400, "Invalid container name"),
        new Bad("POST", "/containers/create?name=" + name, "{\"Image\":\"busybox\"}", 409, "already in use"),
        new Bad("GET", "/containers/nosuch/json", null, 404, "No such container: nosuch"),
        new Bad("GET", "/containers/json?filters=%7Bbad", null, 400, "invalid filter"),
        new Bad("GET", "/containers/json?filters=%7B%22bogus%22%3A%5B%22x%22%5D%7D", null, 400, "bogus"),
        new Bad("GET", "/containers/json?filters=%7B%22status%22%3A%5B%22sleepy%22%5D%7D", null, 400, "sleepy"),
        new Bad("GET", "/containers/json?limit=many", null, 400, "limit"),
        new Bad("POST", "/containers/" + name + "/start", null, 304, null),
        new Bad("POST", "/containers/" + stopped + "/stop", null, 304, null),
        new Bad("POST", "/containers/" + stopped + "/kill", null, 409, "not running"),
        new Bad("POST", "/containers/" + name + "/kill?signal=SIGNOPE", null, 400, "Invalid signal"),
        new Bad("DELETE", "/containers/" + name, null, 409, "running"),
        new Bad("POST", "/containers/" + name + "/wait?condition=bogus", null, 400, "condition"),
        new Bad("POST", "/containers/" + name + "/resize?h=x&w=1", null, 400, "h"),
        new Bad("POST", "/containers/" + name + "/rename", null, 400, "empty"),
        new Bad("POST", "/containers/" + stopped + "/exec", "{\"Cmd\":[\"true\"]}", 409, "not running"),
        new Bad("POST", "/containers/" + name + "/exec", "{}", 400, "No exec command"),
        new Bad("POST", "/exec/nosuch/start", "{}", 404, "No such exec instance"),
        new Bad("POST", "/exec/nosuch/resize?h=1&w=1", null, 404, "No such exec instance"),
        new Bad("GET", "/containers/" + name + "/logs", null, 400, "at least one stream"),
        new Bad("POST", "/containers/" + name + "/attach?stream=0&logs=0&stdout=1", null, 400, "Logs or Stream"),
        new Bad("GET", "/containers/" + name + "/attach/ws?stream=1", null, 400, "websocket"),
        new Bad("GET", "/containers/nosuch/attach/ws", null, 404, "No such container"),
        new Bad("HEAD", "/containers/" + name + "/archive", null, 400, null),
        new Bad("GET", "/containers/" + name + "/archive?path=/nonexistent", null, 404, "nonexistent"),
        new Bad("POST", "/containers/" + name + "/update", "{\"Memory\":\"x\"}", 400, "Memory"),
        new Bad("GET", "/images/nosuch/json", null, 404, "No such image"),
        new Bad("DELETE", "/images/nosuch", null, 404, "No such image"),
        new Bad("POST", "/images/create", null, 400, "fromImage"),
        new Bad("POST", "/images/create?fromSrc=http%3A%2F%2F192.0.2.1%2Fx.tar", null, 400, "loopback"),
        new Bad("POST", "/images/create?fromImage=busybox", null, Map.of("X-Registry-Auth", "!!!"), 400, "X-Registry-Auth"),
        new Bad("GET", "/images/search", null, 400, "term"),
        new Bad("POST", "/auth", "{bad", 400, "Decode"),
        new Bad("GET", "/networks/nosuch", null, 404, "nosuch"),
        new Bad("POST", "/networks/create", "{\"Name\":5}", 400, "Name"),
        new Bad("POST", "/volumes/create", "[]", 400, "array"),
        new Bad("POST", "/containers/create", "{\"Image\":\"busybox\",\"HostConfig\":{\"PortBindings\":{\"80/tcp\":[{\"HostPort\":5}]}}}", 400, "HostPort"),
        new Bad("GET", "/volumes/nosuch", null, 404, "no such volume"),
        new Bad("GET", "/events?filters=%7Bbad", null, 400, "invalid filter"),
        new Bad("GET", "/v1.99/version", null, 400, "too new"),
        new Bad("PATCH", "/containers/json", null, 405, "not allowed"),
        new Bad("GET", "/no/such/route", null, 404, "page not found"));
    List<String> failures = new ArrayList<>();
    for (Bad b : table) {
      SocketHttp.Response r = http(b.method(), b.path(), b.headers(), b.body());
      String what = b.method() + " " + b.path() + " -> " + r.status() + " " + r.body();
      if (r.status() != b.status()) {
        failures.add("status: " + what);
        continue;
      }
      if (b.status() == 304 || b.method().equals("HEAD")) {
        continue;
      }
      JsonNode m = r.json().get("message");
      if (m == null || m.asText().isEmpty() || !m.asText().contains(b.messagePart())) {
        failures.add("message: " + what);
      }
    }
    assertThat(failures).isEmpty();
    assertThat(http("GET", "/_ping", null).body()).isEqualTo("OK");
  }

  private long pid() {
    return api.process.process().pid();
  }

  private int count(String what) {
    try (var s = Files.list(Path.of("/proc/" + pid() + "/" + what))) {
      return (int) s.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void concurrentRequestsAndClientsThatHangUpLeakNothing() throws Exception {
    String name = uniqueName("chat");
    assertThat(api.docker("run", "-d", "-i", "--name", name, "busybox", "sh", "-c", "while true; do echo tick; sleep 0.2; done"))
        .exitsCleanly();
    // warm up every path used below once, so lazily made pools and classes are in the baseline
    assertThat(http("GET", "/containers/json?all=1", null).status()).isEqualTo(200);
    hangUps(name);
    Thread.sleep(3000);
    int fds = count("fd");
    int threads = count("task");

    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Integer>> all = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int k = i;
        all.add(pool.submit(() -> switch (k % 4) {
          case 0 -> http("GET", "/containers/json?all=1", null).status();
          case 1 -> http("GET", "/containers/" + name + "/json", null).status();
          case 2 -> http("GET", "/containers/nosuch/json", null).status() == 404 ? 200 : -1;
          default -> http("GET", "/images/json", null).status();
        }));
      }
      for (Future<Integer> f : all) {
        assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo(200);
      }
    }
    assertThat(waitFor(Duration.ofSeconds(20), () -> count("fd") <= fds + 2)).as("fds %d -> %d", fds, count("fd")).isTrue();
    // the burst may grow Jetty's bounded pool of platform threads (16) for a while; nothing more
    int afterBurst = count("task");
    assertThat(afterBurst).isLessThanOrEqualTo(threads + 20);
    for (int round = 0; round < 3; round++) {
      hangUps(name);
    }
    // the service notices hang-ups on its own polls (at most a second or two apart)
    boolean settled = waitFor(Duration.ofSeconds(20), () -> count("fd") <= fds + 2 && count("task") <= afterBurst + 2);
    assertThat(settled).as("fds %d -> %d, threads %d -> %d", fds, count("fd"), afterBurst, count("task")).isTrue();
    assertThat(http("GET", "/_ping", null).body()).isEqualTo("OK");
    assertThat(api.docker("ps", "--format", "{{.Names}}", "--filter", "name=" + name)).exitsCleanly().stdoutIs(name);
  }

  /** Clients that open a long answer (logs -f, attach, events, wait, a half-sent body) and drop it. */
  private void hangUps(String name) throws Exception {
    List<SocketChannel> open = new ArrayList<>();
    try {
      for (String[] req : List.of(
          new String[] {"GET", "/containers/" + name + "/logs?follow=1&stdout=1"},
          new String[] {"GET", "/events"},
          new String[] {"POST", "/containers/" + name + "/wait"},
          new String[] {"GET", "/containers/" + name + "/stats"})) {
        SocketChannel ch = connect();
        send(ch, req[0], req[1], Map.of(), null);
        open.add(ch);
      }
      SocketChannel attach = connect();
      send(attach, "POST", "/containers/" + name + "/attach?stream=1&stdin=1&stdout=1",
          Map.of("Upgrade", "tcp", "Connection", "Upgrade"), null);
      open.add(attach);
      for (SocketChannel ch : open) {
        ch.read(ByteBuffer.allocate(256)); // the answer has begun
      }
      // a body announced but never sent in full (no answer to wait for)
      SocketChannel partial = connect();
      partial.write(ByteBuffer.wrap(("POST /containers/create HTTP/1.1\r\nHost: api\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1000\r\n\r\n{\"Image\":").getBytes(StandardCharsets.US_ASCII)));
      open.add(partial);
      Thread.sleep(300);
    } finally {
      for (SocketChannel ch : open) {
        ch.close();
      }
    }
  }

  // ---- websocket -------------------------------------------------------------------------------

  /** A minimal RFC 6455 client over the unix socket (the JDK's WebSocket cannot use one). */
  private static final class WsClient implements AutoCloseable {
    final SocketChannel ch;
    final InputStream in;
    final OutputStream out;
    final String head;

    WsClient(SocketChannel ch, String path) throws Exception {
      this.ch = ch;
      this.in = Channels.newInputStream(ch);
      this.out = Channels.newOutputStream(ch);
      byte[] nonce = new byte[16];
      ThreadLocalRandom.current().nextBytes(nonce);
      String key = Base64.getEncoder().encodeToString(nonce);
      send(ch, "GET", path, Map.of("Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Key", key,
          "Sec-WebSocket-Version", "13"), null);
      ByteArrayOutputStream h = new ByteArrayOutputStream();
      while (!h.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int c = in.read();
        if (c < 0) {
          break;
        }
        h.write(c);
      }
      head = h.toString(StandardCharsets.ISO_8859_1);
      String expect = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
          .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
      assertThat(head).startsWith("HTTP/1.1 101").containsIgnoringCase("Sec-WebSocket-Accept: " + expect);
    }

    void sendFrame(int opcode, byte[] payload) throws IOException {
      byte[] mask = new byte[4];
      ThreadLocalRandom.current().nextBytes(mask);
      ByteArrayOutputStream f = new ByteArrayOutputStream();
      f.write(0x80 | opcode);
      f.write(0x80 | payload.length); // small frames only
      f.write(mask);
      for (int i = 0; i < payload.length; i++) {
        f.write(payload[i] ^ mask[i & 3]);
      }
      out.write(f.toByteArray());
    }

    /** The next frame: opcode and payload; null at EOF. */
    Object[] readFrame() throws IOException {
      int b0 = in.read();
      if (b0 < 0) {
        return null;
      }
      int b1 = in.read();
      assertThat(b1 & 0x80).as("server frames are not masked").isZero();
      long len = b1 & 0x7f;
      if (len == 126) {
        len = (in.read() << 8) | in.read();
      } else if (len == 127) {
        len = 0;
        for (int i = 0; i < 8; i++) {
          len = (len << 8) | in.read();
        }
      }
      return new Object[] {b0 & 0x0f, in.readNBytes((int) len)};
    }

    @Override
    public void close() throws IOException {
      ch.close();
    }
  }

  @Test
  void websocketAttachCarriesStdinOutputLogsAndClose() throws Exception {
    String name = uniqueName("ws");
    assertThat(api.docker("run", "-d", "-i", "--name", name, "busybox", "sh", "-c",
        "echo ready; while read l; do echo got $l; done; echo bye")).exitsCleanly();
    assertThat(waitFor(Duration.ofSeconds(10), () -> api.docker("logs", name).out().contains("ready"))).isTrue();
    try (WsClient ws = new WsClient(connect(), "/v1.41/containers/" + name + "/attach/ws?logs=1&stream=1&stdin=1&stdout=1&stderr=1")) {
      StringBuilder seen = new StringBuilder();
      Object[] f = ws.readFrame();
      assertThat(f).isNotNull();
      assertThat((int) f[0]).as("binary messages from API 1.28 on").isEqualTo(2);
      seen.append(new String((byte[]) f[1], StandardCharsets.UTF_8));
      assertThat(seen.toString()).as("the log is replayed first, without multiplexing").startsWith("ready\n");
      ws.sendFrame(2, "hello\n".getBytes(StandardCharsets.UTF_8));
      ws.sendFrame(9, "p".getBytes(StandardCharsets.UTF_8));
      boolean pong = false;
      while (!seen.toString().contains("got hello")) {
        f = ws.readFrame();
        assertThat(f).as("output so far: %s", seen).isNotNull();
        if ((int) f[0] == 10) {
          pong = true;
        } else {
          seen.append(new String((byte[]) f[1], StandardCharsets.UTF_8));
        }
      }
      // the client's close frame is the end of stdin: the container reads EOF and exits
      ws.sendFrame(8, new byte[] {0x03, (byte) 0xe8});
      int lastOpcode = -1;
      while ((f = ws.readFrame()) != null) {
        lastOpcode = (int) f[0];
        if (lastOpcode == 10) {
          pong = true;
        } else if (lastOpcode != 8) {
          seen.append(new String((byte[]) f[1], StandardCharsets.UTF_8));
        }
        if (lastOpcode == 8) {
          break;
        }
      }
      assertThat(lastOpcode).as("the server answers with a close frame").isEqualTo(8);
      assertThat(pong).as("a ping is answered").isTrue();
    }
    assertThat(waitFor(Duration.ofSeconds(10), () -> state(name).equals("exited"))).isTrue();
    assertThat(api.docker("logs", name)).exitsCleanly().stdoutIs("ready\ngot hello\nbye");

    // logs=1&stream=0 over the plain attach: the replay in Docker's frames, then the end
    try (SocketChannel ch = connect()) {
      send(ch, "POST", "/containers/" + name + "/attach?logs=1&stream=0&stdout=1", Map.of("Connection", "close"), null);
      String all = new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(all).contains("\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0006ready\n", "got hello", "bye");
    }
  }

  @Test
  void execResizeReachesTheTerminal() throws Exception {
    String name = uniqueName("rz");
    assertThat(api.docker("run", "-d", "-t", "--name", name, "busybox", "sleep", "600")).exitsCleanly();
    SocketHttp.Response create = http("POST", "/containers/" + name + "/exec", "{\"Cmd\":[\"sh\",\"-c\",\"sleep 1; stty size\"],\"Tty\":true,\"AttachStdout\":true}");
    assertThat(create.status()).isEqualTo(201);
    String exec = create.json().get("Id").asText();
    try (SocketChannel ch = connect()) {
      send(ch, "POST", "/exec/" + exec + "/start", Map.of("Upgrade", "tcp", "Connection", "Upgrade"), "{\"Tty\":true}");
      Thread.sleep(400);
      assertThat(http("POST", "/exec/" + exec + "/resize?h=33&w=111", null).status()).isEqualTo(200);
      String all = new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(all).startsWith("HTTP/1.1 101").contains("33 111");
    }
    assertThat(http("POST", "/containers/" + name + "/resize?h=20&w=70", null).status()).isEqualTo(200);
    assertThat(api.docker("exec", name, "stty", "size", "-F", "/dev/console")).exitsCleanly().stdoutIs("20 70");
  }

  // ---- socket activation -----------------------------------------------------------------------

  @Test
  void socketActivationServesOnTheInheritedSocketAndLeavesItToItsOwner() throws Exception {
    Path sock = jpod.dir().resolve("activated.sock");
    Path launcher = jpod.dir().resolve("activate.py");
    // what systemd does: bind and listen, put the socket on fd 3, set LISTEN_FDS/LISTEN_PID, exec
    Files.writeString(launcher, """
        import os, socket, sys
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind(sys.argv[1]); s.listen(16)
        os.dup2(s.fileno(), 3); os.set_inheritable(3, True)
        os.environ["LISTEN_FDS"] = "1"; os.environ["LISTEN_PID"] = str(os.getpid())
        os.execv(sys.argv[2], sys.argv[2:])
        """);
    List<String> cmd = new ArrayList<>(List.of("python3", launcher.toString(), sock.toString()));
    cmd.addAll(jpod.command("system", "service", "--time", "3"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(jpod.dir().resolve("activated.log").toFile());
    pb.environment().put("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64");
    Process p = pb.start();
    try {
      assertThat(waitFor(Duration.ofSeconds(30), () -> Files.exists(sock))).isTrue();
      // the listening socket exists before the JVM runs: the first request waits in its backlog
      String ping = api.run(null, List.of("curl", "-s", "--max-time", "60", "--unix-socket", sock.toString(), "http://d/_ping")).out();
      assertThat(ping).isEqualTo("OK");
      CliResult version = api.run(null, List.of("/usr/local/bin/docker", "-H", "unix://" + sock, "version", "--format", "{{.Server.APIVersion}}"));
      assertThat(version).exitsCleanly().stdoutIs("1.47");
      // --time 3: idle, it exits; the socket file stays for the next activation
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(Files.readString(jpod.dir().resolve("activated.log"))).isTrue();
      assertThat(p.exitValue()).isZero();
      assertThat(Files.exists(sock)).isTrue();
    } finally {
      p.destroyForcibly();
    }
  }
}
