#!/usr/bin/env bash
# A two-platform build (linux/amd64 + linux/arm64, the arm64 RUN steps through qemu-user-static) and its
# first push, from an empty store, jbuild against rootless Buildah (`build --platform … --manifest` then
# `manifest push --all`), side by side in one run as USER, and Docker's BuildKit (Debian's rootful dockerd
# 20.10, cold before each run). Docker 20.10 builds one platform per build without buildx, so its column is
# what a pipeline without buildx does: one build and push per platform, no index. Medians of RUNS (3), wall
# seconds, ratio = jbuild / the faster peer.
#   bash bench/multiplatform.sh USER     (as root: it makes the arm64 base and registers qemu's handlers)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
user=${1:?usage: bash bench/multiplatform.sh USER (as root)}
runs=${RUNS:-3}
[ "$(id -u)" = 0 ] || { echo "multiplatform.sh: run it as root (dockerd); jbuild and buildah run as $user" >&2; exit 2; }
for tool in buildah runc docker-registry /usr/sbin/dockerd /usr/bin/docker bc; do
  command -v "$tool" >/dev/null || { echo "multiplatform.sh: $tool is missing" >&2; exit 2; }
done
. "$top/scripts/lib/packages.sh"
install_packages qemu-user-static
register_emulators
. "$top/bench/lib/common.sh"
bench_work mp

start_registry
start_dockerd

# The two-platform base, joined and pushed once by jbuild.
"$top/testdata/busybox/rootfs.sh" "$work/amd64.tar"
bash "$top/testdata/busybox/arm64.sh" "$work/arm64.tar"
chmod 644 "$work"/*.tar
J=(env JBUILD_ROOT="$work/as-user/seed" "$top/bin/jbuild")
as_user "${J[@]}" import "$work/amd64.tar" bb:amd64 >/dev/null
as_user "${J[@]}" import --platform linux/arm64 "$work/arm64.tar" bb:arm64 >/dev/null
as_user "${J[@]}" manifest create bb:multi bb:amd64 bb:arm64 >/dev/null
as_user "${J[@]}" manifest push bb:multi "$reg/bench/busybox:multi" >/dev/null
ctx=$work/ctx
mkdir -p "$ctx"
{ printf 'FROM %s\nARG TARGETPLATFORM\nCOPY seed.txt /seed.txt\n' "$reg/bench/busybox:multi"
  for i in $(seq 5); do printf 'RUN echo "%s $(uname -m) $TARGETPLATFORM" >> /steps\n' "$i"; done; } > "$ctx/Dockerfile"
chmod -R a+rX "$ctx"

jbuild_run() {
  local store=$work/as-user/jb-$1 s m e
  s=$(now); as_user env JBUILD_ROOT="$store" "$top/bin/jbuild" build -q --platform linux/amd64,linux/arm64 -t "$reg/jb/app:$1" "$ctx" >/dev/null
  m=$(now); as_user env JBUILD_ROOT="$store" "$top/bin/jbuild" push "$reg/jb/app:$1" >/dev/null; e=$(now)
  as_user env JBUILD_ROOT="$store" "$top/bin/jbuild" unshare rm -rf "$store"
  echo "$(echo "$m - $s" | bc) $(echo "$e - $m" | bc)"
}

buildah_run() {
  local root=$work/as-user/bh-$1 s m e
  local B=(buildah --root "$root/root" --runroot "$root/run" --storage-driver overlay)
  mkdir -p "$root/config"
  printf '[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\n' > "$root/config/containers.conf"
  chown -R "$user:" "$root"
  s=$(now); as_user env CONTAINERS_CONF="$root/config/containers.conf" "${B[@]}" build --layers --isolation oci --network host \
    --tls-verify=false --platform linux/amd64,linux/arm64 --manifest "app-$1" "$ctx" >/dev/null 2>&1
  m=$(now); as_user env CONTAINERS_CONF="$root/config/containers.conf" "${B[@]}" manifest push --all --tls-verify=false "app-$1" \
    "docker://$reg/bh/app:$1" >/dev/null 2>&1; e=$(now)
  as_user "${B[@]}" unshare rm -rf "$root" >/dev/null 2>&1 || true
  echo "$(echo "$m - $s" | bc) $(echo "$e - $m" | bc)"
}

docker_run() {
  local s m e p
  docker_cold
  s=$(now)
  for p in amd64 arm64; do
    "${D[@]}" build -q --network host --platform "linux/$p" -t "$reg/dk/app:$1-$p" "$ctx" >/dev/null
  done
  m=$(now)
  for p in amd64 arm64; do "${D[@]}" push "$reg/dk/app:$1-$p" >/dev/null; done
  e=$(now)
  echo "$(echo "$m - $s" | bc) $(echo "$e - $m" | bc)"
}

printf '# two platforms (amd64 native + arm64 through qemu), empty store, build + first push; %s, %s cores, jbuild %s\n' \
  "$(date +%F)" "$(nproc)" "$(git -c safe.directory="$top" -C "$top" rev-parse --short HEAD 2>/dev/null || echo '?')"
printf '%-12s %-22s %-22s %-22s %s\n' case jbuild buildah docker ratio
declare -A t=()
for tool in jbuild buildah docker; do t[$tool-b]=""; t[$tool-p]=""; t[$tool-t]=""; done
for r in $(seq "$runs"); do
  for tool in jbuild buildah docker; do
    echo "$tool-$r-$RANDOM$RANDOM" > "$ctx/seed.txt"; chmod a+r "$ctx/seed.txt"
    read -r b p < <("${tool}_run" "r$r")
    t[$tool-b]+=" $b"; t[$tool-p]+=" $p"; t[$tool-t]+=" $(echo "$b + $p" | bc)"
  done
done
cell() { printf '%.2f+%.2f=%.2f' "$(median ${t[$1-b]})" "$(median ${t[$1-p]})" "$(median ${t[$1-t]})"; }
best=$(printf '%s\n%s\n' "$(median ${t[buildah-t]})" "$(median ${t[docker-t]})" | sort -n | head -1)
printf '%-12s %-22s %-22s %-22s %.2f\n' two-platform "$(cell jbuild)" "$(cell buildah)" "$(cell docker)" "$(echo "$(median ${t[jbuild-t]}) / $best" | bc -l)"
