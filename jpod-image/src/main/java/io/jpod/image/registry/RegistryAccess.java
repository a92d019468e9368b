package io.jpod.image.registry;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything podman's registry flags and files decide, in one value: registries.conf, the auth file,
 * {@code --tls-verify} (null = unset, registries.conf decides), {@code --cert-dir}, {@code --creds}
 * (null = from the auth file) and the per-host certificate directories to search.
 */
public record RegistryAccess(RegistriesConf conf, AuthFile authFile, Boolean tlsVerify, Path certDir,
    AuthFile.Credentials credentials, List<Path> certRoots) {
  public RegistryAccess {
    certRoots = List.copyOf(certRoots);
  }

  /** The system configuration ({@code registries.conf}, the default auth file) and no flags. */
  public static RegistryAccess system() {
    return new RegistryAccess(RegistriesConf.load(), AuthFile.fromEnvironment(null), null, null, null,
        RegistryClient.Options.defaults().certRoots());
  }

  public RegistryAccess withTlsVerify(Boolean v) {
    return new RegistryAccess(conf, authFile, v, certDir, credentials, certRoots);
  }

  public RegistryAccess withCertDir(Path dir) {
    return new RegistryAccess(conf, authFile, tlsVerify, dir, credentials, certRoots);
  }

  public RegistryAccess withCredentials(AuthFile.Credentials c) {
    return new RegistryAccess(conf, authFile, tlsVerify, certDir, c, certRoots);
  }

  public RegistryAccess withAuthFile(AuthFile f) {
    return new RegistryAccess(conf, f, tlsVerify, certDir, credentials, certRoots);
  }

  public RegistryAccess withCertRoots(List<Path> roots) {
    return new RegistryAccess(conf, authFile, tlsVerify, certDir, credentials, roots);
  }

  /**
   * A client for {@code ref}'s registry. {@code insecure} is the registries.conf flag of the endpoint
   * (a mirror has its own); {@code --tls-verify} overrides it. {@code --creds} applies only to
   * {@code primaryRegistry}: credentials meant for a registry are never sent to its mirrors.
   */
  public RegistryClient client(ImageReference ref, boolean insecure, String primaryRegistry) {
    boolean verify = tlsVerify != null ? tlsVerify : !insecure;
    AuthFile.Credentials c = null;
    if (credentials != null && ref.registry().equals(primaryRegistry)) {
      c = credentials;
    } else if (authFile != null) {
      c = authFile.lookup(ref).orElse(null);
    }
    return new RegistryClient(ref.registry(), new RegistryClient.Options(verify, certDir, certRoots, c,
        RegistryClient.Options.defaults().connectTimeout()));
  }

  /** A client for a registry host itself (login, search), with registries.conf's insecure flag for it. */
  public RegistryClient clientForRegistry(String registry) {
    boolean insecure = conf != null && conf.isInsecure(registry);
    boolean verify = tlsVerify != null ? tlsVerify : !insecure;
    AuthFile.Credentials c = credentials != null ? credentials
        : authFile == null ? null : authFile.lookup(registry).orElse(null);
    return new RegistryClient(registry, new RegistryClient.Options(verify, certDir, certRoots, c,
        RegistryClient.Options.defaults().connectTimeout()));
  }
}
