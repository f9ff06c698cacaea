#!/usr/bin/env bash
# Writes an arm64 busybox root file system tarball to OUT, as rootfs.sh writes the host's: Debian's
# busybox-static:arm64, downloaded with the arm64 architecture added to dpkg only for as long as the
# download takes. Needs root (dpkg, apt-get) and a registered arm64 emulator (qemu-user-static), since
# rootfs.sh asks the busybox itself for its applets.
set -euo pipefail
out=${1:?usage: arm64.sh OUT.tar}
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
added=
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  dpkg --add-architecture arm64
  added=1
fi
cleanup() {
  rm -rf "$dir"
  if [ -n "$added" ]; then
    dpkg --remove-architecture arm64 || true
    apt-get update -qq >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
chmod 755 "$dir"
apt-get update -qq >/dev/null
(cd "$dir" && apt-get download -qq busybox-static:arm64 >/dev/null 2>&1)
dpkg-deb -x "$dir"/busybox-static_*_arm64.deb "$dir/root"
BUSYBOX="$dir/root/bin/busybox" bash "$here/rootfs.sh" "$out"
chmod 644 "$out"
