package io.jpod.api.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jpod.core.container.ContainerSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The create body as the docker CLI and docker-java send it, mapped onto the CLI's spec. */
class CreateRequestTest {
  private final ObjectMapper json = new ObjectMapper();

  private ContainerSpec spec(String body, String name) throws Exception {
    return CreateRequest.toSpec(json.readTree(body), name);
  }

  @Test
  void dockerRunBody() throws Exception {
    ContainerSpec s = spec("""
        {"Image":"busybox","Cmd":["sh","-c","true"],"Env":["FOO=bar"],"Labels":{"app":"spy"},"Entrypoint":null,
         "Tty":false,"OpenStdin":true,"StopSignal":"SIGINT","StopTimeout":3,"ExposedPorts":{"80/tcp":{}},
         "HostConfig":{"AutoRemove":true,"Init":true,"NetworkMode":"default","CapAdd":["NET_ADMIN"],
           "Binds":["spyvol:/data","/host:/ro:ro"],"PortBindings":{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"18080"}],
           "81/tcp":[{"HostIp":"","HostPort":""}]},"Tmpfs":{"/run":"rw,size=64m"},
           "Ulimits":[{"Name":"nofile","Soft":1024,"Hard":2048}],
           "Mounts":[{"Type":"bind","Source":"/src","Target":"/dst","ReadOnly":true}],
           "RestartPolicy":{"Name":"no"},"LogConfig":{"Type":"","Config":{}},"MemorySwappiness":-1},
         "NetworkingConfig":{"EndpointsConfig":{"default":{}}}}
        """, "spy1");
    assertThat(s.image()).contains("busybox");
    assertThat(s.name()).contains("spy1");
    assertThat(s.command()).containsExactly("sh", "-c", "true");
    assertThat(s.entrypoint()).isEmpty();
    assertThat(s.env()).containsExactly("FOO=bar");
    assertThat(s.labels()).isEqualTo(Map.of("app", "spy"));
    assertThat(s.stdin()).isTrue();
    assertThat(s.autoRemove()).isTrue();
    assertThat(s.init()).isTrue();
    assertThat(s.stopSignal()).contains("SIGINT");
    assertThat(s.stopTimeout()).contains(3);
    assertThat(s.capAdd()).containsExactly("NET_ADMIN");
    assertThat(s.ulimits()).containsExactly("nofile=1024:2048");
    assertThat(s.network().network()).isEmpty();
    assertThat(s.network().publish()).containsExactly("127.0.0.1:18080:80/tcp", "81/tcp");
    assertThat(s.network().expose()).containsExactly("80/tcp");
    assertThat(s.volumes().volumes()).containsExactly("spyvol:/data", "/host:/ro:ro");
    assertThat(s.volumes().tmpfs()).containsExactly("/run:rw,size=64m");
    assertThat(s.volumes().mounts()).containsExactly("type=bind,source=/src,destination=/dst,ro=true");
  }

  @Test
  void dockerJavaNullsAndEntrypointReset() throws Exception {
    ContainerSpec s = spec("""
        {"Image":"busybox","Tty":null,"Cmd":"echo","Entrypoint":[""],"HostConfig":{"Binds":null,"PortBindings":null,
         "AutoRemove":null},"NetworkingConfig":null,"containerId":"x","PortSpecs":null}
        """, null);
    assertThat(s.tty()).isFalse();
    assertThat(s.command()).containsExactly("echo");
    assertThat(s.entrypoint()).contains(List.of());
    assertThat(s.name()).isEmpty();
  }

  @Test
  void wrongTypesAreBadRequests() {
    assertThatThrownBy(() -> spec("{\"Image\":\"busybox\",\"Cmd\":5}", null)).hasMessageContaining("Cmd");
    assertThatThrownBy(() -> spec("{\"Image\":\"busybox\",\"HostConfig\":{\"AutoRemove\":\"yes\"}}", null)).hasMessageContaining("AutoRemove");
    assertThatThrownBy(() -> spec("{\"Cmd\":[\"x\"]}", null)).hasMessageContaining("no image");
    assertThatThrownBy(() -> spec("[]", null)).hasMessageContaining("config cannot be empty");
  }

  @Test
  void imageNamesNormalizeLikeDocker() {
    assertThat(ImageRoutes.normalize("busybox")).isEqualTo("docker.io/library/busybox:latest");
    assertThat(ImageRoutes.normalize("spy/x:1")).isEqualTo("docker.io/spy/x:1");
    assertThat(ImageRoutes.normalize("127.0.0.1:5000/spy/busybox")).isEqualTo("127.0.0.1:5000/spy/busybox:latest");
    assertThat(ImageRoutes.normalize("localhost/busybox:2")).isEqualTo("localhost/busybox:2");
  }

  @Test
  void endpointsConfigBecomesNetworksAliasesAndStaticIp() throws Exception {
    ContainerSpec s = spec("""
        {"Image":"busybox","HostConfig":{"NetworkMode":"net1","Dns":["10.1.1.1"],"DnsSearch":["ex.test"],
           "ExtraHosts":["h:10.2.2.2"],"PublishAllPorts":true},
         "NetworkingConfig":{"EndpointsConfig":{"net1":{"Aliases":["web","www"],"IPAMConfig":{"IPv4Address":"10.89.0.9"}},
           "net2":{"Aliases":["www"]}}}}
        """, null);
    assertThat(s.network().network()).contains("net1,net2");
    assertThat(s.network().ip()).contains("10.89.0.9");
    assertThat(s.network().aliases()).containsExactly("web", "www");
    assertThat(s.network().dns()).containsExactly("10.1.1.1");
    assertThat(s.network().dnsSearch()).containsExactly("ex.test");
    assertThat(s.network().addHosts()).containsExactly("h:10.2.2.2");
    assertThat(s.network().publishAll()).isTrue();
    assertThat(spec("""
        {"Image":"busybox","HostConfig":{"NetworkMode":"host"},"NetworkingConfig":{"EndpointsConfig":{"host":{}}}}
        """, null).network().network()).contains("host");
    assertThat(spec("""
        {"Image":"busybox","HostConfig":{"NetworkMode":"default"},"NetworkingConfig":{"EndpointsConfig":{"n3":{}}}}
        """, null).network().network()).contains("n3");
  }
}
