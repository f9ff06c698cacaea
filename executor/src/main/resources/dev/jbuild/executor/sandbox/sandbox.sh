# Runs as PID 1 of the container's new PID, mount, UTS and IPC namespaces (host binaries, host paths),
# with the container's overlay already mounted at $merged: adds /proc, a minimal /dev, /sys, the
# generated /etc files and the volumes, then becomes the container's command (same pid) through
# unshare's chroot, chdir and setuid.
set -eu
merged=$1 dir=$2 hostname=$3 network=$4 init=$5 volumes=$6
shift 6

mount -t proc -o nosuid,nodev,noexec proc "$merged/proc"
mount -t tmpfs -o nosuid,mode=755,size=65536k tmpfs "$merged/dev"
for d in null zero full random urandom tty; do
  : > "$merged/dev/$d"
  mount --bind "/dev/$d" "$merged/dev/$d"
done
mkdir "$merged/dev/pts" "$merged/dev/shm" "$merged/dev/mqueue"
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts "$merged/dev/pts"
ln -s pts/ptmx "$merged/dev/ptmx"
ln -s /proc/self/fd "$merged/dev/fd"
ln -s /proc/self/fd/0 "$merged/dev/stdin"
ln -s /proc/self/fd/1 "$merged/dev/stdout"
ln -s /proc/self/fd/2 "$merged/dev/stderr"
mount -t tmpfs -o nosuid,nodev,mode=1777 shm "$merged/dev/shm"
mount --rbind /sys "$merged/sys"
for f in hosts resolv.conf hostname; do
  mount --bind "$dir/$f" "$merged/etc/$f"
done
# sethostname(2) in the new UTS namespace; /proc/sys is the host's and not writable when rootless
hostname "$hostname" 2>/dev/null || echo "$hostname" > "$merged/proc/sys/kernel/hostname"
if [ "$network" = none ]; then
  ip link set lo up 2>/dev/null || true # a loopback, as docker gives (when iproute2 is there)
fi
while [ "$volumes" -gt 0 ]; do
  if [ ! -e "$merged$2" ]; then # below /dev, a fresh tmpfs: the mount point is made here
    if [ -d "$1" ]; then mkdir -p "$merged$2"; else mkdir -p "$(dirname "$merged$2")" && : > "$merged$2"; fi
  fi
  if [ "$1" = tmpfs ]; then
    mount -t tmpfs -o nosuid,nodev,mode=1777 tmpfs "$merged$2"
  else
    mount --rbind "$1" "$merged$2"
  fi
  if [ "$3" = ro ]; then mount -o remount,bind,ro "$merged$2"; fi
  shift 3
  volumes=$((volumes - 1))
done
if [ "$init" != - ]; then
  : > "$merged/dev/init"
  mount --bind "$init" "$merged/dev/init"
fi
# What is left: the container's environment, then unshare's chroot/chdir/setuid and the command.
exec env -i "$@"
