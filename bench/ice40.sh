#!/usr/bin/env bash
# iCE40 HX8K figures of the README: every design behind a 4-pin harness (operands shifted in,
# results XOR-reduced out), Yosys synth_ice40, nextpnr-ice40 --hx8k --package ct256 --seed 1 at
# TARGET_MHZ; prints a Markdown table of post-route max frequency and logic cells
# (sohu.cli.bench.Ice40Bench). The default table takes about 7 minutes on 2 cores.
# Usage: bench/ice40.sh [DESIGN...]     DESIGN: fma:FORMAT:LATENCY | pe:FORMAT:LATENCY:RxC
#                                               | engine:FORMAT:LATENCY:RxC:DEPTH | convert:FORMAT
#                                               | unit:exp|recip|rsqrt|silu
# Default designs: the README's table. Environment: MVN (default mvn), JAVA (default java),
# TARGET_MHZ (default 50), OUT (default sohu-cli/target/ice40-bench).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
MVN="${MVN:-mvn}"
JAVA="${JAVA:-java}"
OUT="${OUT:-$ROOT/sohu-cli/target/ice40-bench}"
DESIGNS=("$@")
if [[ ${#DESIGNS[@]} == 0 ]]; then
  DESIGNS=(fma:e4m3:1 fma:e4m3:2 fma:e4m3:3 fma:e4m3:4 fma:bf16:2 fma:bf16:4 fma:fp16:4 fma:e5m2:4
           pe:e4m3:3:2x2 engine:e4m3:3:2x2:64)
fi
# shellcheck source=bench/classpath.sh
. "$ROOT/bench/classpath.sh"
test_classpath sohu-cli ice40-bench
echo "\$ bench/ice40.sh ${DESIGNS[*]}  (target ${TARGET_MHZ:-50} MHz; $(yosys -V | head -1); $(nextpnr-ice40 --version 2>&1 | head -1))"
exec "$JAVA" -cp "$CP" sohu.cli.bench.Ice40Bench "$OUT" "${TARGET_MHZ:-50}" "${DESIGNS[@]}"
