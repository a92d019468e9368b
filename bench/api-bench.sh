#!/bin/bash
# The Docker API side by side: the docker CLI through `jpod system service` vs through
# `podman system service`, same busybox image, same runtime (runc), no network.
# Usage: bench/api-bench.sh [runs]   (needs podman and the docker CLI; prints a markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
tar=build/busybox.tar
[ -f "$tar" ] || bash bench/make-busybox-tar.sh "$tar"
docker=/usr/local/bin/docker
[ -x "$docker" ] || docker=docker
work=$(mktemp -d)
J=(bin/jpod --root "$work/jpod/root" --runroot "$work/jpod/run" --tmpdir "$work/jpod/tmp")
P=(podman --root "$work/podman/root" --runroot "$work/podman/run" --tmpdir "$work/podman/tmp" --runtime runc --cgroup-manager cgroupfs)
"${J[@]}" import -q "$tar" busybox >/dev/null
"${P[@]}" import -q "$tar" busybox >/dev/null
"${J[@]}" system service --time 0 "unix://$work/jpod.sock" 2>"$work/jpod.err" & jpid=$!
"${P[@]}" system service --time 0 "unix://$work/podman.sock" 2>"$work/podman.err" & ppid=$!
cleanup() {
  kill "$jpid" "$ppid" 2>/dev/null || true
  wait "$jpid" "$ppid" 2>/dev/null || true
  "${J[@]}" rm -af -t 0 >/dev/null 2>&1 || true
  "${P[@]}" rm -af -t 0 >/dev/null 2>&1 || true
  "${P[@]}" rmi -a -f >/dev/null 2>&1 || true
  umount -R "$work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for s in jpod podman; do
  for _ in $(seq 600); do [ -S "$work/$s.sock" ] && break; sleep 0.05; done
done
sleep 1
rss() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }
j_rss_idle=$(rss "$jpid")
p_rss_idle=$(rss "$ppid")

# Milliseconds per call, median of $runs, after two warm-up calls. A failed call (warm-up or timed)
# stops the benchmark with the command's own error: a failure must never be timed as a run.
source "$(dirname "$0")/lib.sh"
warmups=2
# The name as each store knows it: jpod and podman both tag an import localhost/busybox.
# podman's default rlimits (nofile/nproc from containers.conf) are above what this host lets runc set
# ("error setting rlimit type 7: operation not permitted"): both sides get the same explicit ulimits.
RUN=(--network none --ulimit nofile=1024:1024 --ulimit nproc=1024:1024)
j_run=$(DOCKER_HOST="unix://$work/jpod.sock" median_ms "$docker" run --rm "${RUN[@]}" localhost/busybox true)
p_run=$(DOCKER_HOST="unix://$work/podman.sock" median_ms "$docker" run --rm "${RUN[@]}" localhost/busybox true)

for s in jpod podman; do
  for _ in $(seq 200); do DOCKER_HOST="unix://$work/$s.sock" "$docker" create "${RUN[@]}" localhost/busybox true >/dev/null; done
done

# Requests per second of GET /containers/json?all=1 (200 containers): 8 keep-alive clients for 5 s.
rps() {
  python3 - "$1" <<'PY'
import socket, sys, threading, time
path = sys.argv[1]
req = b"GET /v1.41/containers/json?all=1 HTTP/1.1\r\nHost: bench\r\n\r\n"
count = [0]
stop = time.time() + 5
def client():
    s = socket.socket(socket.AF_UNIX); s.connect(path); f = s.makefile("rb")
    while time.time() < stop:
        s.sendall(req)
        length, chunked = None, False
        while True:
            line = f.readline()
            if line in (b"\r\n", b""): break
            k, _, v = line.decode().partition(":")
            if k.lower() == "content-length": length = int(v)
            if k.lower() == "transfer-encoding" and "chunked" in v: chunked = True
        if chunked:
            while True:
                n = int(f.readline().strip(), 16); f.read(n + 2)
                if n == 0: break
        else:
            f.read(length)
        count[0] += 1
ts = [threading.Thread(target=client) for _ in range(8)]
[t.start() for t in ts]; [t.join() for t in ts]
print(round(count[0] / 5))
PY
}
j_rps=$(rps "$work/jpod.sock")
p_rps=$(rps "$work/podman.sock")
j_rss_busy=$(rss "$jpid")
p_rss_busy=$(rss "$ppid")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "| benchmark | jpod | podman | jpod / podman |"
echo "|---|---|---|---|"
echo "| docker run --rm busybox true through the socket (median of $runs) | ${j_run} ms | ${p_run} ms | $(ratio "$j_run" "$p_run") |"
echo "| GET /containers/json, 200 containers, 8 clients | ${j_rps} req/s | ${p_rps} req/s | $(ratio "$j_rps" "$p_rps") |"
echo "| service RSS idle / after the load | ${j_rss_idle} / ${j_rss_busy} MiB | ${p_rss_idle} / ${p_rss_busy} MiB | |"
