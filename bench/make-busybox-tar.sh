#!/bin/bash
# Builds a busybox root filesystem tarball from Debian's busybox-static: the binary, its applet links,
# /etc/passwd and /etc/group. Usage: make-busybox-tar.sh OUT.tar
set -euo pipefail
out=$1
mkdir -p "$(dirname "$out")"
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,etc,root,tmp,proc,sys,dev,run,var,usr/bin,usr/sbin,sbin}
cp /bin/busybox "$root/bin/busybox"
for applet in $("$root/bin/busybox" --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\n' >"$root/etc/group"
chmod 1777 "$root/tmp"
tar --numeric-owner -C "$root" -cf "$out" .
