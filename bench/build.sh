#!/usr/bin/env bash
# jbuild build against rootless `buildah bud --layers` (Debian's, vfs, runc) on the same machine in
# the same run: four cases — a hello image, a context of 2000 small files (50 MB), a two-stage build,
# ten RUN steps — each cold (empty caches), warm (all cached) and with one file changed. Reports wall
# times, jbuild/buildah ratios (goal: warm <= 0.5, cold <= 0.8) and jbuild's peak memory.
# Results go to stdout and bench/results/build.txt.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
jbuild=$top/bin/jbuild
work=$(mktemp -d)
export JBUILD_ROOT=$work/jbuild
B=(buildah --root "$work/buildah/root" --runroot "$work/buildah/run" --storage-driver vfs)
printf '[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\n' > "$work/containers.conf"
export CONTAINERS_CONF=$work/containers.conf
trap '"${B[@]}" unshare rm -rf "$work/buildah" >/dev/null 2>&1; "$jbuild" unshare rm -rf "$work" >/dev/null 2>&1 || rm -rf "$work"' EXIT
mkdir -p "$top/bench/results"

"$top/testdata/busybox/rootfs.sh" "$work/bb.tar"
"$jbuild" import "$work/bb.tar" busybox >/dev/null
"$jbuild" save -o "$work/bb-save.tar" busybox
"${B[@]}" pull -q "docker-archive:$work/bb-save.tar" >/dev/null

mk() { mkdir -p "$work/ctx/$1"; cat > "$work/ctx/$1/Dockerfile"; }
mk hello <<'D'
FROM busybox
RUN echo hello > /hello
CMD ["cat", "/hello"]
D
mk files <<'D'
FROM busybox
COPY data/ /data/
RUN du -s /data > /size
D
mkdir -p "$work/ctx/files/data"
for i in $(seq 2000); do head -c 25600 /dev/urandom > "$work/ctx/files/data/f$i"; done
mk twostage <<'D'
FROM busybox AS build
COPY src.txt /src.txt
RUN sort /src.txt > /sorted
FROM busybox
COPY --from=build /sorted /sorted
D
seq 100000 | shuf > "$work/ctx/twostage/src.txt"
{ echo "FROM busybox"; echo "COPY step.txt /step.txt"; for i in $(seq 10); do echo "RUN echo $i >> /steps"; done; } \
  | mk tenruns
echo 1 > "$work/ctx/tenruns/step.txt"
touch "$work/ctx/hello/unused"

changed_file() {
  case $1 in
    hello) echo "$work/ctx/hello/unused" ;; files) echo "$work/ctx/files/data/f1" ;;
    twostage) echo "$work/ctx/twostage/src.txt" ;; tenruns) echo "$work/ctx/tenruns/step.txt" ;;
  esac
}

secs() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo "scale=2; ($e - $s) / 1000000000" | bc; }
peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

{
  echo "# jbuild build vs buildah bud --layers, $(date -u +%F), $(nproc) cores (seconds; ratio = jbuild/buildah)"
  printf '%-10s %-8s %8s %8s %6s\n' case phase jbuild buildah ratio
  for c in hello files twostage tenruns; do
    ctx=$work/ctx/$c
    for phase in cold warm changed; do
      [ "$phase" = changed ] && echo "$RANDOM" >> "$(changed_file "$c")"
      if [ "$phase" = cold ]; then
        j=$(secs "$jbuild" build --no-cache -t "b-$c" "$ctx")
        b=$(secs "${B[@]}" bud --layers --no-cache --isolation oci --network host -t "b-$c" "$ctx")
      else
        j=$(secs "$jbuild" build -t "b-$c" "$ctx")
        b=$(secs "${B[@]}" bud --layers --isolation oci --network host -t "b-$c" "$ctx")
      fi
      printf '%-10s %-8s %8s %8s %6s\n' "$c" "$phase" "$j" "$b" "$(echo "scale=2; $j / $b" | bc)"
    done
  done
  if [ -x /usr/bin/time ]; then
    echo "jbuild peak RSS, files case, cold: $(peak_kb "$jbuild" build --no-cache "$work/ctx/files") KB (of the JVM; the sandbox is separate)"
  fi
} | tee "$top/bench/results/build.txt"
