#!/bin/bash
# Pod round trip, jpod vs podman: pod create + two `run -d --pod` members + `pod rm -f`, same busybox
# image, runc, cgroupfs, no network (--network none on the pod). Prints a markdown table.
# Usage: bench/pod-bench.sh [runs]   (needs podman installed)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
tar=build/busybox.tar
[ -f "$tar" ] || bash bench/make-busybox-tar.sh "$tar"
work=$(mktemp -d)
# podman's infra container needs ulimits this host allows (see podman-internals.md, "Quirks").
cat > "$work/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
CONF
J=(bin/jpod --root "$work/jpod/root" --runroot "$work/jpod/run" --tmpdir "$work/jpod/tmp")
P=(env CONTAINERS_CONF="$work/containers.conf" podman --root "$work/podman/root" --runroot "$work/podman/run" --tmpdir "$work/podman/tmp")
"${J[@]}" import -q "$tar" busybox >/dev/null
"${P[@]}" import -q "$tar" busybox >/dev/null

ms() { echo $(( ($2 - $1) / 1000000 )); }

# Runs one timed step; a failed step stops the benchmark with its error (set -e alone is not enough:
# it is off wherever a caller tests a function's status, and a failure must never be timed as a run).
step() {
  if ! "$@" >/dev/null; then
    echo "pod-bench: failed: $*" >&2
    exit 1
  fi
}

# One round: prints "create run1 run2 rm total" in ms.
round() {
  local -a cli=("$@")
  local name=bench-$RANDOM$RANDOM t0 t1 t2 t3 t4
  t0=$(date +%s%N)
  step "${cli[@]}" pod create --name "$name" --network none
  t1=$(date +%s%N)
  step "${cli[@]}" run -d --pod "$name" busybox sleep 1000
  t2=$(date +%s%N)
  step "${cli[@]}" run -d --pod "$name" busybox sleep 1000
  t3=$(date +%s%N)
  step "${cli[@]}" pod rm -f -t 0 "$name"
  t4=$(date +%s%N)
  echo "$(ms $t0 $t1) $(ms $t1 $t2) $(ms $t2 $t3) $(ms $t3 $t4) $(ms $t0 $t4)"
}

# Warm-up round each (the pause image is built on first use by both).
round "${J[@]}" >/dev/null
round "${P[@]}" >/dev/null

median_col() { awk -v c="$1" '{print $c}' "$2" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for _ in $(seq "$runs"); do round "${J[@]}"; done > "$work/jpod.txt"
for _ in $(seq "$runs"); do round "${P[@]}"; done > "$work/podman.txt"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
table="| step (median of $runs) | jpod | podman | jpod / podman |
|---|---|---|---|"
col=1
for step in "pod create --network none" "run -d --pod (1st member)" "run -d --pod (2nd member)" "pod rm -f -t 0" "round trip"; do
  j=$(median_col $col "$work/jpod.txt")
  p=$(median_col $col "$work/podman.txt")
  table+="
| $step | $j ms | $p ms | $(ratio "$j" "$p") |"
  col=$((col + 1))
done

"${P[@]}" pod rm -af -t 0 >/dev/null 2>&1 || true
"${P[@]}" rmi -a -f >/dev/null 2>&1 || true
"${J[@]}" pod rm -af -t 0 >/dev/null 2>&1 || true
umount -R "$work" 2>/dev/null || true
rm -rf "$work"
echo "$table"
