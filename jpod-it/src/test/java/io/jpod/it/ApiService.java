package io.jpod.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code jpod system service} on a socket in the test's directory, and the peers that talk to it (the
 * docker CLI, curl, podman --remote) run with {@code DOCKER_HOST} pointing there.
 */
final class ApiService {
  final Path sock;
  final JpodCli.Started process;
  private final JpodCli jpod;
  private final Path dockerConfig;

  private ApiService(JpodCli jpod, Path sock, Path dockerConfig, JpodCli.Started process) {
    this.jpod = jpod;
    this.sock = sock;
    this.dockerConfig = dockerConfig;
    this.process = process;
  }

  /** Starts the service (with {@code globalFlags} before {@code system service}) and waits for its socket. */
  static ApiService start(JpodCli jpod, String... globalFlags) throws IOException, InterruptedException {
    Path sock = jpod.dir().resolve("api.sock");
    Path dockerConfig = Files.createDirectories(jpod.dir().resolve("docker-config"));
    List<String> args = new ArrayList<>(List.of(globalFlags));
    args.addAll(List.of("system", "service", "--time", "0", "unix://" + sock));
    JpodCli.Started service = jpod.start(args.toArray(String[]::new));
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(sock) && System.nanoTime() < end && service.process().isAlive()) {
      Thread.sleep(50);
    }
    assertThat(Files.exists(sock)).as("service socket; %s", service.result(-1)).isTrue();
    return new ApiService(jpod, sock, dockerConfig, service);
  }

  /** SIGTERM, as a clean shutdown wants; true when the service exited within 30 s. */
  boolean stop() throws InterruptedException {
    process.process().destroy();
    return process.process().waitFor(30, TimeUnit.SECONDS);
  }

  /** The docker CLI (/usr/local/bin/docker when installed there) with stdin closed. */
  CliResult docker(String... args) {
    return dockerIn(null, args);
  }

  /** The docker CLI fed {@code stdin} (null: closed). */
  CliResult dockerIn(String stdin, String... args) {
    List<String> cmd = new ArrayList<>(List.of(Files.isExecutable(Path.of("/usr/local/bin/docker")) ? "/usr/local/bin/docker" : "docker"));
    cmd.addAll(List.of(args));
    return run(stdin, cmd);
  }

  /** Any peer command with DOCKER_HOST and DOCKER_CONFIG set; output goes through files, 120 s at most. */
  CliResult run(String stdin, List<String> cmd) {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("DOCKER_HOST", "unix://" + sock);
    pb.environment().put("DOCKER_CONFIG", dockerConfig.toString());
    try {
      Path out = Files.createTempFile(jpod.dir(), "docker", ".out");
      Path err = Files.createTempFile(jpod.dir(), "docker", ".err");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      if (stdin == null) {
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      }
      Process p = pb.start();
      if (stdin != null) {
        try (var os = p.getOutputStream()) {
          os.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(cmd + " timed out: " + Files.readString(err));
      }
      CliResult r = new CliResult(p.exitValue(), Files.readString(out), Files.readString(err));
      Files.delete(out);
      Files.delete(err);
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
