package sohu.core.golden;

import sohu.core.array.EngineTiming;
import sohu.core.compile.CoreConfig;
import sohu.core.isa.Dma;
import sohu.core.isa.Gemm;
import sohu.core.isa.Instruction;
import sohu.core.isa.Move;
import sohu.core.isa.Scalar;
import sohu.core.isa.ScalarFn;
import sohu.core.isa.Space;
import sohu.core.soc.SequencerConfig;
import sohu.core.isa.Vector;
import sohu.core.xformer.rtl.VectorUnit;

/**
 * The cycle estimate of one instruction on its unit, calibrated on the RTL core ({@code SohuCore} in
 * Verilator on an HBM model of {@link #HBM_LATENCY} cycles, each instruction's start and retire
 * recorded by {@code SohuCoreHarness}; see {@code CycleModelSimTest}).
 *
 * <p>A GEMM takes what the matrix engine's cycle model ({@link EngineTiming}) says plus
 * {@link #GEMM_ISSUE}; a VECTOR one cycle per word of L lanes plus the unit's drain plus
 * {@link #VECTOR_OVERHEAD}; a MOVE one cycle per word plus {@link #MOVE_OVERHEAD}; a SCALAR
 * {@link #SCALAR_LANE_CYCLES} ({@link #SCALAR_SIMPLE_CYCLES} for SET and MAX). A DMA pays the HBM
 * latency and the engine's pipeline once, then per row (each row is its own burst)
 * a fixed cost and its beats: the row's bytes over {@code min(axiBytes, banks × element bytes)},
 * the element port of its scratchpad moving one element per bank per cycle. Loads and stores
 * differ (a store reads the scratchpad through that port before its write burst and waits for
 * the write response). The DMA figures were set against the RTL on the HBM model as it is now
 * (column commands to an open row every tCCD, CL only latency) with the core's 64 read and 64
 * write bursts in flight ({@code SohuCore.Params.of}): the least-squares fit ({@code DmaFit} in
 * sohu-verify's tests, which {@code CycleModelSimTest} prints) mixes a DMA's own rows with its waits
 * behind the other queue's on the one engine, so the row costs were chosen to hold whole steps:
 * the six 4x4 steps (BF16, FP32, E4M3; prefill and decode of the tiny Llama), the two 8x8 BF16
 * steps and a 128-token prefill of a hidden-256 layer on 8x8 all within -3.4% to +2.8% of the
 * RTL. With {@link #DMA_IN_FLIGHT} (4) DMA instructions in flight per queue, {@link QueueFlight}
 * splits each into rows on the one engine and latency that overlaps; a long row is floored at
 * {@link #LONG_ROW_BEAT_CYCLES} per beat.
 * {@link #FETCH_LATENCY} is the time to the first instruction: the sequencer fetches the
 * program from HBM.
 */
public final class CostModel {
    /** HBM read latency in cycles the DMA figures were measured at ({@code HbmConfig.hbm3(100)}). */
    public static final int HBM_LATENCY = 100;
    /** Cycles from the start write to the first instruction's start (fetch from HBM): measured 147 to 152. */
    public static final int FETCH_LATENCY = 150;
    /** A LOAD's fixed cycles beyond the HBM latency (set with the row costs below; one-row decode loads take 130 to 180 in all). */
    public static final double LOAD_PIPELINE = 70;
    /**
     * A LOAD's cycles per row: 128 one-element rows alone take 2.2 to 2.8 cycles each on the 8x8 core
     * (64 bursts in flight, the HBM model's column commands every tCCD); 3.5 holds the eight 4x4
     * and 8x8 steps and the 128-token layer within 5%, the rows sharing the engine with stores and
     * the fetch.
     */
    public static final double LOAD_ROW_CYCLES = 3.5;
    /** A LOAD's cycles per element-port beat of a row (fit: 0.26: the port mostly overlaps the row cost). */
    public static final double LOAD_BEAT_CYCLES = 0.26;
    /** A STORE's fixed cycles beyond the HBM latency. */
    public static final double STORE_PIPELINE = 70;
    /** A STORE's cycles per row (alone as a LOAD's; 5.0 with the LOAD's 3.5 for all nine steps: a store reads the scratchpad and waits for the write response). */
    public static final double STORE_ROW_CYCLES = 5.0;
    /** A STORE's cycles per element-port beat of a row (fit: 0.98). */
    public static final double STORE_BEAT_CYCLES = 0.98;
    /**
     * A row's cycles at least, per element-port beat: the port moves one beat a cycle at best, so a
     * long row (the compiler joins back-to-back rows into one) costs its beats, not the short-row fit
     * (measured: a 2,048-element E4M3 weight row of 512 beats on the 4x4 core takes 647 to 797 cycles).
     */
    public static final double LONG_ROW_BEAT_CYCLES = 1.2;
    /** Cycles a GEMM adds to the engine's own: the command's issue (measured: 1 on every GEMM shape). */
    public static final int GEMM_ISSUE = 1;
    /** Cycles a VECTOR adds to words plus drain (measured: 4 on every length and operation). */
    public static final int VECTOR_OVERHEAD = 4;
    /** Cycles a MOVE adds to its words (measured: 3 on every shape). */
    public static final int MOVE_OVERHEAD = 3;
    /** Cycles of a SET or MAX SCALAR (measured: 5). */
    public static final int SCALAR_SIMPLE_CYCLES = 5;
    /** Cycles of a SCALAR through the lane (exp, reciprocal, rsqrt...): the lane latency and the register file (19). */
    public static final int SCALAR_LANE_CYCLES = 19;

    /** Instructions each sequencer queue buffers ({@code SequencerConfig.defaults()}). */
    public static final int QUEUE_DEPTH = 8;
    /** DMA instructions the load and the store queue each keep in flight ({@code SequencerConfig.defaults()}). */
    public static final int DMA_IN_FLIGHT = SequencerConfig.defaults().dmaInFlight();
    /** Instructions the fetch unit reads per DMA descriptor ({@code InsnFetch.Params.of}). */
    public static final int FETCH_CHUNK = 16;
    /** Chunks the fetch buffer holds ({@code InsnFetch.Params.of}). */
    public static final int FETCH_CHUNKS = 4;
    /** Cycles from a fetch buffer chunk's freeing to its refill's delivery: a DMA read from HBM, as the first fetch. */
    public static final int FETCH_CHUNK_CYCLES = FETCH_LATENCY;

    private final CoreConfig core;

    /** The model of one core. */
    public CostModel(CoreConfig core) {
        this.core = core;
    }

    /** The core this models. */
    public CoreConfig core() {
        return core;
    }

    /** Cycles the instruction occupies its unit. */
    public long cycles(Instruction i) {
        switch (i.opcode()) {
            case LOAD, STORE: {
                Dma d = (Dma) i;
                long beats = rowBeats(d);
                boolean load = i.opcode() == sohu.core.isa.Opcode.LOAD;
                double fixed = HBM_LATENCY + (load ? LOAD_PIPELINE : STORE_PIPELINE);
                double row = Math.max(LONG_ROW_BEAT_CYCLES * beats,
                        load ? LOAD_ROW_CYCLES + LOAD_BEAT_CYCLES * beats : STORE_ROW_CYCLES + STORE_BEAT_CYCLES * beats);
                return Math.round(fixed + d.rows() * row);
            }
            case GEMM:
                return EngineTiming.predict(core.arrayConfig(), ((Gemm) i).cmd()).cycles() + GEMM_ISSUE;
            case VECTOR:
                return ((((Vector) i).length() + core.lanes() - 1) / core.lanes()) + VectorUnit.drainCycles(core.lanes())
                        + VECTOR_OVERHEAD;
            case MOVE: {
                Move m = (Move) i;
                return (long) m.rows() * m.words() + MOVE_OVERHEAD;
            }
            case SCALAR: {
                ScalarFn fn = ((Scalar) i).fn();
                return fn == ScalarFn.SET || fn == ScalarFn.MAX ? SCALAR_SIMPLE_CYCLES : SCALAR_LANE_CYCLES;
            }
            default:
                return 1;
        }
    }

    /**
     * The part of a LOAD's or STORE's {@link #cycles} that is latency, not rows: the HBM latency and
     * the pipeline, which overlap the next DMA's rows when several are in flight ({@link QueueFlight}).
     * Zero for other instructions.
     */
    public long dmaFixed(Instruction i) {
        return switch (i.opcode()) {
            case LOAD -> Math.round(HBM_LATENCY + LOAD_PIPELINE);
            case STORE -> Math.round(HBM_LATENCY + STORE_PIPELINE);
            default -> 0;
        };
    }

    /** Element-port beats of one row of {@code d}: its bytes over {@code min(axiBytes, banks × element bytes)}. */
    public long rowBeats(Dma d) {
        int eb = d.space().elementBytes(core.format());
        long rowBytes = (long) d.elems() * eb;
        long port = Math.min(core.axiBytes(), (long) banks(d.space()) * eb);
        return (rowBytes + port - 1) / port;
    }

    /** Banks of a scratchpad: elements its port moves per cycle. */
    private int banks(Space s) {
        return switch (s) {
            case ACT -> core.rows();
            case WGT, ACC -> core.cols();
            case VMEM -> core.lanes();
        };
    }
}
