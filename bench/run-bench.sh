#!/bin/bash
# Side-by-side timings: jpod vs podman, same busybox image, same runtime (runc), no network.
# Usage: bench/run-bench.sh [runs]   (needs podman installed; prints a markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
tar=build/busybox.tar
[ -f "$tar" ] || bash bench/make-busybox-tar.sh "$tar"
work=$(mktemp -d)
J=(bin/jpod --root "$work/jpod/root" --runroot "$work/jpod/run" --tmpdir "$work/jpod/tmp")
P=(podman --root "$work/podman/root" --runroot "$work/podman/run" --tmpdir "$work/podman/tmp" --runtime runc --cgroup-manager cgroupfs)
# podman's default rlimits are above what this host lets runc set ("error setting rlimit type 7"):
# both sides get the same explicit ulimits.
PRUN=(--network none --ulimit nofile=1024:1024 --ulimit nproc=1024:1024)
"${J[@]}" import -q "$tar" busybox >/dev/null
"${P[@]}" import -q "$tar" busybox >/dev/null

# Milliseconds per call, median of $runs. A failed call stops the benchmark with the command's own
# error: a failure must never be timed as a run.
source "$(dirname "$0")/lib.sh"

j_run=$(median_ms "${J[@]}" run --rm "${PRUN[@]}" busybox true)
p_run=$(median_ms "${P[@]}" run --rm "${PRUN[@]}" busybox true)

for i in $(seq 200); do "${J[@]}" create "${PRUN[@]}" busybox true >/dev/null; done
for i in $(seq 200); do "${P[@]}" create "${PRUN[@]}" busybox true >/dev/null; done
j_ps=$(median_ms "${J[@]}" ps -a)
p_ps=$(median_ms "${P[@]}" ps -a)

s=$(date +%s%N); for i in $(seq 200); do "${J[@]}" create "${PRUN[@]}" busybox true >/dev/null; done; e=$(date +%s%N)
j_create=$(( (e - s) / 1000000 ))
s=$(date +%s%N); for i in $(seq 200); do "${P[@]}" create "${PRUN[@]}" busybox true >/dev/null; done; e=$(date +%s%N)
p_create=$(( (e - s) / 1000000 ))

"${J[@]}" rm -af -t 0 >/dev/null 2>&1 || true
"${P[@]}" rm -af -t 0 >/dev/null 2>&1 || true
"${P[@]}" rmi -a -f >/dev/null 2>&1 || true
umount -R "$work" 2>/dev/null || true
rm -rf "$work"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "| benchmark | jpod | podman | jpod / podman |"
echo "|---|---|---|---|"
echo "| run --rm busybox true (median of $runs) | ${j_run} ms | ${p_run} ms | $(ratio "$j_run" "$p_run") |"
echo "| ps -a with 200 containers (median of $runs) | ${j_ps} ms | ${p_ps} ms | $(ratio "$j_ps" "$p_ps") |"
echo "| 200 sequential creates | ${j_create} ms | ${p_create} ms | $(ratio "$j_create" "$p_create") |"
