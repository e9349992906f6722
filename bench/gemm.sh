#!/usr/bin/env bash
# Matrix-engine utilization benchmark: the same as `./sohu bench gemm` (see README, Benchmarks).
# Runs GEMMs with M >= 8R on Verilated engines (4x4, 8x8, 16x16 by default) and prints
# utilization = M*K*N / (R*C * cycles) from the hardware counters, with the lost cycles by kind;
# exits 1 if a result differs from the golden model or the counters from the cycle model.
# Usage: bench/gemm.sh [--sizes 4,8,16] [--format bf16] [--latency 3] [--no-check]
set -euo pipefail
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)/sohu" bench gemm "$@"
