#!/usr/bin/env bash
# Chroot isolation's snapshot (issue 12): on a tree of 100,000 files, the time to find what a step
# changed (it touched 10 files) by comparing metadata, and to write it as the step's layer. Kaniko's
# published figures for its snapshot (a full walk with hashing) are printed beside it for scale.
# Results go to stdout and bench/results/snapshot.txt.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
jar=$top/builder-cli/target/jbuild.jar
[ -f "$jar" ] || { echo "snapshot.sh: build jbuild first (mvn -q -DskipTests install)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$top/bench/results"
{
  echo "# chroot isolation's snapshot, $(date -u +%F), $(nproc) cores, $(df -T "$work" | awk 'NR==2 {print $2}') file system"
  java -cp "$jar" "$top/bench/lib/SnapshotBench.java" "$work/root" "${DIRS:-1000}" "${FILES:-100}"
  echo "Kaniko, for scale (its issues #970 and #1305): 55 s of a 60 s build snapshotting; 30 min for 700k files"
} | tee "$top/bench/results/snapshot.txt"
