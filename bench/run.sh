#!/usr/bin/env bash
# `jbuild run --rm busybox true` wall time, against rootless `podman run --rm` of the same image when
# podman is installed (Debian's, with runc, see ../shared/PEERS.md): on the host's network, on the private
# network (both through slirp4netns; needs a /dev/net/tun the user may open) and with a published port;
# and start time against image size: the same command in an image with 256 MB more (it must not grow with
# it, since layers are extracted once and then only mounted). Results go to stdout and bench/results/.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
jbuild=$top/bin/jbuild
runs=${RUNS:-10}
work=$(mktemp -d)
export JBUILD_ROOT=$work/store
trap '"$jbuild" unshare rm -rf "$work" >/dev/null 2>&1 || rm -rf "$work"' EXIT
mkdir -p "$top/bench/results"
"$top/testdata/busybox/rootfs.sh" "$work/bb.tar"
"$jbuild" import "$work/bb.tar" busybox >/dev/null
mkdir -p "$work/big/data"
head -c $((256 << 20)) /dev/urandom > "$work/big/data/blob"
"$jbuild" run --name fat -v "$work/big/data:/src:ro" busybox cp /src/blob /blob >/dev/null
"$jbuild" commit fat busybox:big >/dev/null
"$jbuild" rm fat >/dev/null
mean_ms() {
  local start end i
  "$@" >/dev/null 2>&1 # warm: extraction and class-data archive happen once
  start=$(date +%s%N)
  for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1; done
  end=$(date +%s%N)
  echo $(( (end - start) / runs / 1000000 ))
}
{
  echo "# jbuild run, $(date -u +%F), $(nproc) cores, mean of $runs runs"
  small=$(mean_ms "$jbuild" run --rm --network host busybox true)
  big=$(mean_ms "$jbuild" run --rm --network host busybox:big true)
  echo "jbuild run --rm --network host busybox true:     $small ms"
  echo "jbuild run --rm --network host busybox:big true: $big ms (image 256 MB larger)"
  private=$("$jbuild" info | grep -q '^Network: *private' && echo yes || echo no)
  if [ "$private" = yes ]; then
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("", 0)); print(s.getsockname()[1])')
    jp=$(mean_ms "$jbuild" run --rm busybox true)
    jpub=$(mean_ms "$jbuild" run --rm -p "$port:80" busybox true)
    echo "jbuild run --rm busybox true (private network):  $jp ms"
    echo "jbuild run --rm -p $port:80 busybox true:        $jpub ms"
  else
    echo "no private network here ($("$jbuild" info | grep '^Network:')): its rows are left out"
  fi
  if command -v podman >/dev/null; then
    "$jbuild" save -o "$work/bb-save.tar" busybox
    podman load -q -i "$work/bb-save.tar" >/dev/null
    p=$(mean_ms podman run --rm --network host docker.io/library/busybox:latest true)
    echo "podman run --rm --network host busybox true:     $p ms"
    echo "ratio jbuild/podman, host network:               $(awk -v a="$small" -v b="$p" 'BEGIN { printf "%.2f", a / b }')"
    if [ "$private" = yes ]; then
      pp=$(mean_ms podman run --rm --network slirp4netns docker.io/library/busybox:latest true)
      ppub=$(mean_ms podman run --rm --network slirp4netns -p "$port:80" docker.io/library/busybox:latest true)
      echo "podman run --rm --network slirp4netns busybox true: $pp ms"
      echo "podman run --rm -p $port:80 busybox true:        $ppub ms"
      echo "ratio jbuild/podman, private network:            $(awk -v a="$jp" -v b="$pp" 'BEGIN { printf "%.2f", a / b }')"
      echo "ratio jbuild/podman, published port:             $(awk -v a="$jpub" -v b="$ppub" 'BEGIN { printf "%.2f", a / b }')"
    fi
  else
    echo "podman is not installed (apt-get install podman): no comparison"
  fi
} | tee "$top/bench/results/run.txt"
