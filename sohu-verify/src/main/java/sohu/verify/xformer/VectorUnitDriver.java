package sohu.verify.xformer;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import sohu.core.xformer.VectorOp;
import sohu.core.xformer.rtl.VectorUnit;
import sohu.hdl.Elaborator;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;

/**
 * Drives a {@link VectorUnit} in Verilator: loads rows into its memory, runs instructions to
 * completion, and records every written word (FP32 write-backs and activation writes, by
 * address) and the reduction result.
 */
final class VectorUnitDriver implements AutoCloseable {
    /** One instruction (unused fields zero). */
    record Instr(VectorOp op, int reduce, int srcA, int srcB, int dst, int length, int s, int s2, int s3,
                 boolean toAct, boolean maskEn, int qPos, int kPos) {
        static Instr of(VectorOp op, int srcA, int srcB, int dst, int length) {
            return new Instr(op, 0, srcA, srcB, dst, length, 0, 0, 0, false, false, 0, 0);
        }

        Instr scalars(int s, int s2, int s3) {
            return new Instr(op, reduce, srcA, srcB, dst, length, s, s2, s3, toAct, maskEn, qPos, kPos);
        }

        Instr reducing(int kind) {
            return new Instr(op, kind, srcA, srcB, dst, length, s, s2, s3, toAct, maskEn, qPos, kPos);
        }

        Instr toActivations() {
            return new Instr(op, reduce, srcA, srcB, dst, length, s, s2, s3, true, maskEn, qPos, kPos);
        }

        Instr causal(int q, int k) {
            return new Instr(op, reduce, srcA, srcB, dst, length, s, s2, s3, toAct, true, q, k);
        }
    }

    final int lanes;
    private int srcC;
    private int srcCForNext;
    final Sim sim;
    private final Map<Integer, int[]> written = new HashMap<>();
    private final Map<Integer, int[]> activations = new HashMap<>();
    private Integer reduction;
    private long cycles;

    VectorUnitDriver(VectorUnit.Params p) {
        this.lanes = p.config().lanes();
        this.sim = CircuitSim.open(Elaborator.elaborate(VectorUnit.class, p), LaneHarness.OPTIONS);
        sim.reset(2);
    }

    /** Loads {@code row} into consecutive words from {@code addr} (the last word padded with zeros). */
    void load(int addr, int[] row) {
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
    VectorUnitDriver withC(int addr) {
        srcCForNext = addr;
        return this;
    }

    /** Runs one instruction until the unit is ready again; returns its cycles (accept to ready). */
    long run(Instr i) {
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

    /** The FP32 row written back from {@code addr} ({@code length} elements). */
    int[] fp32Row(int addr, int length) {
        return row(written, addr, length);
    }

    /** The activation row written from {@code addr}. */
    int[] activationRow(int addr, int length) {
        return row(activations, addr, length);
    }

    /** The last instruction's reduction result. */
    int reduction() {
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
        sim.step();
        cycles++;
        if (sim.peek("wr_valid") != 0) {
            int[] word = unpack(sim.peekBig("wr_data"));
            (sim.peek("wr_act") != 0 ? activations : written).put((int) sim.peek("wr_addr"), word);
        }
        if (sim.peek("red_valid") != 0) {
            reduction = (int) sim.peek("red_result");
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
