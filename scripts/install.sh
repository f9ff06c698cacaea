#!/usr/bin/env bash
# One command for a fresh Debian/Ubuntu machine: install what jbuild needs (sudo when not root),
# build it, and run its main job on the sample in testdata.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
. scripts/lib/packages.sh
install_packages
if [ "$(id -u)" != 0 ] && ! grep -qs "^$(id -un):" /etc/subuid; then
  echo "note: $(id -un) has no /etc/subuid range; jbuild will map only your own uid." >&2
  echo "      add one with: sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 $(id -un)" >&2
fi
mvn -B -q -DskipTests install
echo "built: $top/bin/jbuild ($(bin/jbuild --version | head -1))"
# The main job on the sample: its base image is the busybox fixture (nothing comes from the internet),
# then the build, then a container of the result.
bin/jbuild build --check testdata/sample
testdata/busybox/rootfs.sh /tmp/jbuild-busybox.tar
bin/jbuild import /tmp/jbuild-busybox.tar busybox:latest >/dev/null
rm -f /tmp/jbuild-busybox.tar
bin/jbuild -t sample:latest testdata/sample
bin/jbuild run --rm sample:latest
