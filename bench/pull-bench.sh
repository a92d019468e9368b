#!/bin/bash
# Pull throughput: a 5-layer image of ~200 MB of random files, served by the local docker-registry on
# 127.0.0.1, pulled into an empty store by jpod, by podman and copied by skopeo into an OCI dir.
# Also: layer extraction MB/s (jpod load of the same image from a docker-archive) and `images` latency
# with 100 images. Usage: bench/pull-bench.sh [runs]   (needs podman, skopeo, docker-registry, python3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
work=$(mktemp -d /var/tmp/jpod-pull-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() {
  [ -n "${reg_pid:-}" ] && kill "$reg_pid" 2>/dev/null || true
  umount -R "$work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The image: 5 layers, each ~40 MB of random (incompressible) files, as an OCI layout.
python3 bench/make-big-image.py "$work/layout"
mb=$(du -sm "$work/layout/blobs" | cut -f1)

cat > "$work/registry.yml" <<YML
version: 0.1
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$port
YML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
reg_pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
skopeo copy -q --dest-tls-verify=false "oci:$work/layout:latest" "docker://127.0.0.1:$port/big:latest"
ref="127.0.0.1:$port/big:latest"

J=(bin/jpod --root "$work/j/root" --runroot "$work/j/run" --tmpdir "$work/j/tmp")
P=(podman --root "$work/p/root" --runroot "$work/p/run" --tmpdir "$work/p/tmp")
median_ms() { # command..., run $runs times after a fresh store each time
  local -a times=()
  for _ in $(seq "$runs"); do
    umount -R "$work/j" "$work/p" 2>/dev/null || true
    rm -rf "$work/j" "$work/p" "$work/skopeo-out"
    sync
    local s e
    s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
    times+=($(( (e - s) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
j_pull=$(median_ms "${J[@]}" pull --tls-verify=false "$ref")
p_pull=$(median_ms "${P[@]}" pull --tls-verify=false "$ref")
s_copy=$(median_ms skopeo copy --src-tls-verify=false "docker://$ref" "oci:$work/skopeo-out:latest")

# Extraction alone: load the image from a docker-archive (uncompressed layers, no network).
"${J[@]}" pull -q --tls-verify=false "$ref" >/dev/null
"${J[@]}" save -o "$work/big.tar" "$ref"
j_load=$(median_ms "${J[@]}" load -q -i "$work/big.tar")
raw_mb=$(( $(stat -c %s "$work/big.tar") / 1000000 ))

# `images` with 100 images (tags of one image don't count: 100 distinct imports).
rm -rf "$work/j"; "${J[@]}" import -q build/busybox.tar busybox >/dev/null
for i in $(seq 99); do "${J[@]}" import -q -c "LABEL n=$i" build/busybox.tar "img$i" >/dev/null; done
images_ms() {
  local -a times=()
  for _ in $(seq 10); do
    local s e; s=$(date +%s%N); "${J[@]}" images >/dev/null; e=$(date +%s%N); times+=($(( (e - s) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
j_images=$(images_ms)
rm -rf "$work/p"; "${P[@]}" import -q build/busybox.tar busybox >/dev/null
for i in $(seq 99); do "${P[@]}" import -q -c "LABEL n=$i" build/busybox.tar "img$i" >/dev/null; done
p_images=$(for _ in $(seq 10); do s=$(date +%s%N); "${P[@]}" images >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')

tput() { awk -v mb="$mb" -v ms="$1" 'BEGIN { printf "%.0f MB/s", mb / (ms / 1000) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
best=$(( p_pull < s_copy ? p_pull : s_copy ))
echo "Image: 5 layers, ${mb} MB compressed (random data), registry on 127.0.0.1; median of $runs, empty store each time."
echo
echo "| benchmark | time | throughput |"
echo "|---|---|---|"
echo "| jpod pull | ${j_pull} ms | $(tput "$j_pull") |"
echo "| podman pull | ${p_pull} ms | $(tput "$p_pull") |"
echo "| skopeo copy to oci dir | ${s_copy} ms | $(tput "$s_copy") |"
echo "| jpod load (extraction only, ${raw_mb} MB uncompressed) | ${j_load} ms | $(awk -v mb="$raw_mb" -v ms="$j_load" 'BEGIN { printf "%.0f MB/s", mb / (ms / 1000) }') |"
echo "| images, 100 images: jpod / podman | ${j_images} ms / ${p_images} ms | |"
echo
echo "jpod throughput / faster peer's: $(ratio "$best" "$j_pull")"
