/**
 * {@code jpod volume} commands with podman's flags and output; the create/run mount flags live in
 * {@code cli.container.VolumeFlags}.
 */
package io.jpod.cli.volume;
