#!/usr/bin/env bash
# Code lines of the three designs of issue 9, next to their Chisel equivalents (22, 29, 23 lines):
# every line of the generator sources except blank lines, comments (// and /** ... */),
# package, import and annotation lines. Usage: bench/example_lines.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
EX=$ROOT/hdl-dsl/src/main/java/sohu/hdl/examples
count() {
  cat "$@" | sed -e 's#//.*$##' | awk '
    /\/\*/ { inc = 1 }
    { if (!inc && $0 !~ /^[[:space:]]*$/ && $0 !~ /^(package|import) / && $0 !~ /^[[:space:]]*@/) n++ }
    /\*\// { inc = 0 }
    END { print n + 0 }'
}
echo "| design | files | lines (this language) | lines (Chisel, issue 9) |"
echo "|---|---|---|---|"
echo "| ready/valid max-and-sum reduction with last | MaxSum.java | $(count "$EX/MaxSum.java") | 22 |"
echo "| AXI4-Lite slave with four registers | AxiLiteRegs.java (uses lib/AxiLiteRegBank) | $(count "$EX/AxiLiteRegs.java") | 29 |"
echo "| Vec of parameterized submodules with Bundle ports | ScaleUnit.java + ScaleArray.java | $(count "$EX/ScaleUnit.java" "$EX/ScaleArray.java") | 23 |"
