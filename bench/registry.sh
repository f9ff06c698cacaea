#!/usr/bin/env bash
# Push and pull of a 5-layer image (default 500 MB; SIZE_MB to change) to a docker-registry on
# loopback: jbuild against `skopeo copy` of the same image in the same run, as ratios.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
jbuild=$top/bin/jbuild
size_mb=${SIZE_MB:-500}
work=$(mktemp -d "${TMPDIR:-/tmp}/jbuild-bench.XXXXXX")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/registry.yml" <<YML
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$port
YML
docker-registry serve "$work/registry.yml" >/dev/null 2>&1 &
registry=$!
trap 'kill $registry 2>/dev/null; rm -rf "$work"' EXIT
until curl -sf "http://127.0.0.1:$port/v2/" >/dev/null; do sleep 0.1; done
export JBUILD_ROOT=$work/store

# A docker-archive of 5 layers of random bytes, loaded into jbuild's store.
mkdir -p "$work/archive"
diffs=() layers=()
for i in 1 2 3 4 5; do
  mkdir -p "$work/l$i"
  head -c $((size_mb * 1048576 / 5)) /dev/urandom > "$work/l$i/data-$i"
  tar -C "$work/l$i" -cf "$work/archive/layer$i.tar" .
  diffs+=("\"sha256:$(sha256sum "$work/archive/layer$i.tar" | cut -d' ' -f1)\"")
  layers+=("\"layer$i.tar\"")
done
(IFS=,; echo "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[${diffs[*]}]}}") > "$work/archive/config.json"
(IFS=,; echo "[{\"Config\":\"config.json\",\"RepoTags\":[\"bench:1\"],\"Layers\":[${layers[*]}]}]") > "$work/archive/manifest.json"
tar -C "$work/archive" -cf "$work/image.tar" .
"$jbuild" load -q -i "$work/image.tar"

seconds() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo "scale=2; ($e - $s) / 1000000000" | bc; }
reg=127.0.0.1:$port
t_jpush=$(seconds "$jbuild" push bench:1 "$reg/jbuild/bench:1")
t_spush=$(seconds skopeo copy --dest-tls-verify=false "oci:$JBUILD_ROOT:docker.io/library/bench:1" "docker://$reg/skopeo/bench:1")
t_jpull=$(seconds env JBUILD_ROOT="$work/pulled" "$jbuild" pull "$reg/jbuild/bench:1")
t_spull=$(seconds skopeo copy --src-tls-verify=false "docker://$reg/skopeo/bench:1" "oci:$work/skopeo-pulled:bench")
mkdir -p "$top/bench/results"
{
  echo "# push/pull of a 5-layer ${size_mb} MB image over loopback, $(date -u +%F), $(nproc) cores"
  echo "push: jbuild ${t_jpush}s  skopeo ${t_spush}s  ratio $(echo "scale=2; $t_jpush / $t_spush" | bc)"
  echo "pull: jbuild ${t_jpull}s  skopeo ${t_spull}s  ratio $(echo "scale=2; $t_jpull / $t_spull" | bc)"
} | tee "$top/bench/results/registry.txt"
