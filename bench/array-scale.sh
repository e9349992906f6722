#!/usr/bin/env bash
# Scale check of the matrix engine (sohu.verify.array.ArrayScaleCheck): elaborates an R x C
# engine, emits it and lints it with verilator --lint-only -Wall, printing elaboration and
# emission time, lines, the peak Java heap and the lint time.
# Usage: bench/array-scale.sh R C [FORMAT] OUTDIR [--flat|--per-module]
#   --flat (default) lints the whole design (about 0.7 MB of Verilator memory per PE);
#   --per-module lints each distinct module once with its children as port-only stubs.
# Environment: MVN (default mvn), JAVA (default java), SOHU_JAVA_OPTS (e.g. -Xmx2g).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
MVN="${MVN:-mvn}"
JAVA="${JAVA:-java}"
# shellcheck source=bench/classpath.sh
. "$ROOT/bench/classpath.sh"
test_classpath sohu-verify array-scale
echo "\$ bench/array-scale.sh $*"
# shellcheck disable=SC2086
exec "$JAVA" ${SOHU_JAVA_OPTS:-} -cp "$CP" sohu.verify.array.ArrayScaleCheck "$@"
