package sohu.core.xformer.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import sohu.core.array.ElementPort;
import sohu.core.fp.FpFormat;
import sohu.core.fp.rtl.ConvertFp32Tile;
import sohu.core.xformer.RowConvert;
import sohu.core.xformer.RowReduce;
import sohu.core.xformer.VectorConfig;
import sohu.core.xformer.VectorOp;
import sohu.hdl.Bool;
import sohu.hdl.Hw;
import sohu.hdl.InstanceHandle;
import sohu.hdl.Mem;
import sohu.hdl.Types;
import sohu.hdl.UInt;

/**
 * The vector unit: {@code L} {@link VectorLane}s behind an accumulator-like memory of FP32 words
 * ({@code L} elements a word), executing one row instruction at a time.
 *
 * <p>An instruction ({@code cmd_*}, accepted when {@code cmd_valid} and {@code cmd_ready}) applies
 * {@code op} to {@code length} elements: word {@code k} of operand A is read at
 * {@code src_a + k·stride_a}, of B and C likewise, and the result word goes to
 * {@code dst + k·stride_d}: back into the memory as FP32, or, with {@code to_act}, converted to
 * the unit's activation format (RNE, FP8 saturating, {@link RowConvert}) onto the activation
 * scratchpad's write port. One word per cycle; lanes past {@code length} in the last word are
 * left out of the reductions and flagged in {@code wr_mask} (the word is written whole). With {@code reduce} (1 max, 2 sum, 3 sum of squares) the results
 * are also folded as {@link RowReduce} does and {@code red_result} is presented with
 * {@code red_valid}; with {@code mask_en} element {@code i} is masked when
 * {@code k_pos + i > q_pos} (the causal mask, from positions). The memory is loaded through
 * {@code ld_*}.
 *
 * <p>Memory ports: a word is issued only in a cycle where {@code acc_ready} is high (the
 * accumulator memory's read ports serve the unit: the matrix engine may hold them) and, for a
 * {@code to_act} instruction, {@code act_ready} is high (the activation scratchpad grants the
 * write slot {@value #WRITE_LATENCY} cycles later, so the pipeline never has to stop). The
 * datapath is fixed-latency; waiting happens only before issue.
 *
 * <p>Counters (32 bits, wrapping): {@code cnt_elementwise} and {@code cnt_nonlinear} count the
 * cycles issuing a word of each operation class ({@link VectorOp#nonlinear()}), {@code cnt_reduce}
 * those of reducing instructions (also counted in their class), {@code cnt_busy} every cycle the unit
 * holds an instruction (issue, stalls, drain), {@code cnt_stall_acc} the cycles a word was due
 * but {@code acc_ready} was low, and {@code cnt_stall_act} those where the accumulator was ready
 * but a {@code to_act} instruction's write slot was not granted.
 *
 * <p>Every written word is also shown on {@code wr_*}, {@value #WRITE_LATENCY} cycles after its
 * read was issued; an instruction of {@code w} words occupies the unit for
 * {@code w + }{@link #drainCycles} cycles.
 *
 * <p>Element port ({@link ElementPort}, {@code mp_vmem_*}: L banks, bank j holding lane j of every
 * word, address bits of the depth, 32-bit elements), through which the DMA loads and stores single
 * elements while instructions run: {@code mp_vmem_ready} is low exactly in the cycles where the unit
 * writes the memory itself (an FP32 write-back on {@code wr_*}, or {@code ld_valid}); then the whole
 * request, reads included, waits. Reads have a read port of their own (one cycle latency), so they
 * never delay an instruction. Ordering against running instructions is the program's.
 */
public final class VectorUnit extends LaneRtl {
    /** Cycles from a word's read address to its write: memory read, lane, output register. */
    public static final int WRITE_LATENCY = 1 + VectorLane.LATENCY + 1;
    /** Bits of {@code length} and of the positions. */
    public static final int LENGTH_BITS = 16;

    /**
     * Unit parameters.
     *
     * @param config lanes and activation format
     * @param depth words of the accumulator memory (a power of two)
     */
    public record Params(VectorConfig config, int depth) {
        /** Validates the depth. */
        public Params {
            if (depth < 2 || Integer.bitCount(depth) != 1) {
                throw new IllegalArgumentException("vector memory depth must be a power of two >= 2, got " + depth);
            }
        }

        /** Module name, e.g. {@code VectorUnit_l16_bf16}. */
        public String moduleName() {
            return "VectorUnit_l" + config.lanes() + "_" + config.output().name().toLowerCase(Locale.ROOT);
        }

        /** Attributes for the manifest of an emitted unit (lanes, format, depth, latencies per opcode). */
        public java.util.Map<String, Object> manifestAttributes() {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("kind", "vector");
            m.put("lanes", config.lanes());
            m.put("activation_format", config.output().name());
            m.put("depth_words", depth);
            m.put("lane_latency", VectorLane.LATENCY);
            m.put("write_latency", WRITE_LATENCY);
            m.put("op_latencies", VectorLane.OP_LATENCIES);
            return m;
        }

        /** Address bits. */
        public int addrBits() {
            return Integer.numberOfTrailingZeros(depth);
        }
    }

    /** Cycles after the last word is issued until the unit is ready again ({@code L} lanes). */
    public static int drainCycles(int lanes) {
        return WRITE_LATENCY + 2 + Integer.numberOfTrailingZeros(lanes);
    }

    private final int lanes;
    private final FpFormat format;

    /** Builds the unit. */
    public VectorUnit(Params p) {
        lanes = p.config().lanes();
        format = p.config().output();
        int aw = p.addrBits();
        int log2 = Integer.numberOfTrailingZeros(lanes);
        name(p.moduleName());

        Bool ldValid = input("ld_valid", Bool());
        UInt ldAddr = input("ld_addr", UInt(aw));
        UInt ldData = input("ld_data", UInt(32 * lanes));
        Bool accReady = input("acc_ready", Bool());
        Bool actReady = input("act_ready", Bool());
        Bool cmdValid = input("cmd_valid", Bool());
        Bool cmdReady = output("cmd_ready", Bool());
        UInt cOp = input("cmd_op", UInt(VectorOp.BITS));
        UInt cReduce = input("cmd_reduce", UInt(2));
        UInt cSrcA = input("cmd_src_a", UInt(aw));
        UInt cSrcB = input("cmd_src_b", UInt(aw));
        UInt cSrcC = input("cmd_src_c", UInt(aw));
        UInt cDst = input("cmd_dst", UInt(aw));
        UInt cStrideA = input("cmd_stride_a", UInt(aw));
        UInt cStrideB = input("cmd_stride_b", UInt(aw));
        UInt cStrideC = input("cmd_stride_c", UInt(aw));
        UInt cStrideD = input("cmd_stride_d", UInt(aw));
        UInt cLength = input("cmd_length", UInt(LENGTH_BITS));
        UInt cS = input("cmd_s", UInt(32));
        UInt cS2 = input("cmd_s2", UInt(32));
        UInt cS3 = input("cmd_s3", UInt(32));
        Bool cToAct = input("cmd_to_act", Bool());
        Bool cMaskEn = input("cmd_mask_en", Bool());
        UInt cQPos = input("cmd_q_pos", UInt(LENGTH_BITS));
        UInt cKPos = input("cmd_k_pos", UInt(LENGTH_BITS));
        Bool wrValid = output("wr_valid", Bool());
        Bool wrAct = output("wr_act", Bool());
        UInt wrAddr = output("wr_addr", UInt(aw));
        UInt wrMask = output("wr_mask", UInt(lanes));
        UInt wrData = output("wr_data", UInt(32 * lanes));
        Bool redValid = output("red_valid", Bool());
        UInt redResult = output("red_result", UInt(32));
        UInt cntElementwise = output("cnt_elementwise", UInt(32));
        UInt cntNonlinear = output("cnt_nonlinear", UInt(32));
        UInt cntReduce = output("cnt_reduce", UInt(32));
        UInt cntBusy = output("cnt_busy", UInt(32));
        UInt cntStallAcc = output("cnt_stall_acc", UInt(32));
        UInt cntStallAct = output("cnt_stall_act", UInt(32));
        ElementPort vmemPort = ElementPort.declare(this, "vmem", lanes, aw, 32);

        // ---- instruction registers and sequencing
        Bool busy = reg("busy", Bool(), 0);
        Bool accept = named("accept", cmdValid.and(busy.not()));
        cmdReady.set(busy.not());
        UInt op = latch("op", cOp, accept);
        UInt reduce = latch("reduce", cReduce, accept);
        UInt s = latch("s", cS, accept);
        UInt s2 = latch("s2", cS2, accept);
        UInt s3 = latch("s3", cS3, accept);
        Bool toAct = latch("to_act", cToAct, accept);
        Bool maskEn = latch("mask_en", cMaskEn, accept);
        UInt qPos = latch("q_pos", cQPos, accept);
        UInt length = latch("length", cLength, accept);
        UInt strideA = latch("stride_a", cStrideA, accept);
        UInt strideB = latch("stride_b", cStrideB, accept);
        UInt strideC = latch("stride_c", cStrideC, accept);
        UInt strideD = latch("stride_d", cStrideD, accept);
        UInt words = named("words", cLength.zext(LENGTH_BITS + 1).addWrap(lanes - 1).shr(log2).truncate(LENGTH_BITS));
        UInt wordsLeft = reg("words_left", UInt(LENGTH_BITS), 0);
        UInt drain = reg("drain", UInt(8), 0);
        Bool pending = named("pending", busy.and(wordsLeft.ne(0)));
        Bool accStall = named("acc_stall", pending.and(accReady.not()));
        Bool actStall = named("act_stall", pending.and(accReady).and(toAct).and(actReady.not()));
        Bool issue = named("issue", pending.and(accReady).and(toAct.not().or(actReady)));
        UInt addrA = reg("addr_a", UInt(aw), 0);
        UInt addrB = reg("addr_b", UInt(aw), 0);
        UInt addrC = reg("addr_c", UInt(aw), 0);
        UInt addrD = reg("addr_d", UInt(aw), 0);
        UInt element = reg("element", UInt(LENGTH_BITS), 0);   // index of the issued word's lane 0
        UInt keyPos = reg("key_pos", UInt(LENGTH_BITS), 0);
        when(accept, () -> {
            busy.set(bool(true));
            wordsLeft.set(words);
            addrA.set(cSrcA);
            addrB.set(cSrcB);
            addrC.set(cSrcC);
            addrD.set(cDst);
            element.set(0);
            keyPos.set(cKPos);
            drain.set(drainCycles(lanes));
        }).elseWhen(issue, () -> {
            wordsLeft.set(wordsLeft.subWrap(1));
            addrA.set(addrA.addWrap(strideA));
            addrB.set(addrB.addWrap(strideB));
            addrC.set(addrC.addWrap(strideC));
            addrD.set(addrD.addWrap(strideD));
            element.set(element.addWrap(lanes));
            keyPos.set(keyPos.addWrap(lanes));
        }).elseWhen(busy.and(wordsLeft.eq(0)), () -> {
            drain.set(drain.subWrap(1));
            when(drain.eq(1), () -> busy.set(bool(false)));
        });

        // ---- counters (cycles issuing words, by class)
        Bool nonlinear = named("nonlinear_op", op.ge(VectorOp.EXP_SUB.ordinal())
                .and(op.le(uint(VectorOp.SWIGLU.ordinal(), VectorOp.BITS))));
        count("elementwise", cntElementwise, issue.and(nonlinear.not()));
        count("nonlinear", cntNonlinear, issue.and(nonlinear));
        count("reduce", cntReduce, issue.and(reduce.ne(0)));
        count("all", cntBusy, busy);
        count("stall_acc", cntStallAcc, accStall);
        count("stall_act", cntStallAct, actStall);

        // ---- memory: one bank per lane; three read ports (A, B, C) and the element port's, one write port
        List<Mem> banks = new ArrayList<>();
        List<UInt> wordA = new ArrayList<>();
        List<UInt> wordB = new ArrayList<>();
        List<UInt> wordC = new ArrayList<>();
        for (int j = 0; j < lanes; j++) {
            Mem bank = mem("vmem_" + j, 32, p.depth());
            banks.add(bank);
            wordA.add(bank.read(addrA));
            wordB.add(bank.read(addrB));
            wordC.add(bank.read(addrC));
        }

        // ---- per-lane validity and causal mask of the issued word, aligned with the read data
        List<Bool> inLength = new ArrayList<>();
        List<Bool> masked = new ArrayList<>();
        for (int j = 0; j < lanes; j++) {
            int lane = j;
            inLength.add(pipe("in_len" + j, element.addWrap(lane).lt(length)));
            masked.add(pipe("masked" + j, maskEn.and(keyPos.addWrap(lane).gt(qPos))));
        }
        Bool laneValid = pipe("lane_valid", issue);
        UInt laneMask = named("lane_mask", Hw.cat(reversed(inLength)));

        // ---- lanes
        List<UInt> results = new ArrayList<>();
        for (int j = 0; j < lanes; j++) {
            InstanceHandle l = instance("lane" + j, VectorLane.class, null);
            l.bool("in_valid").set(laneValid);
            l.uint("op").set(op);
            l.uint("a").set(wordA.get(j));
            l.uint("b").set(wordB.get(j));
            l.uint("c").set(wordC.get(j));
            l.uint("s").set(s);
            l.uint("s2").set(s2);
            l.uint("s3").set(s3);
            l.bool("masked").set(masked.get(j));
            results.add(l.uint("out"));
        }
        Bool outValid = delayValid("out_valid", laneValid, VectorLane.LATENCY);
        UInt outMask = delay("out_mask", laneMask, VectorLane.LATENCY);
        UInt outAddr = delay("out_addr", delay("issue_addr", addrD, 1), VectorLane.LATENCY);

        // ---- output: FP32 or converted, one register
        List<UInt> packed = new ArrayList<>();
        for (int j = 0; j < lanes; j++) {
            packed.add(format == FpFormat.FP32 ? pipe("fp32_" + j, results.get(j)) : narrowed(j, results.get(j), toAct));
        }
        Bool wv = pipe("wr_valid_r", outValid);
        UInt wa = pipe("wr_addr_r", outAddr);
        UInt wm = pipe("wr_mask_r", outMask);
        UInt wd = Hw.cat(reversed(packed));
        wrValid.set(wv);
        wrAct.set(toAct);
        wrAddr.set(wa);
        wrMask.set(wm);
        wrData.set(wd);
        Bool writeBack = wv.and(toAct.not());
        // The element port waits while the unit writes (all banks at once), so it never loses a write.
        Bool mpReady = named("vmem_free", writeBack.or(ldValid).not());
        vmemPort.ready().set(mpReady);
        for (int j = 0; j < lanes; j++) {
            Mem bank = banks.get(j);
            UInt result = packed.get(j);
            UInt loaded = ldData.slice(32 * j + 31, 32 * j);
            UInt mpAddr = vmemPort.addr().get(j);
            UInt mpData = vmemPort.wdata().get(j);
            when(writeBack, () -> bank.write(wa, result))
                    .elseWhen(ldValid, () -> bank.write(ldAddr, loaded))
                    .elseWhen(vmemPort.we(j), () -> bank.write(mpAddr, mpData));
            vmemPort.rdata().get(j).set(bank.read(mpAddr, vmemPort.re(j).and(mpReady)));
        }

        // ---- reductions: per-lane folds at the lane outputs, then a pipelined tree
        Bool foldStart = named("fold_start", accept);
        Bool lastOut = named("last_out", outValid.and(delayValid("issue_last", issue.and(wordsLeft.eq(1)),
                1 + VectorLane.LATENCY)));
        List<UInt> partial = new ArrayList<>();
        for (int j = 0; j < lanes; j++) {
            partial.add(fold(j, results.get(j), outValid.and(outMask.bit(j)), reduce, foldStart));
        }
        Bool treeValid = pipe("tree_valid", lastOut);
        UInt tree = tree(partial, reduce);
        redValid.set(delayValid("red_valid", treeValid, log2).and(reduce.ne(0)));
        redResult.set(tree);
    }

    private UInt narrowed(int j, UInt fp32, Bool toAct) {
        InstanceHandle c = instance("convert" + j, ConvertFp32Tile.class,
                new ConvertFp32Tile.Params(format, RowConvert.saturation(format)));
        c.bool("in_valid").set(bool(true));
        c.uint("in").set(fp32);
        UInt raw = pipe("fp32_" + j, fp32);
        return Hw.mux(toAct, c.uint("out").zext(32), raw);
    }

    /** One lane's fold: max in a comparator register, sums in an FMA tile whose output is the accumulator. */
    private UInt fold(int j, UInt v, Bool valid, UInt reduce, Bool start) {
        Bool started = reg("started" + j, Bool(), 0);
        Bool doFold = named("fold" + j, valid.and(reduce.ne(0)));
        when(start, () -> started.set(bool(false))).elseWhen(doFold, () -> started.set(bool(true)));
        UInt maxAcc = reg("max_acc" + j, UInt(32), 0);
        UInt maxPrev = Hw.mux(started, maxAcc, uint(RowReduce.Kind.MAX.identity() & 0xFFFFFFFFL, 32));
        when(doFold, () -> maxAcc.set(maxFp32(maxPrev, v)));
        Bool squares = reduce.eq(3);
        InstanceHandle f = instance("sum" + j, sohu.core.fp.rtl.FmaTile.class,
                new sohu.core.fp.rtl.FmaTile.Params(FpFormat.FP32, 1));
        UInt sumOut = f.uint("out");
        f.bool("in_valid").set(doFold.and(reduce.ge(2)));
        f.uint("a").set(v);
        f.uint("b").set(Hw.mux(squares, v, uint(0x3F800000L, 32)));
        f.uint("c").set(Hw.mux(started, sumOut, uint(0x80000000L, 32)));
        UInt sumAcc = Hw.mux(started, sumOut, uint(0x80000000L, 32));
        return named("partial" + j, Hw.mux(reduce.eq(1), maxPrev, sumAcc));
    }

    /** Lanes (2i, 2i+1) combined level by level, one register level each (max, or add on FMA tiles). */
    private UInt tree(List<UInt> level, UInt reduce) {
        int depth = 0;
        while (level.size() > 1) {
            List<UInt> next = new ArrayList<>();
            for (int i = 0; i < level.size() / 2; i++) {
                UInt l = level.get(2 * i);
                UInt r = level.get(2 * i + 1);
                UInt mx = pipe("tree_max" + depth + "_" + i, maxFp32(l, r));
                UInt sum = fma(l, uint(0x3F800000L, 32), r);
                next.add(Hw.mux(delay("tree_kind" + depth + "_" + i, reduce.eq(1), 1), mx, sum));
            }
            level = next;
            depth++;
        }
        return level.get(0);
    }

    @SuppressWarnings("unchecked")
    private <T extends sohu.hdl.Bits> T latch(String name, T value, Bool load) {
        T r = value instanceof Bool ? (T) reg(name + "_q", Bool(), 0) : (T) reg(name + "_q", UInt(value.width()), 0);
        when(load, () -> r.set(value));
        return r;
    }

    private void count(String name, UInt counter, Bool inc) {
        UInt c = reg("busy_" + name, UInt(32), 0);
        when(inc, () -> c.set(c.addWrap(1)));
        counter.set(c);
    }

    private static List<UInt> reversed(List<? extends UInt> lanes) {
        List<UInt> r = new ArrayList<>(lanes);
        java.util.Collections.reverse(r);
        return r;
    }
}
