package io.jpod.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path root;

  private final Map<String, String> env = new HashMap<>();

  private Path write(String absolute, String text) throws IOException {
    Path p = root.resolve(absolute.substring(1));
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private JpodConfig load() {
    return ConfigLoader.load(new ConfigSources(root, env));
  }

  @Test
  void defaultsWhenNoFileExists() {
    JpodConfig cfg = load();
    assertThat(cfg.containersConfFiles()).isEmpty();
    ContainersConf.Containers c = cfg.containersConf().containers();
    ContainersConf.Engine e = cfg.containersConf().engine();
    ContainersConf.Network n = cfg.containersConf().network();

    assertThat(c.defaultCapabilities()).hasSize(14).startsWith("AUDIT_WRITE", "CHOWN").endsWith("SYS_CHROOT").contains("MKNOD", "NET_RAW");
    assertThat(c.defaultCapabilitiesPrefixed()).startsWith("CAP_AUDIT_WRITE", "CAP_CHOWN");
    assertThat(c.defaultSysctls()).containsExactly("net.ipv4.ping_group_range=0 0");
    assertThat(c.defaultUlimits()).isEmpty();
    assertThat(c.env())
        .containsExactly("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm");
    assertThat(c.initPath()).isEqualTo("/usr/libexec/podman/catatonit");
    assertThat(c.pidsLimit()).isEqualTo(2048);
    assertThat(c.logDriver()).isEqualTo("k8s-file");
    assertThat(c.logSizeMax()).isEqualTo(-1);
    assertThat(c.shmSize()).isEqualTo("65536k");
    assertThat(c.cgroups()).isEqualTo("enabled");
    assertThat(c.cgroupns()).isEqualTo("host"); // no cgroup.controllers under the temp root
    assertThat(c.noHosts()).isFalse();
    assertThat(c.seccompProfile()).isEqualTo("/usr/share/containers/seccomp.json");
    assertThat(c.tz()).isEmpty();
    assertThat(c.umask()).isEqualTo("0022");

    assertThat(e.runtime()).isEqualTo("crun");
    assertThat(e.runtimeExplicit()).isFalse();
    assertThat(e.runtimes().get("runc"))
        .containsExactly(
            "/usr/bin/runc", "/usr/sbin/runc", "/usr/local/bin/runc", "/usr/local/sbin/runc",
            "/sbin/runc", "/bin/runc", "/usr/lib/cri-o-runc/sbin/runc");
    assertThat(e.runtimes().get("crun")).hasSize(7).endsWith("/run/current-system/sw/bin/crun");
    assertThat(e.conmonPath()).hasSize(7).startsWith("/usr/libexec/podman/conmon");
    assertThat(e.cgroupManager()).isEqualTo("cgroupfs");
    assertThat(e.eventsLogger()).isEqualTo("file");
    assertThat(e.tmpDir()).isEqualTo("/run/jpod");
    assertThat(e.stopTimeout()).isEqualTo(10);
    assertThat(e.exitCommandDelay()).isEqualTo(300);
    assertThat(e.detachKeys()).isEqualTo("ctrl-p,ctrl-q");
    assertThat(e.noPivotRoot()).isFalse();
    assertThat(e.numLocks()).isEqualTo(2048);
    assertThat(e.runtimeSupportsJson()).containsExactly("crun", "runc", "kata", "runsc", "krun");
    assertThat(e.imageDefaultTransport()).isEqualTo("docker://");

    assertThat(n.defaultNetwork()).isEqualTo("podman");
    assertThat(n.defaultSubnet()).isEqualTo("10.88.0.0/16");
    assertThat(n.networkBackend()).isEmpty();
    assertThat(n.defaultSubnetPools()).first().isEqualTo(new ContainersConf.Network.SubnetPool("10.89.0.0/16", 24));

    StorageConf s = cfg.storageConf();
    assertThat(s.source()).isEmpty();
    assertThat(s.driver()).isEqualTo("overlay");
    assertThat(s.graphRoot()).isEqualTo("/var/lib/jpod/storage");
    assertThat(s.runRoot()).isEqualTo("/run/jpod/storage");

    assertThat(ContainersConf.defaults(cfg.host())).isEqualTo(cfg.containersConf());
  }

  @Test
  void systemdHostChangesDefaults() throws IOException {
    write("/proc/1/comm", "systemd\n");
    write("/sys/fs/cgroup/cgroup.controllers", "cpu memory\n");
    ContainersConf cc = load().containersConf();
    assertThat(cc.engine().cgroupManager()).isEqualTo("systemd");
    assertThat(cc.engine().eventsLogger()).isEqualTo("journald");
    assertThat(cc.containers().cgroupns()).isEqualTo("private");
    assertThat(cc.containers().logDriver()).isEqualTo("k8s-file");
  }

  @Test
  void mergesPerKeyInPodmanOrder() throws IOException {
    write(
        "/usr/share/containers/containers.conf",
        """
        [containers]
        pids_limit = 100
        tz = "share"
        umask = "0077"
        [engine]
        stop_timeout = 20
        [engine.runtimes]
        runc = ["/share/runc"]
        """);
    write(
        "/etc/containers/containers.conf",
        """
        [containers]
        tz = "etc"
        [engine]
        runtime = "runc"
        [engine.runtimes]
        kata = ["/etc/kata"]
        """);
    write("/etc/containers/containers.conf.d/20-b.conf", "[containers]\ntz = \"b\"\nlog_size_max = 5\n");
    write("/etc/containers/containers.conf.d/10-a.conf", "[containers]\ntz = \"a\"\nshm_size = \"1g\"\n");
    write("/etc/containers/containers.conf.d/notes.txt", "this is not toml = = =");

    JpodConfig cfg = load();
    assertThat(cfg.containersConfFiles())
        .extracting(p -> root.relativize(p).toString())
        .containsExactly(
            "usr/share/containers/containers.conf",
            "etc/containers/containers.conf",
            "etc/containers/containers.conf.d/10-a.conf",
            "etc/containers/containers.conf.d/20-b.conf");
    ContainersConf cc = cfg.containersConf();
    assertThat(cc.containers().pidsLimit()).isEqualTo(100); // share only
    assertThat(cc.containers().umask()).isEqualTo("0077");
    assertThat(cc.containers().tz()).isEqualTo("b"); // last writer wins
    assertThat(cc.containers().shmSize()).isEqualTo("1g");
    assertThat(cc.containers().logSizeMax()).isEqualTo(5);
    assertThat(cc.containers().env()).hasSize(2); // untouched default
    assertThat(cc.engine().stopTimeout()).isEqualTo(20);
    assertThat(cc.engine().runtime()).isEqualTo("runc");
    assertThat(cc.engine().runtimeExplicit()).isTrue();
    // [engine.runtimes] merges per entry, over the defaults
    assertThat(cc.engine().runtimes().get("runc")).containsExactly("/share/runc");
    assertThat(cc.engine().runtimes().get("kata")).containsExactly("/etc/kata");
    assertThat(cc.engine().runtimes().get("crun")).hasSize(7);
  }

  @Test
  void containersConfEnvReplacesSystemFilesAndOverrideComesLast() throws IOException {
    write("/etc/containers/containers.conf", "[containers]\ntz = \"etc\"\npids_limit = 7\n");
    Path mine = write("/elsewhere/mine.conf", "[containers]\ntz = \"mine\"\n[engine]\nstop_timeout = 3\n");
    Path over = write("/elsewhere/override.conf", "[engine]\nstop_timeout = 4\n");
    env.put("CONTAINERS_CONF", mine.toString());
    env.put("CONTAINERS_CONF_OVERRIDE", over.toString());

    JpodConfig cfg = load();
    assertThat(cfg.containersConfFiles()).containsExactly(mine, over);
    assertThat(cfg.containersConf().containers().tz()).isEqualTo("mine");
    assertThat(cfg.containersConf().containers().pidsLimit()).isEqualTo(2048); // /etc ignored
    assertThat(cfg.containersConf().engine().stopTimeout()).isEqualTo(4);
  }

  @Test
  void overrideAloneAppliesOnTopOfSystemFiles() throws IOException {
    write("/etc/containers/containers.conf", "[containers]\ntz = \"etc\"\npids_limit = 7\n");
    Path over = write("/o.conf", "[containers]\ntz = \"over\"\n");
    env.put("CONTAINERS_CONF_OVERRIDE", over.toString());
    ContainersConf cc = load().containersConf();
    assertThat(cc.containers().tz()).isEqualTo("over");
    assertThat(cc.containers().pidsLimit()).isEqualTo(7);
  }

  @Test
  void missingContainersConfEnvFileIsAnError() {
    env.put("CONTAINERS_CONF", root.resolve("nope.conf").toString());
    assertThatThrownBy(this::load)
        .isInstanceOf(JpodException.class)
        .hasMessage("CONTAINERS_CONF file: stat " + root.resolve("nope.conf") + ": no such file or directory");
  }

  @Test
  void brokenFileNamesPathAndReasonOnOneLine() throws IOException {
    Path p = write("/etc/containers/containers.conf", "[containers]\npids_limit = = 3\n");
    assertThatThrownBy(this::load)
        .isInstanceOfSatisfying(
            JpodException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
              assertThat(e.getMessage()).startsWith("reading containers.conf " + p + ": ");
              assertThat(e.getMessage()).doesNotContain("\n");
            });
  }

  @Test
  void wrongTypeNamesTheFileThatSetIt() throws IOException {
    write("/usr/share/containers/containers.conf", "[engine]\nstop_timeout = 5\n");
    Path etc = write("/etc/containers/containers.conf", "[engine]\nstop_timeout = \"ten\"\n");
    write("/etc/containers/containers.conf.d/a.conf", "[containers]\ntz = \"x\"\n");
    assertThatThrownBy(this::load)
        .isInstanceOf(JpodException.class)
        .hasMessage(
            "reading containers.conf " + etc + ": engine.stop_timeout: expected an integer, got string");
  }

  @Test
  void unknownKeysAndTablesAreIgnored() throws IOException {
    write(
        "/etc/containers/containers.conf",
        """
        [containers]
        something_new = 1
        [machine]
        cpus = 4
        [secrets.opts]
        """);
    assertThat(load().containersConf()).isEqualTo(ContainersConf.defaults(new HostFacts(false, false)));
  }

  @Test
  void appendSyntaxExtendsEarlierValues() throws IOException {
    write("/usr/share/containers/containers.conf", "[containers]\nenv = [\"A=1\"]\n");
    write("/etc/containers/containers.conf", "[containers]\nenv = [\"B=2\", {append = true}]\n");
    write(
        "/etc/containers/containers.conf.d/x.conf",
        "[containers]\ndefault_sysctls = [\"net.ipv4.ip_forward=1\", {append = true}]\n");
    ContainersConf cc = load().containersConf();
    assertThat(cc.containers().env()).containsExactly("A=1", "B=2");
    assertThat(cc.containers().defaultSysctls())
        .containsExactly("net.ipv4.ping_group_range=0 0", "net.ipv4.ip_forward=1");
  }

  @Test
  void ulimitsAndCapabilitiesFromFile() throws IOException {
    write(
        "/etc/containers/containers.conf",
        """
        [containers]
        default_capabilities = ["chown", "CAP_KILL"]
        default_ulimits = ["nofile=1024:2048", "nproc=512"]
        """);
    ContainersConf.Containers c = load().containersConf().containers();
    assertThat(c.defaultCapabilitiesPrefixed()).containsExactly("CAP_CHOWN", "CAP_KILL");
    assertThat(c.parsedDefaultUlimits()).extracting(Object::toString)
        .containsExactly("nofile=1024:2048", "nproc=512:512");
  }

  @Test
  void initPathFallsBackToUsrBinCatatonit() throws IOException {
    ContainersConf.Containers c = ContainersConf.defaults(new HostFacts(false, false)).containers();
    assertThat(c.resolveInitPath(root)).isEqualTo("/usr/libexec/podman/catatonit"); // neither exists
    write("/usr/bin/catatonit", "");
    assertThat(c.resolveInitPath(root)).isEqualTo("/usr/bin/catatonit");
    write("/usr/libexec/podman/catatonit", "");
    assertThat(c.resolveInitPath(root)).isEqualTo("/usr/libexec/podman/catatonit");
  }

  @Test
  void storageConfIgnoresPodmansFileByDefault() throws IOException {
    write("/etc/containers/storage.conf", "[storage]\ndriver = \"vfs\"\ngraphroot = \"/var/lib/containers/storage\"\n");
    StorageConf s = load().storageConf();
    assertThat(s.graphRoot()).isEqualTo("/var/lib/jpod/storage");
    assertThat(s.driver()).isEqualTo("overlay");
  }

  @Test
  void storageConfFromJpodFile() throws IOException {
    Path p =
        write(
            "/etc/jpod/storage.conf",
            """
            [storage]
            driver = "overlay"
            graphroot = "/data/jpod"
            runroot = ""
            [storage.options]
            additionalimagestores = ["/ro/store"]
            mountopt = "nodev"
            [storage.options.overlay]
            mount_program = "/usr/bin/fuse-overlayfs"
            [storage.options.pull_options]
            enable_partial_images = "false"
            """);
    StorageConf s = load().storageConf();
    assertThat(s.source()).contains(p);
    assertThat(s.graphRoot()).isEqualTo("/data/jpod");
    assertThat(s.runRoot()).isEqualTo("/run/jpod/storage"); // empty keeps the default
    assertThat(s.additionalImageStores()).containsExactly("/ro/store");
    assertThat(s.driverOptions())
        .containsExactly("overlay.mountopt=nodev", "overlay.mount_program=/usr/bin/fuse-overlayfs");
    assertThat(s.driverOption("mount_program")).contains("/usr/bin/fuse-overlayfs");
    assertThat(s.pullOptions()).containsEntry("enable_partial_images", "false");
  }

  @Test
  void storageConfFromEnvWinsAndMissingEnvFileMeansDefaults() throws IOException {
    write("/etc/jpod/storage.conf", "[storage]\ngraphroot = \"/jpod\"\n");
    Path podman = write("/etc/containers/storage.conf", "[storage]\ngraphroot = \"/var/lib/containers/storage\"\nrunroot = \"/run/containers/storage\"\n");
    env.put("CONTAINERS_STORAGE_CONF", podman.toString());
    StorageConf s = load().storageConf();
    assertThat(s.graphRoot()).isEqualTo("/var/lib/containers/storage");
    assertThat(s.runRoot()).isEqualTo("/run/containers/storage");

    env.put("CONTAINERS_STORAGE_CONF", root.resolve("missing.conf").toString());
    assertThat(load().storageConf().graphRoot()).isEqualTo("/var/lib/jpod/storage");
  }

  @Test
  void brokenStorageConf() throws IOException {
    Path p = write("/etc/jpod/storage.conf", "[storage\n");
    assertThatThrownBy(this::load).hasMessageStartingWith("reading storage.conf " + p + ": ");
  }

  @Test
  void overridesResolveEngineSettings() throws IOException {
    write("/etc/containers/containers.conf", "[engine]\nvolume_path = \"/vols\"\n");
    JpodConfig cfg = load();

    EngineSettings d = cfg.settings();
    assertThat(d.graphRoot()).isEqualTo("/var/lib/jpod/storage");
    assertThat(d.runRoot()).isEqualTo("/run/jpod/storage");
    assertThat(d.tmpDir()).isEqualTo("/run/jpod");
    assertThat(d.staticDir()).isEqualTo("/var/lib/jpod/storage/libpod");
    assertThat(d.volumePath()).isEqualTo("/vols");
    assertThat(d.eventsLogfilePath()).isEqualTo("/run/jpod/events/events.log");
    assertThat(d.runtimeName()).isEqualTo("crun");
    assertThat(d.runtimeExplicit()).isFalse();
    assertThat(d.runtimePaths()).first().isEqualTo("/usr/bin/crun");
    assertThat(d.logLevel()).isEqualTo("warn");

    EngineSettings o =
        cfg.withOverrides(
            GlobalOverrides.none()
                .withRoot("/r")
                .withRunRoot("/rr")
                .withTmpDir("/t")
                .withRuntime("runc")
                .withCgroupManager("systemd")
                .withEventsBackend("none")
                .withConmon("/opt/conmon")
                .withLogLevel("debug")
                .withStorageDriver("vfs")
                .withStorageOpts(List.of("vfs.ignore_chown_errors=true")));
    assertThat(o.graphRoot()).isEqualTo("/r");
    assertThat(o.runRoot()).isEqualTo("/rr");
    assertThat(o.tmpDir()).isEqualTo("/t");
    assertThat(o.staticDir()).isEqualTo("/r/libpod");
    assertThat(o.eventsLogfilePath()).isEqualTo("/t/events/events.log");
    assertThat(o.runtimeName()).isEqualTo("runc");
    assertThat(o.runtimeExplicit()).isTrue();
    assertThat(o.runtimePaths()).first().isEqualTo("/usr/bin/runc");
    assertThat(o.cgroupManager()).isEqualTo("systemd");
    assertThat(o.eventsLogger()).isEqualTo("none");
    assertThat(o.conmonPaths()).containsExactly("/opt/conmon");
    assertThat(o.logLevel()).isEqualTo("debug");
    assertThat(o.storageDriver()).isEqualTo("vfs");
    assertThat(o.storageOptions()).containsExactly("vfs.ignore_chown_errors=true");

    EngineSettings byPath = cfg.withOverrides(GlobalOverrides.none().withRuntime("/opt/bin/youki"));
    assertThat(byPath.runtimeName()).isEqualTo("youki");
    assertThat(byPath.runtimePaths()).containsExactly("/opt/bin/youki");

    assertThatThrownBy(() -> cfg.withOverrides(GlobalOverrides.none().withCgroupManager("nope")))
        .isInstanceOf(JpodException.class)
        .hasMessageContaining("invalid cgroup manager \"nope\"");
    assertThatThrownBy(() -> cfg.withOverrides(GlobalOverrides.none().withLogLevel("loud")))
        .hasMessageStartingWith("Log Level \"loud\" is not supported");
  }

  @Test
  void realMachineFilesParse() {
    Path real = Path.of(ConfigSources.USR_SHARE_CONF);
    if (Files.exists(real)) {
      ContainersConf cc = ConfigLoader.loadContainersConf(List.of(real), new HostFacts(false, false));
      assertThat(cc.containers().defaultCapabilities()).contains("CHOWN", "SYS_CHROOT");
      assertThat(cc.containers().defaultSysctls()).contains("net.ipv4.ping_group_range=0 0");
    }
    // and the full default load on this machine works end to end
    Map<String, String> clean = new HashMap<>(System.getenv());
    clean.remove("CONTAINERS_CONF");
    clean.remove("CONTAINERS_CONF_OVERRIDE");
    clean.remove("CONTAINERS_STORAGE_CONF");
    EngineSettings s = ConfigLoader.load(new ConfigSources(Path.of("/"), clean)).settings();
    assertThat(s.runtimeName()).isNotEmpty();
    assertThat(ConfigLoader.loadDefault()).isNotNull();
  }

  @Test
  void loadingIsFast() throws IOException {
    write("/usr/share/containers/containers.conf", Files.exists(Path.of(ConfigSources.USR_SHARE_CONF))
        ? Files.readString(Path.of(ConfigSources.USR_SHARE_CONF)) : "[containers]\n");
    load(); // warm up
    long t0 = System.nanoTime();
    for (int i = 0; i < 50; i++) {
      load();
    }
    long perLoadMicros = (System.nanoTime() - t0) / 50 / 1000;
    assertThat(perLoadMicros).isLessThan(100_000);
  }
}
