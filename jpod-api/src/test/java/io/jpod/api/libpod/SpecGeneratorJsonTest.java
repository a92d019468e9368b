package io.jpod.api.libpod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jpod.common.JpodException;
import io.jpod.core.container.ContainerSpec;
import io.jpod.core.network.NetworkRequest;
import io.jpod.core.volume.VolumeRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** podman's SpecGenerator body (as podman --remote 4.3.1 sends it) onto the spec, and jpod's spec back. */
class SpecGeneratorJsonTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void podmanRunBody() throws Exception {
    ContainerSpec s = SpecGeneratorJson.toSpec(json.readTree("""
        {"name":"web","image":"busybox","command":["sh","-c","true"],"env":{"FOO":"bar"},"terminal":true,"stdin":true,
         "remove":true,"labels":{"app":"x"},"work_dir":"/srv","user":"1000","hostname":"h","stop_timeout":3,
         "netns":{"nsmode":"bridge"},"Networks":{"n1":{"aliases":["a1"]}},
         "portmappings":[{"host_ip":"127.0.0.1","container_port":80,"host_port":8080,"range":1,"protocol":"tcp"},
                         {"container_port":53,"host_port":0,"protocol":"udp"}],
         "mounts":[{"destination":"/data","type":"bind","source":"/host","options":["rbind","ro"]},
                   {"destination":"/run","type":"tmpfs","source":"tmpfs","options":["size=64m"]}],
         "volumes":[{"Name":"vol","Dest":"/v","Options":[]}],
         "cap_add":["NET_ADMIN"],"privileged":false,"resource_limits":{"pids":{"limit":50}},"entrypoint":null}
        """));
    assertThat(s.name()).contains("web");
    assertThat(s.image()).contains("busybox");
    assertThat(s.command()).containsExactly("sh", "-c", "true");
    assertThat(s.entrypoint()).isEmpty();
    assertThat(s.env()).containsExactly("FOO=bar");
    assertThat(s.tty()).isTrue();
    assertThat(s.stdin()).isTrue();
    assertThat(s.autoRemove()).isTrue();
    assertThat(s.workingDir()).contains("/srv");
    assertThat(s.stopTimeout()).contains(3);
    assertThat(s.network().network()).contains("n1");
    assertThat(s.network().aliases()).containsExactly("a1");
    assertThat(s.network().publish()).containsExactly("127.0.0.1:8080:80", "53/udp");
    assertThat(s.volumes().volumes()).containsExactly("/host:/data:ro", "vol:/v");
    assertThat(s.volumes().tmpfs()).containsExactly("/run:size=64m");
    assertThat(s.capAdd()).containsExactly("NET_ADMIN");
    assertThat(s.pidsLimit()).contains(50L);
  }

  @Test
  void hostNetworkAndContainerNamespace() throws Exception {
    assertThat(SpecGeneratorJson.toSpec(json.readTree("{\"image\":\"b\",\"netns\":{\"nsmode\":\"host\"}}")).network().network())
        .contains("host");
    assertThat(SpecGeneratorJson.toSpec(json.readTree("{\"image\":\"b\",\"netns\":{\"nsmode\":\"container\",\"value\":\"abc\"}}"))
        .network().network()).contains("container:abc");
    assertThat(SpecGeneratorJson.toSpec(json.readTree("{\"image\":\"b\"}")).network().network()).isEmpty();
  }

  @Test
  void missingImageOrBodyIsRefused() throws Exception {
    assertThatThrownBy(() -> SpecGeneratorJson.toSpec(json.readTree("{\"name\":\"x\"}")))
        .isInstanceOf(JpodException.class).hasMessageContaining("must provide image or rootfs");
    assertThatThrownBy(() -> SpecGeneratorJson.toSpec(null)).isInstanceOf(JpodException.class);
  }

  @Test
  void specRoundTripsThroughTheWireFormat() throws Exception {
    NetworkRequest net = new NetworkRequest(Optional.of("n1"), List.of("127.0.0.1:8080:80", "9000-9001:90-91/udp", "5353"), false,
        List.of(), Optional.empty(), Optional.empty(), List.of("alias"), List.of(), List.of(), List.of(), List.of(), false);
    ContainerSpec in = ContainerSpec.builder().image("busybox").name("rt").command(List.of("echo", "hi"))
        .entrypoint(List.of()).env(List.of("A=1", "B=x=y")).tty(true).stdin(true).autoRemove(true)
        .labels(Map.of("k", "v")).network(net)
        .volumes(new VolumeRequest(List.of("/h:/c:ro", "named:/n"), List.of(), List.of("/tmp"), List.of()))
        .build();
    String wire = json.writeValueAsString(SpecGeneratorJson.fromSpec(in));
    ContainerSpec out = SpecGeneratorJson.toSpec(json.readTree(wire));
    assertThat(out.image()).isEqualTo(in.image());
    assertThat(out.name()).isEqualTo(in.name());
    assertThat(out.command()).isEqualTo(in.command());
    assertThat(out.entrypoint()).contains(List.of());
    assertThat(out.env()).containsExactly("A=1", "B=x=y");
    assertThat(out.tty()).isTrue();
    assertThat(out.autoRemove()).isTrue();
    assertThat(out.labels()).isEqualTo(in.labels());
    assertThat(out.network().network()).contains("n1");
    assertThat(out.network().aliases()).containsExactly("alias");
    assertThat(out.network().publish()).containsExactly("127.0.0.1:8080:80", "9000-9001:90-91/udp", "5353");
    assertThat(out.volumes().volumes()).containsExactly("/h:/c:ro", "named:/n");
    assertThat(out.volumes().tmpfs()).containsExactly("/tmp");
  }
}
