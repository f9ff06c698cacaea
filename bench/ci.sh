#!/usr/bin/env bash
# What CI does, side by side in one run: an empty store, the build, then the first push of layers the
# registry has never seen, for jbuild and rootless buildah (as USER, overlay + runc, as compare.sh) and
# Docker's BuildKit (Debian's dockerd 20.10, rootful, on a data root and socket of its own, cleaned of
# images and build cache before every run). Every tool pulls the base from the same loopback registry and
# pushes to it. Each run writes a new seed file into the context, so every push sends new layers.
# jbuild runs twice: `build` then `push`, and `build --push` (one command that sends layers while later
# steps run). Every tool builds on the host's network (--network host: Docker's bridge is off, and the
# downloads of the real projects then take the same path for all three). Medians of RUNS (3), wall seconds,
# ratio = jbuild / the faster peer.
# JBUILD_DEBIAN_ROOTFS=debian.tar (testdata/debian/rootfs.sh makes it) adds real-world projects on that
# Debian image, which need network for apt and npm: java-app, npm-app and apt (see lib/projects.sh);
# CASES="..." picks cases by name.
#   bash bench/ci.sh USER        (as root: dockerd needs it; jbuild and buildah run as USER)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
user=${1:?usage: bash bench/ci.sh USER (as root)}
runs=${RUNS:-3}
[ "$(id -u)" = 0 ] || { echo "ci.sh: run it as root (dockerd); jbuild and buildah run as $user" >&2; exit 2; }
for tool in buildah runc docker-registry /usr/sbin/dockerd /usr/bin/docker bc; do
  command -v "$tool" >/dev/null || { echo "ci.sh: $tool is missing" >&2; exit 2; }
done
. "$top/bench/lib/common.sh"
bench_work ci
# shellcheck source=lib/projects.sh
. "$top/bench/lib/projects.sh"

# The registry, on loopback.
start_registry

# dockerd of its own.
start_dockerd

# The base, pushed once by jbuild.
push_busybox_base
base=$reg/bench/busybox:1

# The cases, in contexts the user can read.
ctx=$work/ctx
mkdir -p "$ctx/hello" "$ctx/manyruns" "$ctx/copyheavy/data"
printf 'FROM %s\nCOPY seed.txt /seed.txt\nRUN cat /seed.txt > /copy\n' "$base" > "$ctx/hello/Dockerfile"
{ printf 'FROM %s\nCOPY seed.txt /seed.txt\n' "$base"; for i in $(seq 10); do printf 'RUN echo %s >> /steps\n' "$i"; done; } > "$ctx/manyruns/Dockerfile"
printf 'FROM %s\nCOPY data/ /data/\nRUN du -s /data > /size\n' "$base" > "$ctx/copyheavy/Dockerfile"
for i in $(seq 2000); do head -c 26000 /dev/urandom > "$ctx/copyheavy/data/f$i"; done
chmod -R a+rX "$ctx"
cases=(hello manyruns copyheavy)
if [ -n "${JBUILD_DEBIAN_ROOTFS:-}" ]; then
  as_user env JBUILD_ROOT="$work/as-user/seed" "$top/bin/jbuild" import "$JBUILD_DEBIAN_ROOTFS" deb >/dev/null
  as_user env JBUILD_ROOT="$work/as-user/seed" "$top/bin/jbuild" push deb "$reg/bench/debian:bookworm" >/dev/null
  project_java "$ctx" "$reg/bench/debian:bookworm"
  sed -i 's#^COPY pom.xml \.$#COPY pom.xml pom-seed.txt ./#' "$ctx/java-app/Dockerfile" # the file seed() writes
  project_npm "$ctx" "$reg/bench/debian:bookworm"
  project_apt "$ctx" "$reg/bench/debian:bookworm"
  cases+=(java-app npm-app apt)
fi
if [ -n "${CASES:-}" ]; then read -ra cases <<< "$CASES"; fi
seed() { # new bytes in a file the first COPY takes, so that every layer from there on is one the registry lacks
  local c=$1 v=$2
  case $c in
    copyheavy) echo "$v" > "$ctx/$c/data/seed" ;;
    apt) echo "$v" > "$ctx/$c/note.txt" ;;
    java-app) echo "$v" > "$ctx/$c/pom-seed.txt" ;;
    npm-app) printf '{"name":"app","version":"1.0.0","description":"%s","dependencies":{"express":"4.21.2"}}\n' "$v" > "$ctx/$c/package.json" ;;
    *) echo "$v" > "$ctx/$c/seed.txt" ;;
  esac
  chmod -R a+rX "$ctx/$c"
}


jbuild_run() { # $1 case $2 tag: prints build and push seconds (build, then push: two commands)
  local store=$work/as-user/jb-$2 s m e
  s=$(now); as_user env JBUILD_ROOT="$store" "$top/bin/jbuild" build -q --network host -t "$reg/jb/$1:$2" "$ctx/$1" >/dev/null
  m=$(now); as_user env JBUILD_ROOT="$store" "$top/bin/jbuild" push "$reg/jb/$1:$2" >/dev/null; e=$(now)
  as_user env JBUILD_ROOT="$store" "$top/bin/jbuild" unshare rm -rf "$store"
  echo "$(echo "$m - $s" | bc) $(echo "$e - $m" | bc)"
}

jbpush_run() { # build --push: one command, layers sent while later steps run; prints 0 and its seconds as the push
  local store=$work/as-user/jp-$2 s e
  s=$(now); as_user env JBUILD_ROOT="$store" "$top/bin/jbuild" build -q --network host --push -t "$reg/jp/$1:$2" "$ctx/$1" >/dev/null; e=$(now)
  as_user env JBUILD_ROOT="$store" "$top/bin/jbuild" unshare rm -rf "$store"
  echo "0 $(echo "$e - $s" | bc)"
}

buildah_run() {
  local root=$work/as-user/bh-$2 s m e
  local B=(buildah --root "$root/root" --runroot "$root/run" --storage-driver overlay)
  mkdir -p "$root/config"
  printf '[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\n' > "$root/config/containers.conf"
  chown -R "$user:" "$root"
  s=$(now); as_user env CONTAINERS_CONF="$root/config/containers.conf" "${B[@]}" bud --layers --isolation oci --network host --tls-verify=false \
    -t "$reg/bh/$1:$2" "$ctx/$1" >/dev/null 2>&1
  m=$(now); as_user env CONTAINERS_CONF="$root/config/containers.conf" "${B[@]}" push --tls-verify=false "$reg/bh/$1:$2" >/dev/null 2>&1; e=$(now)
  as_user "${B[@]}" unshare rm -rf "$root" >/dev/null 2>&1 || true
  echo "$(echo "$m - $s" | bc) $(echo "$e - $m" | bc)"
}

docker_run() {
  local s m e
  docker_cold
  s=$(now); "${D[@]}" build -q --network host -t "$reg/dk/$1:$2" "$ctx/$1" >/dev/null
  m=$(now); "${D[@]}" push "$reg/dk/$1:$2" >/dev/null; e=$(now)
  echo "$(echo "$m - $s" | bc) $(echo "$e - $m" | bc)"
}

printf '# CI end to end: empty store, build, first push; %s, %s cores, jbuild %s\n' "$(date +%F)" "$(nproc)" \
  "$(git -c safe.directory="$top" -C "$top" rev-parse --short HEAD 2>/dev/null || echo '?')"
printf '# wall seconds, median of %s: build + first push = total; jbuild --push: one command, its total; ratios = jbuild / the faster peer\n' "$runs"
printf '%-10s %-22s %-15s %-22s %-22s %-9s %s\n' case jbuild "jbuild --push" buildah docker ratio "--push ratio"
tools=(jbuild jbpush buildah docker)
for c in "${cases[@]}"; do
  declare -A t=()
  for tool in "${tools[@]}"; do t[$tool-b]=""; t[$tool-p]=""; t[$tool-t]=""; done
  for r in $(seq "$runs"); do
    for tool in "${tools[@]}"; do
      seed "$c" "$tool-$r-$RANDOM$RANDOM"
      read -r b p < <("${tool}_run" "$c" "r$r")
      t[$tool-b]+=" $b"; t[$tool-p]+=" $p"; t[$tool-t]+=" $(echo "$b + $p" | bc)"
    done
  done
  cell() { printf '%.2f+%.2f=%.2f' "$(median ${t[$1-b]})" "$(median ${t[$1-p]})" "$(median ${t[$1-t]})"; }
  jt=$(median ${t[jbuild-t]}); pt=$(median ${t[jbpush-t]}); bt=$(median ${t[buildah-t]}); dt=$(median ${t[docker-t]})
  best=$(printf '%s\n%s\n' "$bt" "$dt" | sort -n | head -1)
  printf '%-10s %-22s %-15.2f %-22s %-22s %-9.2f %.2f\n' "$c" "$(cell jbuild)" "$pt" "$(cell buildah)" "$(cell docker)" \
    "$(echo "$jt / $best" | bc -l)" "$(echo "$pt / $best" | bc -l)"
  unset t
done
