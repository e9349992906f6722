package sohu.verify.xformer;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongPredicate;
import sohu.core.xformer.VectorOp;
import sohu.core.xformer.rtl.VectorUnit;
import sohu.hdl.Elaborator;
import sohu.hdl.ir.Circuit;
import sohu.verify.Mismatch;
import sohu.verify.WaveWindow;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;
import sohu.verilator.SimOptions;

/**
 * Drives a {@link VectorUnit} in Verilator: loads rows into its memory, runs instructions to
 * completion, and records every written word (FP32 write-backs and activation writes, by
 * address) and the reduction result. The memory ports' {@code acc_ready} and {@code act_ready}
 * follow patterns of the driver's cycle count (always ready unless {@link #stalls} sets them).
 */
public final class VectorUnitDriver implements AutoCloseable {
    /** Build options of the unit's simulations. */
    public static final SimOptions OPTIONS = LaneHarness.OPTIONS;

    /**
     * One instruction (unused fields zero).
     *
     * @param op     the opcode
     * @param reduce 0 none, 1 max, 2 sum, 3 sum of squares
     * @param srcA   first word of row A (likewise B, destination)
     * @param length elements
     * @param s      scalars s, s2, s3
     * @param toAct  write converted onto the activation port
     * @param maskEn apply the causal mask of query {@code qPos} to keys from {@code kPos}
     */
    public record Instr(VectorOp op, int reduce, int srcA, int srcB, int dst, int length, int s, int s2, int s3,
                 boolean toAct, boolean maskEn, int qPos, int kPos) {
        /** An instruction without scalars, reduction or mask, writing FP32. */
        public static Instr of(VectorOp op, int srcA, int srcB, int dst, int length) {
            return new Instr(op, 0, srcA, srcB, dst, length, 0, 0, 0, false, false, 0, 0);
        }

        /** With scalars. */
        public Instr scalars(int s, int s2, int s3) {
            return new Instr(op, reduce, srcA, srcB, dst, length, s, s2, s3, toAct, maskEn, qPos, kPos);
        }

        /** With a reduction (1 max, 2 sum, 3 sum of squares). */
        public Instr reducing(int kind) {
            return new Instr(op, kind, srcA, srcB, dst, length, s, s2, s3, toAct, maskEn, qPos, kPos);
        }

        /** Writing converted rows onto the activation port. */
        public Instr toActivations() {
            return new Instr(op, reduce, srcA, srcB, dst, length, s, s2, s3, true, maskEn, qPos, kPos);
        }

        /** With the causal mask of query position {@code q} and first key position {@code k}. */
        public Instr causal(int q, int k) {
            return new Instr(op, reduce, srcA, srcB, dst, length, s, s2, s3, toAct, true, q, k);
        }
    }

    /** Lanes of the unit. */
    public final int lanes;
    private int srcC;
    private int srcCForNext;
    /** The simulation (for counters and failure reports). */
    public final Sim sim;
    private final WaveWindow window;
    private LongPredicate accReady = c -> true;
    private LongPredicate actReady = c -> true;
    private final Map<Integer, int[]> written = new HashMap<>();
    private final Map<Integer, int[]> activations = new HashMap<>();
    private Integer reduction;
    private long instructionStart;
    private long cycles;
    private CycleHook hook = CycleHook.NONE;

    /** Something else driven in the same cycles (another port's requester): called around every clock edge. */
    public interface CycleHook {
        /** No hook. */
        CycleHook NONE = new CycleHook() {
            @Override
            public void beforeEdge() {
            }

            @Override
            public void afterEdge() {
            }
        };

        /** The cycle's inputs are set (the driver's included); present requests, check outputs. */
        void beforeEdge();

        /** The edge has passed: see what it did. */
        void afterEdge();
    }

    /** Opens its own simulation of the unit {@code p}. */
    public VectorUnitDriver(VectorUnit.Params p) {
        this(p, CircuitSim.open(circuit(p), OPTIONS), WaveWindow.NONE);
    }

    /** Drives an open simulation of the unit {@code p} (closed by {@link #close()}), applying {@code window}. */
    public VectorUnitDriver(VectorUnit.Params p, Sim sim, WaveWindow window) {
        this.lanes = p.config().lanes();
        this.sim = sim;
        this.window = window;
        sim.reset(2);
        sim.poke("acc_ready", 1);
        sim.poke("act_ready", 1);
    }

    /** The unit's circuit. */
    public static Circuit circuit(VectorUnit.Params p) {
        return Elaborator.elaborate(VectorUnit.class, p);
    }

    /**
     * From now on {@code acc_ready} and {@code act_ready} are high in the cycles (counted by
     * {@link #cycles()}) for which the predicates hold.
     */
    public void stalls(LongPredicate accReadyAt, LongPredicate actReadyAt) {
        accReady = accReadyAt;
        actReady = actReadyAt;
    }

    /** From now on {@code h} runs around every clock edge the driver makes ({@link CycleHook#NONE} to stop). */
    public void onCycle(CycleHook h) {
        hook = h;
    }

    /** Cycles stepped since the driver opened (after reset). */
    public long cycles() {
        return cycles;
    }

    /** A counter output ({@code cnt_NAME}). */
    public long counter(String name) {
        return sim.peek("cnt_" + name);
    }

    /** Loads {@code row} into consecutive words from {@code addr} (the last word padded with zeros). */
    public void load(int addr, int[] row) {
        for (int w = 0; w * lanes < row.length; w++) {
            int[] word = new int[lanes];
            for (int j = 0; j < lanes && w * lanes + j < row.length; j++) {
                word[j] = row[w * lanes + j];
            }
            sim.poke("ld_valid", 1);
            sim.poke("ld_addr", addr + w);
            sim.poke("ld_data", pack(word));
            step();
        }
        sim.poke("ld_valid", 0);
    }

    /** Source row C of the next instruction (FMA_ROW, FMS_ROW). */
    public VectorUnitDriver withC(int addr) {
        srcCForNext = addr;
        return this;
    }

    /** Runs one instruction until the unit is ready again; returns its cycles (accept to ready). */
    public long run(Instr i) {
        written.clear();
        activations.clear();
        reduction = null;
        sim.poke("cmd_op", i.op().ordinal());
        sim.poke("cmd_reduce", i.reduce());
        sim.poke("cmd_src_a", i.srcA());
        sim.poke("cmd_src_b", i.srcB());
        srcC = srcCForNext;
        srcCForNext = 0;
        sim.poke("cmd_src_c", srcC);
        sim.poke("cmd_stride_c", 1);
        sim.poke("cmd_dst", i.dst());
        sim.poke("cmd_stride_a", 1);
        sim.poke("cmd_stride_b", 1);
        sim.poke("cmd_stride_d", 1);
        sim.poke("cmd_length", i.length());
        sim.poke("cmd_s", i.s() & 0xFFFFFFFFL);
        sim.poke("cmd_s2", i.s2() & 0xFFFFFFFFL);
        sim.poke("cmd_s3", i.s3() & 0xFFFFFFFFL);
        sim.poke("cmd_to_act", i.toAct() ? 1 : 0);
        sim.poke("cmd_mask_en", i.maskEn() ? 1 : 0);
        sim.poke("cmd_q_pos", i.qPos());
        sim.poke("cmd_k_pos", i.kPos());
        if (sim.peek("cmd_ready") == 0) {
            throw sim.failure("unit not ready for a new instruction");
        }
        sim.poke("cmd_valid", 1);
        long start = cycles;
        instructionStart = sim.cycle();
        step();
        sim.poke("cmd_valid", 0);
        while (sim.peek("cmd_ready") == 0) {
            step();
            if (cycles - start > 1_000_000) {
                throw sim.failure("instruction never finished");
            }
        }
        return cycles - start;
    }

    /**
     * A difference in the last instruction's result: {@code what} (the port or row element), the
     * golden and the RTL's value, the inputs; the waveform window starts at the instruction.
     */
    public Mismatch mismatch(String what, int want, int got, String inputs) {
        return Mismatch.at(sim, what, hex(want), hex(got), inputs, instructionStart - 4);
    }

    /** Throws a {@link Mismatch} at the first element where {@code got} differs from {@code want}. */
    public void expectRow(String what, int[] want, int[] got, String inputs) {
        for (int i = 0; i < want.length; i++) {
            if (want[i] != got[i]) {
                throw mismatch(what + " element " + i, want[i], got[i], inputs);
            }
        }
    }

    private static String hex(int bits) {
        return String.format("0x%08X (%s)", bits, Float.intBitsToFloat(bits));
    }

    /** The FP32 row written back from {@code addr} ({@code length} elements). */
    public int[] fp32Row(int addr, int length) {
        return row(written, addr, length);
    }

    /** The activation row written from {@code addr}. */
    public int[] activationRow(int addr, int length) {
        return row(activations, addr, length);
    }

    /** The last instruction's reduction result. */
    public int reduction() {
        if (reduction == null) {
            throw sim.failure("no red_valid during the instruction");
        }
        return reduction;
    }

    private int[] row(Map<Integer, int[]> words, int addr, int length) {
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            int[] w = words.get(addr + i / lanes);
            if (w == null) {
                throw sim.failure("word " + (addr + i / lanes) + " was never written");
            }
            out[i] = w[i % lanes];
        }
        return out;
    }

    private void step() {
        sim.poke("acc_ready", accReady.test(cycles) ? 1 : 0);
        sim.poke("act_ready", actReady.test(cycles) ? 1 : 0);
        hook.beforeEdge();
        window.beforeStep(sim);
        sim.step();
        cycles++;
        if (sim.peek("wr_valid") != 0) {
            int[] word = unpack(sim.peekBig("wr_data"));
            (sim.peek("wr_act") != 0 ? activations : written).put((int) sim.peek("wr_addr"), word);
        }
        if (sim.peek("red_valid") != 0) {
            reduction = (int) sim.peek("red_result");
        }
        hook.afterEdge();
    }

    /** Steps {@code n} cycles with no instruction or load presented (the hook still runs). */
    public void idle(int n) {
        for (int i = 0; i < n; i++) {
            step();
        }
    }

    private BigInteger pack(int[] word) {
        BigInteger v = BigInteger.ZERO;
        for (int j = lanes - 1; j >= 0; j--) {
            v = v.shiftLeft(32).or(BigInteger.valueOf(word[j] & 0xFFFFFFFFL));
        }
        return v;
    }

    private int[] unpack(BigInteger v) {
        int[] w = new int[lanes];
        for (int j = 0; j < lanes; j++) {
            w[j] = v.shiftRight(32 * j).intValue();
        }
        return w;
    }

    @Override
    public void close() {
        sim.close();
    }
}
