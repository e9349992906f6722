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
# shellcheck source=bench/classpath.sh
. "$ROOT/bench/classpath.sh"
test_classpath verilator-tests gemm-bench
echo "\$ bench/gemm.sh $*"
# shellcheck disable=SC2086
exec "$JAVA" ${SOHU_JAVA_OPTS:-} -cp "$CP" sohu.verilator.array.GemmBench "$@"
