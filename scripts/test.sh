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

repo=$home/.m2/repository
status=0
runuser -u "$user" -- env -i HOME="$home" USER="$user" PATH=/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin LANG=C.UTF-8 CI="${CI:-}" \
  JBUILD_DEBIAN_ROOTFS="$debian" \
  bash -c 'cd "$1" && shift && mvn -B verify "$@"' _ "$work/main" "$@" || status=$?

if [ "$status" = 0 ]; then
  echo "== namespace tests as root (a mount namespace only), the sandbox and the store against the host's root, and a fresh user's first hour (NewUserIT)"
  (cd "$work/main" && mvn -B -o -Dmaven.repo.local="$repo" -pl builder-cli -am verify \
     -Dtest='TreeRoundTripTest,UnsafeExtractionTest,LayerTreesTest' -Dsurefire.failIfNoSpecifiedTests=false \
     -Dit.test='UnshareIT,ContainerIT,NewUserIT,SandboxEscapeIT,StorePrivacyIT') || status=$?
fi
exit "$status"
