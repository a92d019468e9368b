#!/bin/bash
# run --rm on the default bridge network (netavark, podman0, 10.88.0.0/16): jpod vs podman, same
# busybox image, same runtime (runc). Both use a private store and a private network config dir;
# they run one after the other, so their separate address allocators never hand out one address twice.
# Usage: bench/network-bench.sh [runs]   (needs podman and hyperfine; prints a markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
tar=build/busybox.tar
[ -f "$tar" ] || bash bench/make-busybox-tar.sh "$tar"
work=$(mktemp -d)
mkdir -p "$work/jpod/nets" "$work/podman/nets"
J=(bin/jpod --root "$work/jpod/root" --runroot "$work/jpod/run" --tmpdir "$work/jpod/tmp" --network-config-dir "$work/jpod/nets")
P=(podman --root "$work/podman/root" --runroot "$work/podman/run" --tmpdir "$work/podman/tmp" --runtime runc
   --cgroup-manager cgroupfs --network-config-dir "$work/podman/nets")
PRUN=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)
"${J[@]}" import -q "$tar" busybox >/dev/null
"${P[@]}" import -q "$tar" busybox >/dev/null

# hyperfine stops at the first command that exits non-zero (no --ignore-failure) and says so on
# stderr, so a failed run is never timed as one.
hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/h.json" \
  -n jpod "${J[*]} run --rm busybox true" \
  -n podman "${P[*]} run --rm ${PRUN[*]} busybox true" >&2

read -r j p < <(python3 - "$work/h.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
print(round(r["jpod"]["median"] * 1000), round(r["podman"]["median"] * 1000))
PY
)

"${J[@]}" rm -af -t 0 >/dev/null 2>&1 || true
"${P[@]}" rm -af -t 0 >/dev/null 2>&1 || true
"${P[@]}" rmi -a -f >/dev/null 2>&1 || true
umount -R "$work" 2>/dev/null || true
rm -rf "$work"

echo "| benchmark | jpod | podman | jpod / podman |"
echo "|---|---|---|---|"
echo "| run --rm busybox true, default bridge network (median of $runs) | ${j} ms | ${p} ms | $(awk -v a="$j" -v b="$p" 'BEGIN { printf "%.2f", a / b }') |"
