package sohu.core.golden;

import sohu.core.array.EngineTiming;
import sohu.core.compile.CoreConfig;
import sohu.core.isa.Dma;
import sohu.core.isa.Gemm;
import sohu.core.isa.Instruction;
import sohu.core.isa.Move;
import sohu.core.isa.Vector;
import sohu.core.xformer.rtl.VectorLane;
import sohu.core.xformer.rtl.VectorUnit;

/**
 * The cycle estimate of one instruction on its unit (an estimate until the RTL sequencer exists to
 * calibrate it): a GEMM takes what the matrix engine's cycle model ({@link EngineTiming}) says; a
 * vector instruction one cycle per word plus the unit's drain; a DMA {@link #DMA_LATENCY} plus,
 * per row, its bytes over {@link CoreConfig#axiBytes} times {@link #DMA_CYCLES_PER_BEAT} (at least
 * {@link #DMA_MIN_ROW_CYCLES}); a MOVE one cycle per word plus {@link #MOVE_OVERHEAD}; a SCALAR the
 * lane latency plus {@link #SCALAR_OVERHEAD}.
 *
 * <p>The DMA constants are placeholders, <b>to be calibrated</b> against the RTL DMA engine inside
 * the core (the standalone engine's measurements are in {@code ./sohu bench dma}); the others
 * follow the blocks' RTL.
 */
public final class CostModel {
    /** Cycles from a DMA's start to its first beat (an HBM round trip); to be calibrated. */
    public static final int DMA_LATENCY = 64;
    /** Cycles per {@link CoreConfig#axiBytes} bytes of a DMA row (one beat of the HBM port); to be calibrated. */
    public static final int DMA_CYCLES_PER_BEAT = 1;
    /** Fewest cycles a DMA row takes, however short (one beat); to be calibrated. */
    public static final int DMA_MIN_ROW_CYCLES = 1;
    /** Cycles a MOVE adds to its words: the one-cycle pipeline between the accumulator and vector ports, in and out. */
    public static final int MOVE_OVERHEAD = 2;
    /** Cycles a SCALAR adds to the lane latency: reading and writing the register file. */
    public static final int SCALAR_OVERHEAD = 2;

    private final CoreConfig core;

    /** The model of one core. */
    public CostModel(CoreConfig core) {
        this.core = core;
    }

    /** Cycles the instruction occupies its unit. */
    public long cycles(Instruction i) {
        switch (i.opcode()) {
            case LOAD, STORE: {
                Dma d = (Dma) i;
                long rowBytes = (long) d.elems() * d.space().elementBytes(core.format());
                long beats = (rowBytes + core.axiBytes() - 1) / core.axiBytes();
                return DMA_LATENCY + d.rows() * Math.max(DMA_MIN_ROW_CYCLES, beats * DMA_CYCLES_PER_BEAT);
            }
            case GEMM:
                return EngineTiming.predict(core.arrayConfig(), ((Gemm) i).cmd()).cycles();
            case VECTOR:
                return ((((Vector) i).length() + core.lanes() - 1) / core.lanes()) + VectorUnit.drainCycles(core.lanes());
            case MOVE: {
                Move m = (Move) i;
                return (long) m.rows() * m.words() + MOVE_OVERHEAD;
            }
            case SCALAR:
                return VectorLane.LATENCY + SCALAR_OVERHEAD;
            default:
                return 1;
        }
    }
}
