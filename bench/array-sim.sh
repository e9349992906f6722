#!/usr/bin/env bash
# Simulation benchmark of the emitted systolic array (docs/BENCH_ARRAY.md): for each N,
# emits the RTL (sohu.hdl.bench.ElaborationBench), writes the testbench with
# bench/gen_tb.sh N CYCLES, builds it with `verilator --binary -j 2
# --output-split-cfuncs 2000` (without the split, the C++ compile of N = 32 takes minutes),
# runs it and reports the build time, simulated cycles per second, and whether the
# checksum equals the Java reference model's (SystolicArrayTest$Model, from test-classes).
# Prints a Markdown table; exits 1 if a checksum differs from the model's (`./sohu bench array-sim`).
#
# Usage: bench/array-sim.sh                 (N = 16 32, 100000 cycles)
# Environment:
#   SIZES    array sizes (default "16 32");  CYCLES (default 100000)
#   CCACHE   1: build with OBJCACHE=ccache (warm-cache times); default 0: cold builds
#   OPT_FAST passed to make when set (e.g. -O0)
#   OUT      scratch folder (default bench/out/array-sim; self-ignored by git)
#   CP       classpath of hdl-dsl (default hdl-dsl/target/classes; built if missing)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZES=${SIZES:-"16 32"}
CYCLES=${CYCLES:-100000}
CCACHE=${CCACHE:-0}
OUT=${OUT:-$ROOT/bench/out/array-sim}
CP=${CP:-$ROOT/hdl-dsl/target/classes}
TEST_CP=${TEST_CP:-$ROOT/hdl-dsl/target/test-classes}

if [[ ! -f "$CP/sohu/hdl/bench/ElaborationBench.class" ]]; then
  echo "building hdl-dsl ..." >&2
  (cd "$ROOT" && mvn -q -B -o -pl hdl-dsl package -DskipTests)
fi
if [[ ! -f "$TEST_CP/sohu/hdl/examples/SystolicArrayTest\$Model.class" ]]; then
  echo "building hdl-dsl test classes (the Java model) ..." >&2
  (cd "$ROOT" && mvn -q -B -pl hdl-dsl test-compile)
fi
mkdir -p "$OUT"
[[ -f "$ROOT/bench/out/.gitignore" ]] || { mkdir -p "$ROOT/bench/out"; echo '*' > "$ROOT/bench/out/.gitignore"; }

tv() { sed -n "s/^[[:space:]]*$2: //p" "$1" | head -1; }
secs() { awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }' <<<"$1"; }

export OBJCACHE=""
[[ "$CCACHE" == 1 ]] && export OBJCACHE=ccache
make_args=()
[[ -n "${OPT_FAST:-}" ]] && make_args=(-MAKEFLAGS "OPT_FAST=$OPT_FAST")

echo "host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start; $(verilator --version)"
echo "build: verilator --binary -j 2 --output-split-cfuncs 2000${OBJCACHE:+ (OBJCACHE=ccache)}${OPT_FAST:+ OPT_FAST=$OPT_FAST}; $CYCLES cycles"
echo
ROWS=()
FAILED=0
for n in $SIZES; do
  dir="$OUT/N$n"
  rm -rf "$dir"
  mkdir -p "$dir"
  java -XX:+UseSerialGC -cp "$CP" sohu.hdl.bench.ElaborationBench "$n" "$dir/rtl" >&2
  bash "$ROOT/bench/gen_tb.sh" "$n" "$CYCLES" > "$dir/tb.sv"
  mapfile -t files < <(sed "s|^|$dir/rtl/|" "$dir/rtl/SystolicArray.f")
  /usr/bin/time -v -o "$dir/build_time.txt" verilator --binary -j 2 --output-split-cfuncs 2000 \
      --timescale 1ns/1ps --top-module tb -Mdir "$dir/obj" "${make_args[@]}" "$dir/tb.sv" "${files[@]}" \
      > "$dir/build.log" 2>&1 || { echo "verilator build failed for N=$n:"; tail -40 "$dir/build.log"; exit 1; }
  build_s=$(secs "$(tv "$dir/build_time.txt" 'Elapsed (wall clock) time (h:mm:ss or m:ss)')")
  build_mb=$(( $(tv "$dir/build_time.txt" 'Maximum resident set size (kbytes)') / 1024 ))
  t0=$(date +%s.%N)
  "$dir/obj/Vtb" > "$dir/sim.log"
  t1=$(date +%s.%N)
  sim_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  cps=$(awk -v c="$CYCLES" -v s="$sim_s" 'BEGIN { printf "%.0f", c / s }')
  sum=$(sed -n 's/^CHECKSUM \([0-9a-f]*\) .*/\1/p' "$dir/sim.log")
  match="model not built (mvn test-compile)"
  if [[ -f "$TEST_CP/sohu/hdl/examples/SystolicArrayTest\$Model.class" ]]; then
    ref=$(java -cp "$TEST_CP:$CP" 'sohu.hdl.examples.SystolicArrayTest$Model' "$n" "$CYCLES" | sed -n 's/^CHECKSUM \([0-9a-f]*\) .*/\1/p')
    if [[ "$ref" == "$sum" ]]; then match="yes"; else match="NO (model $ref)"; FAILED=1; fi
  else
    FAILED=1
  fi
  ROWS+=("| $n | $build_s | $build_mb | $sim_s | $cps | $(( n * n )) | $(awk -v c="$cps" -v p="$((n * n))" 'BEGIN { printf "%.0f", c * p / 1e6 }') | $sum | $match |")
done

echo "| N | build s | build peak MB | sim s | cycles/s | PEs | M PE-cycles/s | checksum | = Java model |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg); logs in $OUT"
if [[ "$FAILED" != 0 ]]; then echo "array-sim: a checksum did not match the Java model" >&2; exit 1; fi
