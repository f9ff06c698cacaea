#!/usr/bin/env bash
# Parsing and checking a 100k-line Dockerfile (target: well under 1 s beyond start-up). The file mixes
# continuations, heredocs, JSON forms, ENV/LABEL pairs and COPY flags, as real Dockerfiles do.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
jbuild=$top/bin/jbuild
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{
  echo 'ARG BASE=busybox'
  echo 'FROM ${BASE} AS build'
  i=0
  while [ $i -lt 10000 ]; do
    cat <<LINES
RUN set -e; \\
    echo step $i \\
    && true
ENV V$i="value $i" W$i=w
LABEL l$i=x
COPY --chown=1000:1000 --chmod=644 src/$i.txt /dst/
RUN <<EOT
echo heredoc $i
EOT
EXPOSE $((8000 + i % 1000))/tcp
VOLUME ["/data/$i"]
LINES
    i=$((i + 1))
  done
  echo 'CMD ["sh"]'
} > "$work/Dockerfile"
lines=$(wc -l < "$work/Dockerfile")
[ -n "${KEEP:-}" ] && cp "$work/Dockerfile" "$KEEP"
"$jbuild" --version >/dev/null
t0=$(date +%s%N); "$jbuild" --version >/dev/null; t1=$(date +%s%N)
"$jbuild" build --check "$work" >/dev/null 2>&1 || true   # warm the page cache
t2=$(date +%s%N); "$jbuild" build --check "$work" >/dev/null 2>&1 || true; t3=$(date +%s%N)
mkdir -p "$top/bench/results"
{
  echo "# jbuild build --check on $lines lines, $(date -u +%F), $(nproc) cores"
  echo "start-up (jbuild --version): $(( (t1 - t0) / 1000000 )) ms"
  echo "build --check:               $(( (t3 - t2) / 1000000 )) ms"
  echo "parse + check alone:         $(( (t3 - t2 - (t1 - t0)) / 1000000 )) ms"
} | tee "$top/bench/results/parse.txt"
