package io.jpod.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HealthCheck;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * Testcontainers 2.x (docker-java underneath) driving {@code jpod system service}: discovery through
 * DOCKER_HOST, a GenericContainer from the local busybox image with a log wait, exec, copy in and
 * out, and a published port reached over HTTP on 127.0.0.1. The failsafe configuration points
 * DOCKER_HOST at {@code jpod.tc.socket} and disables Ryuk (its image cannot be pulled offline), so
 * cleanup is Testcontainers' shutdown-hook prune plus {@code stop()}.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ApiTestcontainersIT extends JpodTestBase {
  private Path sock;
  private JpodCli.Started service;

  @BeforeAll
  void startService() throws IOException, InterruptedException {
    sock = Path.of(System.getProperty("jpod.tc.socket", jpod.dir().resolve("tc.sock").toString()));
    Files.deleteIfExists(sock);
    Files.createDirectories(sock.getParent());
    service = jpod.start("--network-config-dir", networkConfigDir().toString(),
        "system", "service", "--time", "0", "unix://" + sock);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(sock) && System.nanoTime() < end && service.process().isAlive()) {
      Thread.sleep(50);
    }
    assertThat(Files.exists(sock)).as("service socket; %s", service.result(-1)).isTrue();
  }

  @AfterAll
  void stopService() throws InterruptedException {
    if (service != null) {
      service.process().destroy();
      assertThat(service.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void genericContainerWithExecCopyAndPublishedPort() throws Exception {
    assertThat(System.getenv("DOCKER_HOST")).as("failsafe sets DOCKER_HOST").isEqualTo("unix://" + sock);
    assertThat(DockerClientFactory.instance().isDockerAvailable()).isTrue();
    DockerImageName image = DockerImageName.parse("localhost/busybox:latest");
    Path local = Files.writeString(jpod.dir().resolve("page.html"), "hello from the test\n");
    try (GenericContainer<?> c = new GenericContainer<>(image)
        .withImagePullPolicy(name -> false)
        .withCommand("sh", "-c", "mkdir -p /www && echo ready && exec httpd -f -p 8080 -h /www")
        .withExposedPorts(8080)
        .withCopyFileToContainer(MountableFile.forHostPath(local), "/www/index.html")
        .waitingFor(Wait.forLogMessage(".*ready.*", 1))
        .withStartupTimeout(Duration.ofMinutes(2))) {
      c.start();
      assertThat(c.isRunning()).isTrue();

      ExecResult r = c.execInContainer("sh", "-c", "echo out; echo err >&2; exit 3");
      assertThat(r.getExitCode()).isEqualTo(3);
      assertThat(r.getStdout()).isEqualTo("out\n");
      assertThat(r.getStderr()).isEqualTo("err\n");

      c.copyFileToContainer(Transferable.of("copied in\n"), "/tmp/in.txt");
      assertThat(c.execInContainer("cat", "/tmp/in.txt").getStdout()).isEqualTo("copied in\n");
      String back = c.copyFileFromContainer("/tmp/in.txt",
          in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
      assertThat(back).isEqualTo("copied in\n");

      int port = c.getMappedPort(8080);
      assertThat(c.getHost()).isEqualTo("127.0.0.1");
      assertThat(port).isPositive().isNotEqualTo(8080);
      HttpResponse<String> resp = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html")).timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.body()).isEqualTo("hello from the test\n");

      assertThat(c.getLogs()).contains("ready");
      String id = c.getContainerId();
      assertThat(jpod("ps", "--format", "{{.ID}}", "--no-trunc").out()).contains(id);
      c.stop();
      assertThat(jpod("ps", "-a", "--format", "{{.ID}}", "--no-trunc").out()).doesNotContain(id);
    }
  }

  @Test
  void healthcheckWaitStrategySeesTheContainerTurnHealthy() throws Exception {
    DockerImageName image = DockerImageName.parse("localhost/busybox:latest");
    try (GenericContainer<?> c = new GenericContainer<>(image)
        .withImagePullPolicy(name -> false)
        .withCommand("sh", "-c", "sleep 2; touch /tmp/ok; exec sleep 600")
        .withCreateContainerCmdModifier(cmd -> cmd.withHealthcheck(new HealthCheck()
            .withTest(List.of("CMD-SHELL", "test -f /tmp/ok"))
            .withInterval(1_000_000_000L).withTimeout(5_000_000_000L).withRetries(30)))
        .waitingFor(Wait.forHealthcheck())
        .withStartupTimeout(Duration.ofMinutes(2))) {
      c.start();
      InspectContainerResponse info = c.getCurrentContainerInfo();
      assertThat(info.getConfig().getHealthcheck().getTest()).containsExactly("CMD-SHELL", "test -f /tmp/ok");
      assertThat(info.getConfig().getHealthcheck().getInterval()).isEqualTo(1_000_000_000L);
      var health = c.getDockerClient().inspectContainerCmd(c.getContainerId()).exec().getState().getHealth();
      assertThat(health.getStatus()).isEqualTo("healthy");
      assertThat(health.getLog()).isNotEmpty();
      assertThat(health.getLog().getLast().getExitCodeLong()).isZero();
      assertThat(jpod("events", "--stream=false", "--filter", "event=health_status", "--filter",
          "container=" + c.getContainerId()).out()).contains("health_status=healthy");
    }
  }
}
