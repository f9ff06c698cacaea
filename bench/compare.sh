#!/usr/bin/env bash
# jbuild against its strongest peers, side by side in one run, as the same unprivileged user: rootless
# `buildah bud --layers` with native overlay storage, runc and host network (../shared/PEERS.md), and
# (started as root) Docker's BuildKit from Debian's rootful dockerd on a data root and socket of its own;
# base images served by a loopback docker-registry. Per case: cold (--no-cache), warm (no change), one
# file changed, push to a new repository, push again, the first push of new layers, cold + first push
# (jbuild: one `build --push`); the 100 MB-RUN snapshot case; everyday commands; peak RSS (the command
# and what it starts; Docker's is its daemon's, so not shown) and store size. Medians of RUNS (3) runs,
# wall seconds, ratio = jbuild / the faster peer. Prints the table and writes bench/results/compare.txt
# (or $RESULTS/).
#   bash bench/compare.sh USER                       (as root: adds Docker; the rest runs as USER)
#   runuser -u USER -- bash bench/compare.sh         (jbuild and buildah only)
#   JBUILD_DEBIAN_ROOTFS=debian.tar adds the apt case (testdata/debian/rootfs.sh makes the tarball).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
jbuild=$top/bin/jbuild
runs=${RUNS:-3}
results=${RESULTS:-$top/bench/results} # where compare.txt goes
if [ "$(id -u)" = 0 ]; then # dockerd needs root; what is measured rootless runs as USER, talking to it by its socket
  user=${1:?"compare.sh: as root, name the unprivileged user the builds run as: bash $0 USER"}
  work=$(mktemp -d /tmp/jbuild-compare-docker.XXXXXX)
  chmod 755 "$work"
  pids=()
  trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"' EXIT
  . "$top/bench/lib/common.sh"
  start_dockerd
  chown "$user" "$work/docker.sock"
  mkdir -p "$results" && chown "$user" "$results"
  runuser -u "$user" -- env PATH="$PATH" HOME="$(getent passwd "$user" | cut -d: -f6)" RUNS="$runs" RESULTS="$results" \
    COMPARE_DOCKER_HOST="unix://$work/docker.sock" JBUILD_DEBIAN_ROOTFS="${JBUILD_DEBIAN_ROOTFS:-}" bash "$0"
  exit
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
D=()
[ -n "${COMPARE_DOCKER_HOST:-}" ] && D=(env DOCKER_HOST="$COMPARE_DOCKER_HOST" DOCKER_BUILDKIT=1 DOCKER_CONFIG="$work/docker-config" /usr/bin/docker)
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

# shellcheck source=lib/projects.sh
. "$top/bench/lib/projects.sh"
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
  project_apt "$work/ctx" "$reg/bench/debian:bookworm"
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
# case phase jbuild buildah [docker]: the ratio is to the faster peer
row() {
  local peer=$4
  if [ -n "${5:-}" ] && [ "$5" != - ] && [ "$(echo "$5 < $4" | bc)" = 1 ]; then peer=$5; fi
  printf '%-11s %-18s %8s %8s %8s %6s\n' "$1" "$2" "$3" "$4" "${5:--}" "$(ratio "$3" "$peer")"
}
docker_build() { [ ${#D[@]} -gt 0 ] || return 0; "${D[@]}" build --network host "$@"; }
buildah_cold_push() { # CONTEXT NAME
  "${B[@]}" bud --layers --no-cache --isolation oci --network host --tls-verify=false -t "$2" "$1" \
    && "${B[@]}" push --tls-verify=false "$2" "docker://$2"
}
docker_cold_push() { docker_build --no-cache -t "$2" "$1" && "${D[@]}" push "$2"; }
# The median of Docker's runs, or - without Docker (no runs)
dmedian() { if [ $# -gt 0 ]; then median "$@"; else echo -; fi; }
# Docker's median of a command, or - without Docker
dtimed() { if [ ${#D[@]} -gt 0 ]; then timed "$@"; else echo -; fi; }
peak_mb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%d", $1 / 1024 }'; }
nothing() { :; }

{
  peers="rootless buildah bud --layers (overlay, runc)"
  [ ${#D[@]} -gt 0 ] && peers+=" and Docker $("${D[@]}" version -f '{{.Server.Version}}') BuildKit (rootful dockerd)"
  echo "# jbuild vs $peers, $(date -u +%F), $(nproc) cores, as $(id -un), jbuild $(git -c safe.directory="$top" -C "$top" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "# wall seconds, median of $runs; ratio = jbuild / the faster peer"
  printf '%-11s %-18s %8s %8s %8s %6s\n' case phase jbuild buildah docker ratio
  for c in "${cases[@]}"; do
    ctx=$work/ctx/$c
    change() { echo "$RANDOM$RANDOM" >> "$(changed_file "$c")"; }
    row "$c" cold "$(timed nothing "$jbuild" build --no-cache -t "b-$c" "$ctx")" \
      "$(timed nothing "${B[@]}" bud --layers --no-cache --isolation oci --network host --tls-verify=false -t "b-$c" "$ctx")" \
      "$(dtimed nothing docker_build --no-cache -t "b-$c" "$ctx")"
    row "$c" warm "$(timed nothing "$jbuild" build -t "b-$c" "$ctx")" \
      "$(timed nothing "${B[@]}" bud --layers --isolation oci --network host --tls-verify=false -t "b-$c" "$ctx")" \
      "$(dtimed nothing docker_build -t "b-$c" "$ctx")"
    jc=(); bc_=(); dc=()
    for ((i = 0; i < runs; i++)); do
      change; jc+=("$(secs "$jbuild" build -t "b-$c" "$ctx")")
      change; bc_+=("$(secs "${B[@]}" bud --layers --isolation oci --network host --tls-verify=false -t "b-$c" "$ctx")")
      if [ ${#D[@]} -gt 0 ]; then change; dc+=("$(secs docker_build -t "b-$c" "$ctx")"); fi
    done
    row "$c" "one change" "$(median "${jc[@]}")" "$(median "${bc_[@]}")" "$(dmedian "${dc[@]}")"
    jp=(); bp=(); dp=()
    for ((i = 0; i < runs; i++)); do
      jp+=("$(secs "$jbuild" push "b-$c" "$reg/j/$c-$i:1")")
      bp+=("$(secs "${B[@]}" push --tls-verify=false "b-$c" "docker://$reg/b/$c-$i:1")")
      if [ ${#D[@]} -gt 0 ]; then "${D[@]}" tag "b-$c" "$reg/d/$c-$i:1"; dp+=("$(secs "${D[@]}" push "$reg/d/$c-$i:1")"); fi
    done
    row "$c" "push new repo" "$(median "${jp[@]}")" "$(median "${bp[@]}")" "$(dmedian "${dp[@]}")"
    row "$c" "push again" "$(timed nothing "$jbuild" push "b-$c" "$reg/j/$c-0:1")" \
      "$(timed nothing "${B[@]}" push --tls-verify=false "b-$c" "docker://$reg/b/$c-0:1")" \
      "$(dtimed nothing "${D[@]}" push "$reg/d/$c-0:1")"
    # The first push of layers the registry has never seen: a changed build (not timed), then its push.
    jf=(); bf=(); df=(); jt=(); bt=(); dt=()
    for ((i = 0; i < runs; i++)); do
      change; "$jbuild" build -t "f-$c" "$ctx" >/dev/null 2>&1; jf+=("$(secs "$jbuild" push "f-$c" "$reg/jf/$c-$i:1")")
      change; "${B[@]}" bud --layers --isolation oci --network host --tls-verify=false -t "f-$c" "$ctx" >/dev/null 2>&1
      bf+=("$(secs "${B[@]}" push --tls-verify=false "f-$c" "docker://$reg/bf/$c-$i:1")")
      if [ ${#D[@]} -gt 0 ]; then
        change; docker_build -t "$reg/df/$c-$i:1" "$ctx" >/dev/null 2>&1; df+=("$(secs "${D[@]}" push "$reg/df/$c-$i:1")")
      fi
      # Cold + first push, what CI does: jbuild in one command, the peers build then push.
      change; jt+=("$(secs "$jbuild" build --no-cache --push -t "$reg/jt/$c-$i:1" "$ctx")")
      change; bt+=("$(secs buildah_cold_push "$ctx" "$reg/bt/$c-$i:1")")
      if [ ${#D[@]} -gt 0 ]; then change; dt+=("$(secs docker_cold_push "$ctx" "$reg/dt/$c-$i:1")"); fi
    done
    row "$c" "first push" "$(median "${jf[@]}")" "$(median "${bf[@]}")" "$(dmedian "${df[@]}")"
    row "$c" "cold+first push" "$(median "${jt[@]}")" "$(median "${bt[@]}")" "$(dmedian "${dt[@]}")"
    printf '%-11s %-18s %7sM %7sM %8s %6s\n' "$c" "peak RSS" "$(peak_mb "$jbuild" build --no-cache -t "b-$c" "$ctx")" \
      "$(peak_mb "${B[@]}" bud --layers --no-cache --isolation oci --network host --tls-verify=false -t "b-$c" "$ctx")" - ""
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
