/**
 * podman's secrets: the secrets manager's files under {@code <graphroot>/secrets} (metadata database
 * and the file driver's data, both locked and written atomically), the {@code --secret} parser, and what
 * a container's secrets become at create (files copied into its userdata dir) and start (bind mounts and
 * environment variables). Nothing here depends on the CLI.
 */
package io.jpod.core.secret;
