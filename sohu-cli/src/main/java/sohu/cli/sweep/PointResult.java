package sohu.cli.sweep;

/**
 * What the sweep measured for one point. A step that did not run leaves its part {@code null}
 * (an empty cell in the CSV).
 *
 * @param index        0-based position of the point in the full grid (the same in every shard)
 * @param point        the configuration
 * @param top          name of the generated top module (it encodes the scratchpad depths)
 * @param lintWarnings warnings of {@code verilator --lint-only -Wall} (must be 0), or null
 * @param area         Yosys area, never null ({@link Area#status()} says whether it ran)
 * @param gemm         the reference GEMM in Verilator, or null
 * @param perf         the performance model's prediction, or null
 * @param ok           every step that ran passed (lint clean, results bit-exact, tools succeeded)
 * @param note         why something was skipped or failed; empty when there is nothing to say
 */
public record PointResult(int index, SweepPoint point, String top, Integer lintWarnings, Area area, Gemm gemm,
                          Perf perf, boolean ok, String note) {

    /** Normalizes the note to one line. */
    public PointResult {
        top = top == null ? "" : top;
        note = note == null ? "" : note.strip().replaceAll("\\s*\\R\\s*", "; ");
        if (area == null) {
            area = Area.off();
        }
    }

    /** The same result at another grid position. */
    public PointResult withIndex(int i) {
        return new PointResult(i, point, top, lintWarnings, area, gemm, perf, ok, note);
    }

    /** Whether Yosys ran, and what it counted. */
    public enum SynthStatus {
        /** Synthesized; the counts are valid. */
        DONE,
        /** Not synthesized: the array is larger than the size cap. */
        SKIPPED,
        /** Not synthesized: {@code --no-synth}. */
        OFF,
        /** Yosys failed. */
        FAILED
    }

    /**
     * Yosys generic-gate counts (valid when {@code status} is DONE, else 0).
     *
     * @param status         whether synthesis ran
     * @param cells          cells of the whole engine (array, scratchpads as flip-flops, controller)
     * @param flipFlops      flip-flops of the whole engine
     * @param arrayCells     cells of the R×C processing-element grid alone
     * @param arrayFlipFlops flip-flops of the processing-element grid alone
     */
    public record Area(SynthStatus status, long cells, long flipFlops, long arrayCells, long arrayFlipFlops) {
        /** Synthesis not run. */
        public static Area off() {
            return new Area(SynthStatus.OFF, 0, 0, 0, 0);
        }

        /** Synthesis skipped or failed. */
        public static Area of(SynthStatus status) {
            return new Area(status, 0, 0, 0, 0);
        }
    }

    /**
     * The reference GEMM, {@code C[M×N] = A[M×K]·W[K×N]}, run in Verilator.
     *
     * @param m           rows of A
     * @param k           columns of A
     * @param n           columns of W
     * @param cycles      cycles from start to done, from the engine's {@code perf_cycles} counter
     * @param utilization {@code M·K·N / (R·C·cycles)}
     * @param exact       C equals the golden model bit for bit
     */
    public record Gemm(int m, int k, int n, long cycles, double utilization, boolean exact) { }

    /**
     * Server throughput predicted by {@link sohu.core.perf.SohuPredictor}.
     *
     * @param clockMhz          array clock
     * @param arrays            arrays per chip
     * @param peakTflops        peak dense TFLOP/s of one chip
     * @param tokensPerS        input + output tokens/s of the 8-chip server
     * @param outputTokensPerS  output tokens/s of the 8-chip server
     */
    public record Perf(double clockMhz, long arrays, double peakTflops, double tokensPerS, double outputTokensPerS) { }
}
