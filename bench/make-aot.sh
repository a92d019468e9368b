#!/bin/bash
# Records the JDK 25 AOT cache (JEP 483/514) for bin/jpod: the classes a `run --rm` loads and links,
# so later starts skip that work. The JVM refuses a cache whose jars changed since it was made, so
# run this again after every build (./setup does). The training run uses a private store.
set -euo pipefail
cd "$(dirname "$0")/.."
tar=build/busybox.tar
[ -f "$tar" ] || bash bench/make-busybox-tar.sh "$tar"
rm -f lib/jpod.aot
tmp=$(mktemp -d)
J=(bin/jpod --root "$tmp/root" --runroot "$tmp/run" --tmpdir "$tmp/tmp")
"${J[@]}" import -q "$tar" busybox >/dev/null
JPOD_AOT_OUTPUT="$PWD/lib/jpod.aot" "${J[@]}" run --rm busybox true
"${J[@]}" rm -af -t 0 >/dev/null 2>&1 || true
umount -R "$tmp" 2>/dev/null || true
rm -rf "$tmp"
