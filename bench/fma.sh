#!/usr/bin/env bash
# FMA tile figures: for every input format and latency 1..4, Yosys generic `synth -flatten` cell
# counts of the standalone FmaTop, and the Verilator throughput of the random regression (one
# operation per cycle, each checked bit for bit against the golden model FpFma).
# Usage: bench/fma.sh [operations per configuration (default 2000000)] [output folder]
# Prints a Markdown table on stdout (progress on stderr); emitted designs and Yosys logs go to
# the output folder (default verilator-tests/target/fma-bench).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"
OPS="${1:-2000000}"
OUT="${2:-$ROOT/verilator-tests/target/fma-bench}"
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi

mvn -q -B -pl verilator-tests -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/fma-bench.classpath -Dmdep.includeScope=test >&2
CP="verilator-tests/target/test-classes:verilator-tests/target/classes:$(cat verilator-tests/target/fma-bench.classpath)"
exec "$JAVA" -cp "$CP" sohu.verilator.fp.FmaBench "$OPS" "$OUT"
