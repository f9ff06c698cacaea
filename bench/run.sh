#!/usr/bin/env bash
# `jbuild run --rm busybox true` wall time, against rootless `podman run --rm` of the same image when
# podman is installed (Debian's; runc and host network, see ../shared/PEERS.md), and start time
# against image size: the same command in an image with 256 MB more (it must not grow with it,
# since layers are extracted once and then only mounted). Results go to stdout and bench/results/.
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
  small=$(mean_ms "$jbuild" run --rm busybox true)
  big=$(mean_ms "$jbuild" run --rm busybox:big true)
  echo "jbuild run --rm busybox true:        $small ms"
  echo "jbuild run --rm busybox:big true:    $big ms (image 256 MB larger)"
  if command -v podman >/dev/null; then
    "$jbuild" save -o "$work/bb-save.tar" busybox
    podman load -q -i "$work/bb-save.tar" >/dev/null
    p=$(mean_ms podman run --rm --network host docker.io/library/busybox:latest true)
    echo "podman run --rm busybox true:        $p ms"
    echo "ratio jbuild/podman:                 $(awk -v a="$small" -v b="$p" 'BEGIN { printf "%.2f", a / b }')"
  else
    echo "podman is not installed (apt-get install podman): no comparison"
  fi
} | tee "$top/bench/results/run.txt"
