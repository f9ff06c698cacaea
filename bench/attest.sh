#!/usr/bin/env bash
# What attestations cost a build: the same build from an empty store without them, with --sbom, and with
# --sbom --provenance=mode=max, as USER. Cases: busybox with a small npm tree, and (with
# JBUILD_DEBIAN_ROOTFS, testdata/debian/rootfs.sh's tarball) Debian, whose dpkg database the SBOM reads.
# An attested build also stores the image in its pushed (gzip) form, so the push's compression moves into
# the build: compare "build + first push" with bench/ci.sh. Medians of RUNS (3), wall seconds.
#   bash bench/attest.sh USER     (as root)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
user=${1:?usage: bash bench/attest.sh USER (as root)}
runs=${RUNS:-3}
work=$(mktemp -d /tmp/jbuild-attest-bench.XXXXXX)
chmod 755 "$work"
trap 'runuser -u "$user" -- "$top/bin/jbuild" unshare rm -rf "$work/as-user" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
. "$top/bench/lib/common.sh"
mkdir -p "$work/as-user" "$work/ctx/busybox/node_modules" "$work/ctx/debian"
chown "$user:" "$work/as-user"
"$top/testdata/busybox/rootfs.sh" "$work/busybox.tar"
cases=(busybox)
printf 'FROM busybox\nCOPY node_modules /app/node_modules\nRUN echo built > /built\n' > "$work/ctx/busybox/Dockerfile"
for i in $(seq 200); do
  mkdir -p "$work/ctx/busybox/node_modules/p$i"
  printf '{"name":"p%s","version":"1.0.%s","license":"MIT"}' "$i" "$i" > "$work/ctx/busybox/node_modules/p$i/package.json"
done
if [ -n "${JBUILD_DEBIAN_ROOTFS:-}" ] && [ -r "$JBUILD_DEBIAN_ROOTFS" ]; then
  cp "$JBUILD_DEBIAN_ROOTFS" "$work/debian.tar"
  printf 'FROM debian\nRUN echo built > /built\n' > "$work/ctx/debian/Dockerfile"
  cases+=(debian)
fi
chmod -R a+rX "$work"
printf '# attestations: empty store, build; %s, %s cores, jbuild %s; wall seconds, median of %s\n' "$(date +%F)" "$(nproc)" \
  "$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo '?')" "$runs"
printf '%-8s %-8s %-8s %-14s %s\n' case plain sbom sbom+max-prov ratio
for c in "${cases[@]}"; do
  declare -A t=([plain]="" [sbom]="" [both]="")
  for r in $(seq "$runs"); do
    for mode in plain sbom both; do
      store=$work/as-user/$c-$mode-$r
      as_user env JBUILD_ROOT="$store" "$top/bin/jbuild" import "$work/$c.tar" "$c" >/dev/null
      flags=()
      [ "$mode" = sbom ] && flags=(--sbom)
      [ "$mode" = both ] && flags=(--sbom --provenance=mode=max)
      s=$(now); as_user env JBUILD_ROOT="$store" "$top/bin/jbuild" build -q "${flags[@]}" -t "app:$r" "$work/ctx/$c" >/dev/null; e=$(now)
      t[$mode]+=" $(echo "$e - $s" | bc)"
      as_user env JBUILD_ROOT="$store" "$top/bin/jbuild" unshare rm -rf "$store"
    done
  done
  p=$(median ${t[plain]}); s=$(median ${t[sbom]}); b=$(median ${t[both]})
  printf '%-8s %-8.2f %-8.2f %-14.2f %.2f\n' "$c" "$p" "$s" "$b" "$(echo "$b / $p" | bc -l)"
  unset t
done
