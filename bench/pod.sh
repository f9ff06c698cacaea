#!/usr/bin/env bash
# Chroot isolation against rootless (issue 30): real projects built cold, as USER, rootless and in the CI pod
# without privileges (the tests' simulation: a user namespace that may make no other, no CAP_SYS_ADMIN, a /proc
# of its own), medians of RUNS (default 1). Cases: testdata/java-app (apt JDK + Maven, mvn package, a last stage
# that runs the jar), an npm app (apt nodejs + npm, npm ci of express from the npm registry) and testdata/debian
# (apt, useradd, su). Needs the Debian fixture (JBUILD_DEBIAN_ROOTFS, made by testdata/debian/rootfs.sh), network
# for apt and npm, and Maven plugins in USER's ~/.m2 (jbuild's own build puts them there).
#   sudo JBUILD_DEBIAN_ROOTFS=/tmp/debian.tar [RUNS=3] [CASES="java-app npm-app debian"] bash bench/pod.sh USER
# Results go to stdout and bench/results/pod.txt.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
user=${1:?usage: pod.sh USER}
runs=${RUNS:-1}
rootfs=${JBUILD_DEBIAN_ROOTFS:?set JBUILD_DEBIAN_ROOTFS to the Debian fixture (testdata/debian/rootfs.sh)}
work=$(mktemp -d /tmp/jbuild-pod-bench.XXXXXX)
pids=()
trap '[ ${#pids[@]} = 0 ] || kill "${pids[@]}" 2>/dev/null; rm -rf "$work" 2>/dev/null || true' EXIT
# shellcheck source=lib/common.sh
. "$top/bench/lib/common.sh"
# shellcheck source=lib/projects.sh
. "$top/bench/lib/projects.sh"
chmod 755 "$work"
mkdir -p "$top/bench/results"
# The contexts, readable by USER (FROM debian:bookworm: each store is given the fixture under that name).
project_java "$work" debian:bookworm
project_npm "$work" debian:bookworm
chown "$user:" "$work"

launcher=$top/bin/jbuild
subuid=$(grep "^$user:" /etc/subuid | cut -d: -f2)
subgid=$(grep "^$user:" /etc/subgid | cut -d: -f2)
in_pod() {
  as_user unshare --user --map-user=0 --map-group=0 --map-users="$subuid,1,65536" --map-groups="$subgid,1,65536" \
    --mount --pid --fork --mount-proc sh -c 'echo 0 > /proc/sys/user/max_user_namespaces && exec capsh --drop=cap_sys_admin -- -c "exec \"\$0\" \"\$@\"" "$@"' \
    locked "$@"
}
rootless() { as_user env JBUILD_ROOT="$work/store" "$@"; }

# One cold build in WHERE (rootless or in_pod): an empty store holding only the Debian fixture; prints seconds.
cold_build() {
  local where=$1 context=$2 start end
  if [ "$where" = in_pod ]; then
    in_pod env HOME="$work/pod" "$launcher" unshare rm -rf "$work/pod" >/dev/null 2>&1 || true
    mkdir -p "$work/pod" && chown "$user:" "$work/pod"
    in_pod env HOME="$work/pod" "$launcher" import "$rootfs" debian:bookworm >/dev/null
    start=$(now); in_pod env HOME="$work/pod" "$launcher" build -q "$context" >/dev/null; end=$(now)
  else
    rootless "$launcher" unshare rm -rf "$work/store" >/dev/null 2>&1 || true
    rootless "$launcher" import "$rootfs" debian:bookworm >/dev/null
    start=$(now); rootless "$launcher" build -q "$context" >/dev/null; end=$(now)
  fi
  echo "$end - $start" | bc
}

{
  echo "# chroot isolation (the pod) against rootless, cold builds, $(date -u +%F), commit $(git -c safe.directory='*' -C "$top" rev-parse --short HEAD), $(nproc) cores, medians of $runs"
  printf '%-12s %10s %10s %7s\n' case rootless pod ratio
  for case in java-app:"$work/java-app" npm-app:"$work/npm-app" debian:"$top/testdata/debian"; do
    name=${case%%:*} context=${case#*:}
    [[ " ${CASES:-java-app npm-app debian} " == *" $name "* ]] || continue
    r=() p=()
    for _ in $(seq "$runs"); do
      r+=("$(cold_build rootless "$context")")
      p+=("$(cold_build in_pod "$context")")
    done
    rm=$(median "${r[@]}") pm=$(median "${p[@]}")
    printf '%-12s %9.2fs %9.2fs %7.2f\n' "$name" "$rm" "$pm" "$(echo "$pm / $rm" | bc -l)"
  done
} | tee "$top/bench/results/pod.txt"
