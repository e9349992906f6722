#!/usr/bin/env bash
# FMA tile figures: the same as `./sohu bench fma` (see README, Benchmarks). For every input format
# and latency 1..4, Yosys generic `synth -flatten` cell counts of the standalone FmaTop, and the
# Verilator throughput of the random regression (one operation per cycle, each checked bit for bit
# against the golden model FpFma); exits 1 on a mismatch.
# Usage: bench/fma.sh [operations per configuration (default 2000000)] [output folder]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
exec "$ROOT/sohu" bench fma --ops "${1:-2000000}" --out "${2:-$ROOT/out/bench/fma}"
