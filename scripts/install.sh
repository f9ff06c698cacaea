#!/usr/bin/env bash
# One command for a fresh Debian/Ubuntu machine: install the packages jbuild needs (sudo when not root),
# build it, install it self-contained into PREFIX (default ~/.local for a user, /usr/local for root), and
# run its main job on the sample in testdata with the installed jbuild.
#   bash scripts/install.sh [--prefix DIR] [--no-packages] [--no-build] [--no-sample]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
prefix=
packages=1
build=1
sample=1
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --no-packages) packages=0; shift ;;
    --no-build) build=0; shift ;;
    --no-sample) sample=0; shift ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ -z "$prefix" ]; then
  if [ "$(id -u)" = 0 ]; then prefix=/usr/local; else prefix=$HOME/.local; fi
fi

cd "$top"
. scripts/lib/packages.sh
[ "$packages" = 1 ] && install_packages
if [ "$(id -u)" != 0 ] && ! grep -qs "^$(id -un):" /etc/subuid; then
  echo "note: $(id -un) has no /etc/subuid range; jbuild will map only your own uid." >&2
  echo "      add one with: sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 $(id -un)" >&2
fi
[ "$build" = 1 ] && mvn -B -q -DskipTests install

# Self-contained: the launcher in PREFIX/bin, everything it reads in PREFIX/lib/jbuild (found relative to
# the launcher), so the checkout can go and a CI image can COPY the two directories.
lib=$prefix/lib/jbuild
mkdir -p "$prefix/bin" "$lib.new/cds"
install -m 0644 builder-cli/target/jbuild.jar "$lib.new/jbuild.jar"
install -m 0644 bin/lib/namespace.sh "$lib.new/namespace.sh"
install -m 0644 builder-cli/cds/*.Dockerfile "$lib.new/cds/"
rm -rf "$lib" && mv "$lib.new" "$lib"
install -m 0755 bin/jbuild "$prefix/bin/jbuild.new" && mv -f "$prefix/bin/jbuild.new" "$prefix/bin/jbuild"
completions=$prefix/share/bash-completion/completions
mkdir -p "$completions"
"$prefix/bin/jbuild" completion bash > "$completions/jbuild"
jbuild=$prefix/bin/jbuild
echo "installed: $jbuild ($("$jbuild" --version | head -1)); bash completion: $completions/jbuild"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "note: $prefix/bin is not on your PATH: add it, e.g. echo 'export PATH=\"$prefix/bin:\$PATH\"' >> ~/.profile" >&2 ;;
esac

[ "$sample" = 1 ] || exit 0
# The main job on the sample: its base image is the busybox fixture (nothing comes from the internet),
# then the build, then a container of the result.
"$jbuild" build --check testdata/sample
busybox=$(mktemp /tmp/jbuild-busybox.XXXXXX.tar)
testdata/busybox/rootfs.sh "$busybox"
"$jbuild" import "$busybox" busybox:latest >/dev/null
rm -f "$busybox"
"$jbuild" -t sample:latest testdata/sample
"$jbuild" run --rm sample:latest
