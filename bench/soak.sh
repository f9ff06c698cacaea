#!/usr/bin/env bash
# The fault suite's soak form: FaultIT (SIGKILL of build, pull, push, rmi, prune and run at random
# points, each followed by a full consistency check of the store, processes and temp files) for
# ROUNDS rounds (default 100) instead of CI's 2. Run it as the user jbuild runs as; its seeds and the
# result go to stdout and bench/results/soak.txt.
#   ROUNDS=100 bash bench/soak.sh            [TESTS='FaultIT#killedBuilds*' to soak one kind]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
rounds=${ROUNDS:-100}
tests=${TESTS:-FaultIT}
mkdir -p "$top/bench/results"
cd "$top"
mvn -B -q -DskipTests install
start=$(date +%s)
status=0
mvn -B verify -pl builder-cli -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test="$tests" \
  -Djbuild.faultRounds="$rounds" 2>&1 | tee "$top/bench/results/soak.log" | grep -E 'seed|Tests run:|FAIL' || status=$?
{
  echo "# soak, $(date -u +%F), $(nproc) cores: $tests, $rounds rounds, $(( $(date +%s) - start )) s"
  grep -E 'Tests run:' "$top/bench/results/soak.log" | tail -1
} | tee "$top/bench/results/soak.txt"
grep -q 'BUILD SUCCESS' "$top/bench/results/soak.log"
