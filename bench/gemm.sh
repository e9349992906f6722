#!/usr/bin/env bash
# Matrix-engine utilization benchmark (issue 4): builds the test classes with Maven, then runs
# sohu.verilator.array.GemmBench on Verilated engines (4x4, 8x8, 16x16 by default) and prints
# utilization = M*K*N / (R*C * cycles) from the hardware counters, with the lost cycles by kind.
# Usage: bench/gemm.sh [--sizes 4,8,16] [--format BF16] [--latency 3] [--no-check]
# Environment: MVN (default mvn), JAVA (default java), SOHU_JAVA_OPTS.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
MVN="${MVN:-mvn}"
JAVA="${JAVA:-java}"
CPFILE="$ROOT/verilator-tests/target/gemm-bench.classpath"
LOG="$ROOT/verilator-tests/target/gemm-bench-build.log"
mkdir -p "$ROOT/verilator-tests/target"
echo "building test classes (log: $LOG)..." >&2
if ! (cd "$ROOT" && "$MVN" -q -B -pl verilator-tests -am -DskipTests test-compile \
      dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/gemm-bench.classpath >"$LOG" 2>&1); then
  tail -n 40 "$LOG" >&2
  echo "gemm.sh: build failed (full log: $LOG)" >&2
  exit 1
fi
CP="$ROOT/verilator-tests/target/test-classes:$ROOT/verilator-tests/target/classes:$(cat "$CPFILE")"
echo "\$ bench/gemm.sh $*"
# shellcheck disable=SC2086
exec "$JAVA" ${SOHU_JAVA_OPTS:-} -cp "$CP" sohu.verilator.array.GemmBench "$@"
