#!/usr/bin/env bash
# Writes a minimal Debian bookworm root file system tarball (debootstrap --variant=minbase, from
# Debian's mirror) to OUT, for the slow DebianBuildIT: `sudo testdata/debian/rootfs.sh /tmp/debian.tar`,
# then `JBUILD_DEBIAN_ROOTFS=/tmp/debian.tar mvn verify`. Needs root (debootstrap chroots and mknods).
set -euo pipefail
out=${1:?usage: rootfs.sh OUT.tar}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
debootstrap --variant=minbase bookworm "$dir" "$mirror" >"$dir.log" 2>&1 || { tail -20 "$dir.log" >&2; exit 1; }
rm -f "$dir.log"
tar -C "$dir" --numeric-owner -cf "$out.tmp" .
mv "$out.tmp" "$out"
chmod 644 "$out"
