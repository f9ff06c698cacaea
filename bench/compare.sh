#!/usr/bin/env bash
# jbuild against its strongest peer, side by side in one run, as the same unprivileged user: rootless
# `buildah bud --layers` with native overlay storage, runc and host network (../shared/PEERS.md), base
# images served by a loopback docker-registry. Per case: cold (--no-cache), warm (no change), one file
# changed, push to a new repository, push again; the 100 MB-RUN snapshot case; everyday commands;
# peak RSS (the command and what it starts) and store size. Medians of RUNS (3) runs, wall seconds,
# ratio = jbuild / buildah. Prints the table and writes bench/results/compare.txt (or $RESULTS/).
#   runuser -u USER -- bash bench/compare.sh          (as root it refuses: rootless is what is measured)
#   JBUILD_DEBIAN_ROOTFS=debian.tar adds the apt case (testdata/debian/rootfs.sh makes the tarball).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
jbuild=$top/bin/jbuild
runs=${RUNS:-3}
results=${RESULTS:-$top/bench/results} # where compare.txt goes
if [ "$(id -u)" = 0 ]; then
  echo "compare.sh: run it as an unprivileged user with a subuid range: runuser -u USER -- bash $0" >&2
  exit 2
fi
for tool in buildah runc docker-registry bc /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool is missing (bash scripts/install.sh installs it)" >&2; exit 2; }
done
work=$(mktemp -d)
export JBUILD_ROOT=$work/jbuild XDG_CONFIG_HOME=$work/config
B=(buildah --root "$work/buildah/root" --runroot "$work/buildah/run" --storage-driver overlay)
mkdir -p "$work/config/containers"
printf '[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\n' > "$work/config/containers/containers.conf"
export CONTAINERS_CONF=$work/config/containers/containers.conf
registry_pid=
cleanup() {
  [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null
  "${B[@]}" unshare rm -rf "$work/buildah" >/dev/null 2>&1 || true
  "$jbuild" unshare rm -rf "$work" >/dev/null 2>&1 || rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$results"

# A loopback registry with the base image, for both builders to pull from.
port=$((20000 + RANDOM % 30000))
mkdir -p "$work/registry"
printf 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %s\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:%s\n' \
  "$work/registry" "$port" > "$work/registry.yml"
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
registry_pid=$!
reg=127.0.0.1:$port
for _ in $(seq 50); do curl -sf "http://$reg/v2/" >/dev/null 2>&1 && break; sleep 0.1; done
"$top/testdata/busybox/rootfs.sh" "$work/bb.tar"
"$jbuild" import "$work/bb.tar" bb >/dev/null
"$jbuild" push bb "$reg/bench/busybox:1" >/dev/null
"$jbuild" rmi bb >/dev/null
base=$reg/bench/busybox:1
if [ -n "${JBUILD_DEBIAN_ROOTFS:-}" ]; then
  "$jbuild" import "$JBUILD_DEBIAN_ROOTFS" deb >/dev/null
  "$jbuild" push deb "$reg/bench/debian:bookworm" >/dev/null
  "$jbuild" rmi deb >/dev/null
fi

mk() { mkdir -p "$work/ctx/$1"; cat > "$work/ctx/$1/Dockerfile"; }
mk hello <<D
FROM $base
COPY greeting.txt /greeting.txt
RUN cat /greeting.txt > /hello
CMD ["cat", "/hello"]
D
echo hello > "$work/ctx/hello/greeting.txt"
mk multistage <<D
FROM $base AS build
COPY src.txt /src.txt
RUN sort /src.txt > /sorted
FROM $base
COPY --from=build /sorted /sorted
D
seq 100000 | shuf > "$work/ctx/multistage/src.txt"
{ echo "FROM $base"; echo "COPY step.txt /step.txt"; for i in $(seq 10); do echo "RUN echo $i >> /steps"; done; } | mk manyruns
echo 1 > "$work/ctx/manyruns/step.txt"
mk copyheavy <<D
FROM $base
COPY data/ /data/
RUN du -s /data > /size
D
mkdir -p "$work/ctx/copyheavy/data"
for i in $(seq 2000); do head -c 26000 /dev/urandom > "$work/ctx/copyheavy/data/f$i"; done
mk snapshot <<D
FROM $base
COPY seed.txt /seed.txt
RUN for i in 1 2 3 4 5 6 7 8 9 10; do head -c 10485760 /dev/urandom > /big\$i; done
RUN echo after > /after
RUN echo done > /done
D
echo 1 > "$work/ctx/snapshot/seed.txt"
cases=(hello multistage manyruns copyheavy snapshot)
if [ -n "${JBUILD_DEBIAN_ROOTFS:-}" ]; then
  mk apt <<D
FROM $reg/bench/debian:bookworm
COPY note.txt /note.txt
RUN apt-get update && apt-get install -y --no-install-recommends hello && rm -rf /var/lib/apt/lists/*
RUN useradd -m app && su app -c 'hello' > /home/app/greeting
D
  echo 1 > "$work/ctx/apt/note.txt"
  cases+=(apt)
fi
changed_file() {
  case $1 in
    hello) echo "$work/ctx/hello/greeting.txt" ;; multistage) echo "$work/ctx/multistage/src.txt" ;;
    manyruns) echo "$work/ctx/manyruns/step.txt" ;; copyheavy) echo "$work/ctx/copyheavy/data/f1" ;;
    snapshot) echo "$work/ctx/snapshot/seed.txt" ;; apt) echo "$work/ctx/apt/note.txt" ;;
  esac
}

secs() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo "scale=3; ($e - $s) / 1000000000" | bc; }
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
# The median of RUNS runs of a command; SETUP (a function name or :) runs before each.
timed() {
  local setup=$1; shift
  local t=() i
  for ((i = 0; i < runs; i++)); do "$setup"; t+=("$(secs "$@")"); done
  median "${t[@]}"
}
ratio() { echo "scale=2; $1 / $2" | bc; }
row() { printf '%-11s %-14s %8s %8s %6s\n' "$1" "$2" "$3" "$4" "$(ratio "$3" "$4")"; }
peak_mb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%d", $1 / 1024 }'; }
nothing() { :; }

{
  echo "# jbuild vs rootless buildah bud --layers (overlay, runc), $(date -u +%F), $(nproc) cores, as $(id -un)"
  echo "# wall seconds, median of $runs; ratio = jbuild / buildah"
  printf '%-11s %-14s %8s %8s %6s\n' case phase jbuild buildah ratio
  for c in "${cases[@]}"; do
    ctx=$work/ctx/$c
    change() { echo "$RANDOM$RANDOM" >> "$(changed_file "$c")"; }
    row "$c" cold "$(timed nothing "$jbuild" build --no-cache -t "b-$c" "$ctx")" \
      "$(timed nothing "${B[@]}" bud --layers --no-cache --isolation oci --network host --tls-verify=false -t "b-$c" "$ctx")"
    row "$c" warm "$(timed nothing "$jbuild" build -t "b-$c" "$ctx")" \
      "$(timed nothing "${B[@]}" bud --layers --isolation oci --network host --tls-verify=false -t "b-$c" "$ctx")"
    jc=(); bc_=()
    for ((i = 0; i < runs; i++)); do
      change; jc+=("$(secs "$jbuild" build -t "b-$c" "$ctx")")
      change; bc_+=("$(secs "${B[@]}" bud --layers --isolation oci --network host --tls-verify=false -t "b-$c" "$ctx")")
    done
    row "$c" "one change" "$(median "${jc[@]}")" "$(median "${bc_[@]}")"
    jp=(); bp=()
    for ((i = 0; i < runs; i++)); do
      jp+=("$(secs "$jbuild" push "b-$c" "$reg/j/$c-$i:1")")
      bp+=("$(secs "${B[@]}" push --tls-verify=false "b-$c" "docker://$reg/b/$c-$i:1")")
    done
    row "$c" "push new repo" "$(median "${jp[@]}")" "$(median "${bp[@]}")"
    row "$c" "push again" "$(timed nothing "$jbuild" push "b-$c" "$reg/j/$c-0:1")" \
      "$(timed nothing "${B[@]}" push --tls-verify=false "b-$c" "docker://$reg/b/$c-0:1")"
    printf '%-11s %-14s %7sM %7sM %6s\n' "$c" "peak RSS" "$(peak_mb "$jbuild" build --no-cache -t "b-$c" "$ctx")" \
      "$(peak_mb "${B[@]}" bud --layers --no-cache --isolation oci --network host --tls-verify=false -t "b-$c" "$ctx")" ""
  done
  # The step after a 100 MB one, alone: change only what it depends on.
  sed -i 's|^RUN echo after > /after$|RUN echo after$RANDOM > /after|' "$work/ctx/snapshot/Dockerfile"
  row snapshot "step after big" "$(secs "$jbuild" build -t b-snapshot "$work/ctx/snapshot")" \
    "$(secs "${B[@]}" bud --layers --isolation oci --network host --tls-verify=false -t b-snapshot "$work/ctx/snapshot")"
  row commands images "$(timed nothing "$jbuild" images)" "$(timed nothing "${B[@]}" images)"
  row commands inspect "$(timed nothing "$jbuild" inspect b-hello)" "$(timed nothing "${B[@]}" inspect b-hello)"
  row commands ps "$(timed nothing "$jbuild" ps -a)" "$(timed nothing "${B[@]}" containers)"
  if command -v podman >/dev/null; then
    P=(podman --root "$work/buildah/root" --runroot "$work/buildah/run" --storage-driver overlay)
    row commands "run --rm true" "$(timed nothing "$jbuild" run --rm b-hello true)" \
      "$(timed nothing "${P[@]}" run --rm --network host b-hello true)"
  else
    echo "commands    run --rm true  $(timed nothing "$jbuild" run --rm b-hello true)        - (podman not installed)"
  fi
  echo "store MB: jbuild $(du -sm "$work/jbuild" | cut -f1), buildah $("${B[@]}" unshare du -sm "$work/buildah/root" | cut -f1)"
} | tee "$results/compare.txt"
