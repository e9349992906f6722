#!/usr/bin/env bash
# Benchmark 2 of the language issue: the Verilator bridge.
# Prints cold / ccache-warm / cached build times and the cycles per second of a
# Java loop that pokes two inputs, steps and peeks two outputs every cycle.
# Usage: bench/bridge.sh [cycles]   (default 5,000,000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B -o -Dmaven.test.skip=true -pl verilator-tests -am package 2>/dev/null || mvn -q -B -Dmaven.test.skip=true -pl verilator-tests -am package
cp="verilator-tests/target/classes:hdl-dsl/target/classes"
java -cp "$cp" sohu.verilator.bench.BridgeBench "${1:-5000000}"
