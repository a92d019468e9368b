/**
 * Volumes and containers' mounts: the volume records and their state-store rows, the parsers of
 * {@code -v}/{@code --mount}/{@code --tmpfs} with podman's options and errors, and the work at create
 * (resolve, create), start (local driver mounts, copy-up, {@code U}) and removal. Depends on the state
 * store, the lock manager, {@code filesystem}'s tree archives and jpod-sys; nothing here depends on the
 * CLI.
 */
package io.jpod.core.volume;
