package sohu.core.perf;

import sohu.core.isa.Instruction;

/**
 * Corrections of the step cycle model, per instruction class, to be fitted on the RTL's counters
 * once the whole core runs in Verilator: each instruction takes
 * {@code CostModel cycles × scale + extra} of its class, rounded to whole cycles. Until then they
 * are {@link #NONE}, and the model equals the golden simulator's estimate. The estimate's own
 * constants are the {@link sohu.core.golden.CostModel}'s ({@code DMA_LATENCY}, the HBM port's
 * {@code axiBytes} per cycle, the vector unit's drain, {@link sohu.core.array.EngineTiming} for
 * GEMMs).
 *
 * @param dmaScale     LOAD and STORE: factor on the estimate (HBM bandwidth below the port's)
 * @param dmaExtra     LOAD and STORE: cycles added to each (HBM latency beyond {@code DMA_LATENCY})
 * @param gemmExtra    GEMM: cycles added to each command (sequencer issue, engine handshakes); counted as fill
 * @param vectorExtra  VECTOR: cycles added to each row instruction (unit start-up beyond its drain)
 * @param moveExtra    MOVE: cycles added to each accumulator-to-vector move
 * @param scalarExtra  SCALAR and SYNC: cycles added to each
 */
public record Calibration(double dmaScale, double dmaExtra, double gemmExtra, double vectorExtra, double moveExtra,
                          double scalarExtra) {
    /** No correction: the golden simulator's estimate. */
    public static final Calibration NONE = new Calibration(1, 0, 0, 0, 0, 0);

    /** Validates: a non-negative factor and corrections that never make an instruction take negative time. */
    public Calibration {
        if (!(dmaScale > 0) || Double.isInfinite(dmaScale) || Double.isNaN(dmaExtra + gemmExtra + vectorExtra
                + moveExtra + scalarExtra)) {
            throw new IllegalArgumentException("calibration: dmaScale must be a positive number and every extra a "
                    + "number, got " + this);
        }
    }

    /** The cycles of {@code i}, whose estimate is {@code estimate}. */
    long cycles(Instruction i, long estimate) {
        double c = switch (i.opcode()) {
            case LOAD, STORE -> estimate * dmaScale + dmaExtra;
            case GEMM -> estimate + gemmExtra;
            case VECTOR -> estimate + vectorExtra;
            case MOVE -> estimate + moveExtra;
            default -> estimate + scalarExtra;
        };
        return Math.max(1, Math.round(c));
    }
}
