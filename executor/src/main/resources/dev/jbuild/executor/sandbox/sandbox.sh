# Runs as PID 1 of the container's new PID, mount, UTS and IPC namespaces (host binaries, host paths),
# with the container's overlay already mounted at $merged: adds /proc, a minimal /dev, /sys, the
# generated /etc files and the volumes, then becomes the container's command (same pid) through
# unshare's chroot, chdir and setuid. What to mount Java wrote beside the container (SandboxMounts),
# mount points included: a process per mount would cost more than the whole rest of a short RUN.
set -eu
merged=$1 dir=$2 hostname=$3 network=$4
shift 4

mount --all --fstab "$dir/fstab" # /proc, /dev and its devices, /sys, /etc files, volumes, init
# sethostname(2) in the new UTS namespace; /proc/sys is the host's and not writable when rootless
hostname "$hostname" 2>/dev/null || echo "$hostname" > "$merged/proc/sys/kernel/hostname"
if [ "$network" = none ]; then
  ip link set lo up 2>/dev/null || true # a loopback, as docker gives (when iproute2 is there)
fi
# What is left: the container's environment, then unshare's chroot/chdir/setuid and the command.
exec env -i "$@"
