/**
 * Registries: the docker transport of podman. A pull resolves what the user typed with
 * {@link io.jpod.image.registry.ShortNameResolver} (aliases, unqualified-search registries), then opens
 * each candidate with {@link io.jpod.image.registry.RegistrySource#open}, which applies
 * {@link io.jpod.image.registry.RegistriesConf} rewrites and mirrors; a push writes through
 * {@link io.jpod.image.registry.RegistryDestination}. Flags and files (--tls-verify, --cert-dir, --creds,
 * auth.json, registries.conf) travel together in a {@link io.jpod.image.registry.RegistryAccess}; the
 * HTTP API v2 itself, with ping, Basic/Bearer auth and TLS, is {@link io.jpod.image.registry.RegistryClient}.
 */
package io.jpod.image.registry;
