#!/usr/bin/env bash
# Start-up time of `jbuild --version` and `jbuild --help` (target: under 0.3 s wall on a 2-core machine).
# Uses hyperfine when installed, else the mean of N plain runs. Results go to stdout and bench/results/.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
jbuild=$top/bin/jbuild
runs=${RUNS:-20}
mkdir -p "$top/bench/results"
"$jbuild" --version >/dev/null   # builds the class-data sharing archive once
mean_ms() {
  local start end i
  start=$(date +%s%N)
  for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1; done
  end=$(date +%s%N)
  echo $(( (end - start) / runs / 1000000 ))
}
{
  echo "# jbuild start-up, $(date -u +%F), $(nproc) cores, mean of $runs runs"
  if command -v hyperfine >/dev/null; then
    hyperfine --warmup 3 --runs "$runs" -N "$jbuild --version" "$jbuild --help" "java -version"
  else
    echo "jbuild --version: $(mean_ms "$jbuild" --version) ms"
    echo "jbuild --help:    $(mean_ms "$jbuild" --help) ms"
    echo "java -version:    $(mean_ms java -version) ms (the JVM's own floor)"
  fi
} | tee "$top/bench/results/startup.txt"
