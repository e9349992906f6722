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
 * vector instruction one cycle per word plus the unit's drain; a DMA a fixed latency plus one
 * cycle per {@link CoreConfig#axiBytes} bytes (at least one per row); a MOVE one cycle per word.
 */
public final class CostModel {
    /** Cycles from a DMA's start to its first beat (an HBM round trip). */
    public static final int DMA_LATENCY = 64;

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
                return DMA_LATENCY + d.rows() * Math.max(1, (rowBytes + core.axiBytes() - 1) / core.axiBytes());
            }
            case GEMM:
                return EngineTiming.predict(core.arrayConfig(), ((Gemm) i).cmd()).cycles();
            case VECTOR:
                return ((((Vector) i).length() + core.lanes() - 1) / core.lanes()) + VectorUnit.drainCycles(core.lanes());
            case MOVE: {
                Move m = (Move) i;
                return (long) m.rows() * m.words() + 2;
            }
            case SCALAR:
                return VectorLane.LATENCY + 2;
            default:
                return 1;
        }
    }
}
