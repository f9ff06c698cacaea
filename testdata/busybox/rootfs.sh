#!/usr/bin/env bash
# Writes a busybox root file system tarball to OUT (default: stdout): /bin/busybox from Debian's
# busybox-static, a link for every applet at its usual path, /etc/passwd, /etc/group, /tmp, /root.
# Deterministic: sorted entries, numeric owner 0, mtimes at SOURCE_DATE_EPOCH (default 0).
set -euo pipefail
out=${1:--}
busybox=${BUSYBOX:-/bin/busybox}
if ! "$busybox" --list-full >/dev/null 2>&1; then
  echo "rootfs.sh: $busybox is not a static busybox; install Debian's busybox-static" >&2
  exit 1
fi
dir=$(mktemp -d)
chmod 755 "$dir" # the image root: mktemp makes it 0700, which no other user could enter
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/bin" "$dir/sbin" "$dir/usr/bin" "$dir/usr/sbin" "$dir/etc" "$dir/root" "$dir/tmp" "$dir/var" "$dir/home"
cp "$busybox" "$dir/bin/busybox"
"$busybox" --list-full | while read -r applet; do
  [ "$applet" = bin/busybox ] && continue
  mkdir -p "$dir/$(dirname "$applet")"
  ln -sf /bin/busybox "$dir/$applet"
done
cat > "$dir/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat > "$dir/etc/group" <<'GROUP'
root:x:0:
daemon:x:1:
users:x:100:
nogroup:x:65534:
GROUP
chmod 1777 "$dir/tmp"
chmod 700 "$dir/root"
tar -C "$dir" --sort=name --mtime="@${SOURCE_DATE_EPOCH:-0}" --owner=0 --group=0 --numeric-owner \
  --format=pax --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -cf "$out" .
