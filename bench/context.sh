#!/usr/bin/env bash
# A large build context, side by side in one run: FILES (20000) files of 3,950 random bytes in 200
# directories (79 MB) and `COPY . /app`. Each tool builds it once, then RUNS (3) times again with
# --no-cache and nothing changed: the second build of an unchanged context, where BuildKit and jbuild
# remember what they read of it. jbuild and rootless buildah run as USER (overlay + runc, as compare.sh),
# Docker's BuildKit is Debian's dockerd on a data root and socket of its own. The tools take turns in
# every round. Medians of wall seconds; jbuild's peak RSS; ratio = jbuild / the faster peer.
#   bash bench/context.sh USER        (as root: dockerd needs it)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
user=${1:?usage: bash bench/context.sh USER (as root)}
runs=${RUNS:-3}
files=${FILES:-20000}
[ "$(id -u)" = 0 ] || { echo "context.sh: run it as root (dockerd); jbuild and buildah run as $user" >&2; exit 2; }
for tool in buildah runc docker-registry /usr/sbin/dockerd /usr/bin/docker bc /usr/bin/time split; do
  command -v "$tool" >/dev/null || { echo "context.sh: $tool is missing" >&2; exit 2; }
done
. "$top/bench/lib/common.sh"
bench_work context
start_registry
start_dockerd

push_busybox_base

ctx=$work/ctx
per_dir=$(( (files + 199) / 200 ))
for d in $(seq 200); do
  mkdir -p "$ctx/src/d$d"
  head -c $((per_dir * 3950)) /dev/urandom | split -b 3950 -d -a 4 - "$ctx/src/d$d/f"
done
printf 'FROM %s\nCOPY . /app\n' "$reg/bench/busybox:1" > "$ctx/Dockerfile"
chmod -R a+rX "$ctx"

jb=(env JBUILD_ROOT="$work/as-user/jbuild" "$top/bin/jbuild" build -q -t large)
mkdir -p "$work/as-user/buildah/config"
printf '[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\n' > "$work/as-user/buildah/config/containers.conf"
chown -R "$user:" "$work/as-user/buildah"
bh=(env CONTAINERS_CONF="$work/as-user/buildah/config/containers.conf" buildah --root "$work/as-user/buildah/root"
  --runroot "$work/as-user/buildah/run" --storage-driver overlay bud --layers --isolation oci --network host --tls-verify=false -t large)
declare -A secs=()
jbuild_build() { as_user /usr/bin/time -f '%e %M' -o "$work/as-user/time" "${jb[@]}" "$@" "$ctx" >/dev/null; }
buildah_build() { as_user "${bh[@]}" "$@" "$ctx" >/dev/null 2>&1; }
docker_build() { "${D[@]}" build -q --network host -t large "$@" "$ctx" >/dev/null; }
timed() { local s; s=$(now); "$@"; echo "$(now) - $s" | bc; }

for tool in jbuild buildah docker; do "${tool}_build"; done # the first build of each
rss=()
for r in $(seq "$runs"); do
  for tool in jbuild buildah docker; do
    sync; sleep 2
    secs[$tool]+=" $(timed "${tool}_build" --no-cache)"
    [ "$tool" = jbuild ] && rss+=("$(cut -d' ' -f2 "$work/as-user/time")")
  done
done

printf '# large context: %s files, %s MB, COPY . /app; %s, %s cores, jbuild %s\n' "$files" "$(du -sm "$ctx" | cut -f1)" \
  "$(date +%F)" "$(nproc)" "$(git -c safe.directory="$top" -C "$top" rev-parse --short HEAD 2>/dev/null || echo '?')"
printf '# second build of the unchanged context with --no-cache, wall seconds, median of %s\n' "$runs"
j=$(median ${secs[jbuild]}); b=$(median ${secs[buildah]}); d=$(median ${secs[docker]})
best=$(printf '%s\n%s\n' "$b" "$d" | sort -n | head -1)
printf '%-8s %-8s %-8s %-7s %s\n' jbuild buildah docker ratio "jbuild peak RSS"
printf '%-8.2f %-8.2f %-8.2f %-7.2f %s MB\n' "$j" "$b" "$d" "$(echo "$j / $best" | bc -l)" "$(( $(median "${rss[@]}") / 1024 ))"
