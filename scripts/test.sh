#!/usr/bin/env bash
# The whole test suite. Run as an ordinary user, it is `mvn -B verify`. Run as root (as CI does), it
# installs what the tests need, creates an unprivileged user with a subuid range and runs the suite as
# that user (jbuild is rootless, so are its tests), then runs the namespace tests once more as root.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
if [ "$(id -u)" != 0 ]; then
  cd "$top"
  exec mvn -B verify "$@"
fi

. "$top/scripts/lib/packages.sh"
install_packages
install_packages "${JBUILD_TEST_PACKAGES[@]}" || echo "== docker.io could not be installed: DockerParityIT will skip"
user=jbuild-test
id "$user" >/dev/null 2>&1 || useradd -m -s /bin/bash "$user"
ensure_subids "$user"
home=$(getent passwd "$user" | cut -d: -f6)

# A copy the test user owns, with shared/ (the conformance vectors) beside it as in the checkout.
work=$home/ci
rm -rf "$work"
mkdir -p "$work/main"
tar -C "$top" --exclude=./target --exclude='./*/target' -cf - . | tar -C "$work/main" -xf -
[ -d "$top/../shared" ] && cp -a "$top/../shared" "$work/shared"
chown -R "$user:" "$work"

# The slow DebianBuildIT builds FROM a real Debian: debootstrap needs root, so it is made here.
debian=$work/debian-bookworm.tar
echo "== debootstrap of a minimal Debian bookworm for DebianBuildIT"
bash "$top/testdata/debian/rootfs.sh" "$debian"
chown "$user:" "$debian"

# MultiPlatformIT: an arm64 emulator, and an arm64 busybox base from Debian's busybox-static:arm64.
arm64_busybox=$work/busybox-arm64.tar
if reason=$(register_emulators) && bash "$top/testdata/busybox/arm64.sh" "$arm64_busybox"; then
  chown "$user:" "$arm64_busybox"
  echo "== arm64 emulator registered and an arm64 busybox made for MultiPlatformIT"
else
  arm64_busybox="unavailable: ${reason:-the arm64 busybox could not be made}"
  echo "== MultiPlatformIT will skip: $arm64_busybox"
fi

# Docker's own BuildKit as the reference for DockerParityIT: Debian's dockerd on a data root and socket of
# its own (nothing of the host's containers is seen or touched), the test user's group on the socket.
docker_host=
docker_dir=$(mktemp -d /tmp/jbuild-dockerd.XXXXXX)
chmod 755 "$docker_dir"
if [ -x /usr/sbin/dockerd ]; then
  /usr/sbin/dockerd --iptables=false --bridge=none --data-root "$docker_dir/root" --exec-root "$docker_dir/exec" \
    --pidfile "$docker_dir/dockerd.pid" -H "unix://$docker_dir/docker.sock" -G "$(id -gn "$user")" \
    >"$docker_dir/dockerd.log" 2>&1 &
  dockerd_pid=$!
  trap 'kill "$dockerd_pid" 2>/dev/null; wait "$dockerd_pid" 2>/dev/null; rm -rf "$docker_dir" 2>/dev/null || true' EXIT
  for _ in $(seq 60); do
    DOCKER_HOST="unix://$docker_dir/docker.sock" /usr/bin/docker version >/dev/null 2>&1 && { docker_host="unix://$docker_dir/docker.sock"; break; }
    kill -0 "$dockerd_pid" 2>/dev/null || break
    sleep 0.5
  done
fi
if [ -n "$docker_host" ]; then
  echo "== dockerd for DockerParityIT at $docker_host"
else
  echo "== no dockerd (not installed, or it did not start: $(tail -1 "$docker_dir/dockerd.log" 2>/dev/null)): DockerParityIT will skip"
fi

# run's private network: slirp4netns opens /dev/net/tun as the user (some hosts keep it 0600, root's only).
private_network=required
if [ ! -e /dev/net/tun ]; then
  mkdir -p /dev/net && mknod -m 0666 /dev/net/tun c 10 200 2>/dev/null || true
fi
if [ -c /dev/net/tun ] && chmod 0666 /dev/net/tun 2>/dev/null; then
  echo "== /dev/net/tun usable by $user for PrivateNetworkIT"
else
  private_network=
  echo "== /dev/net/tun cannot be made usable here: PrivateNetworkIT will skip"
fi

repo=$home/.m2/repository
status=0
runuser -u "$user" -- env -i HOME="$home" USER="$user" PATH=/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin LANG=C.UTF-8 CI="${CI:-}" \
  JBUILD_DEBIAN_ROOTFS="$debian" JBUILD_TEST_DOCKER_HOST="$docker_host" JBUILD_TEST_PRIVATE_NETWORK="$private_network" \
  JBUILD_TEST_ARM64_BUSYBOX="$arm64_busybox" \
  bash -c 'cd "$1" && shift && mvn -B verify "$@"' _ "$work/main" "$@" || status=$?

if [ "$status" = 0 ]; then
  echo "== namespace tests as root (a mount namespace only), the sandbox and the store against the host's root, chroot isolation as a pod's root (no CAP_SYS_ADMIN), and a fresh user's first hour (NewUserIT)"
  (cd "$work/main" && mvn -B -o -Dmaven.repo.local="$repo" -pl builder-cli -am verify \
     -Dtest='TreeRoundTripTest,UnsafeExtractionTest,LayerTreesTest' -Dsurefire.failIfNoSpecifiedTests=false \
     -Dit.test='UnshareIT,ContainerIT,NewUserIT,SandboxEscapeIT,StorePrivacyIT,ChrootIT') || status=$?
fi
exit "$status"
