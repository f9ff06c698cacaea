#!/usr/bin/env bash
# Import and save of a large tree (default 1 GiB; SIZE_MB to change): MB/s of jbuild's one-pass
# tar -> sha256 (diffID) -> gzip -> sha256 (digest) against `tar c | gzip | sha256sum` on the same
# data in the same run, with jbuild's peak memory (it must stay flat as the tree grows).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
jbuild=$top/bin/jbuild
size_mb=${SIZE_MB:-1024}
work=$(mktemp -d "${TMPDIR:-/tmp}/jbuild-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export JBUILD_ROOT=$work/store

# Half compressible text, half random bytes, in files of 1-8 MB, as real layers mix them.
mkdir -p "$work/tree"
made=0 i=0
while [ $made -lt "$size_mb" ]; do
  mb=$(( (i % 8) + 1 ))
  if [ $((i % 2)) = 0 ]; then
    head -c $((mb * 1048576)) /dev/urandom > "$work/tree/random-$i"
  else
    (yes "line $i of some compressible text for the layer benchmark" || true) | head -c $((mb * 1048576)) > "$work/tree/text-$i"
  fi
  made=$((made + mb)); i=$((i + 1))
done
tar -C "$work/tree" -cf "$work/tree.tar" .
bytes=$(stat -c %s "$work/tree.tar")
"$jbuild" --version >/dev/null

seconds() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo "scale=3; ($e - $s) / 1000000000" | bc; }
mbps() { echo "scale=1; $bytes / 1048576 / $1" | bc; }
peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

cat "$work/tree.tar" > /dev/null   # page cache warm for both sides
t_ref=$(seconds bash -c "gzip -6 < '$work/tree.tar' | sha256sum > /dev/null")
t_import=$(seconds "$jbuild" import "$work/tree.tar" bench:1)
rm -rf "$JBUILD_ROOT"
mem_import=$(peak_kb "$jbuild" import "$work/tree.tar" bench:1)
t_save=$(seconds "$jbuild" save -o "$work/saved.tar" bench:1)
t_cat=$(seconds bash -c "cat '$JBUILD_ROOT'/blobs/sha256/* > '$work/copy.tar'")
mem_save=$(peak_kb "$jbuild" save -o "$work/saved.tar" bench:1)

mkdir -p "$top/bench/results"
{
  echo "# import/save of a $size_mb MiB tree ($bytes bytes of tar), $(date -u +%F), $(nproc) cores"
  echo "gzip -6 | sha256sum:     ${t_ref}s  $(mbps "$t_ref") MB/s"
  echo "jbuild import:           ${t_import}s  $(mbps "$t_import") MB/s  (ratio $(echo "scale=2; $t_import / $t_ref" | bc) of gzip|sha256sum)  peak RSS $((mem_import / 1024)) MB"
  echo "jbuild save:             ${t_save}s  (cat of the same blobs: ${t_cat}s)  peak RSS $((mem_save / 1024)) MB"
} | tee "$top/bench/results/store.txt"
