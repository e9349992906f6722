package sohu.core.soc.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.Stream;
import static sohu.hdl.Types.UInt;

import java.util.ArrayList;
import java.util.List;
import sohu.core.array.ArrayConfig;
import sohu.core.array.MatrixEngine;
import sohu.core.compile.CoreConfig;
import sohu.core.isa.IssueQueue;
import sohu.core.isa.Opcode;
import sohu.core.isa.Space;
import sohu.core.mem.DmaDescriptor;
import sohu.core.mem.DmaFormat;
import sohu.core.mem.rtl.DmaConfig;
import sohu.core.mem.rtl.DmaEngine;
import sohu.core.soc.SequencerConfig;
import sohu.hdl.Bool;
import sohu.hdl.Bundle;
import sohu.hdl.Elaborator;
import sohu.hdl.Hw;
import sohu.hdl.InstanceHandle;
import sohu.hdl.Module;
import sohu.hdl.Stream;
import sohu.hdl.Types;
import sohu.hdl.UInt;
import sohu.hdl.ir.Circuit;
import sohu.hdl.ir.Port;
import sohu.hdl.lib.Axi4;
import sohu.hdl.lib.Streams;

/**
 * One SohuCore (docs/ISA.md): the {@link Sequencer} with its {@link InsnFetch}, the
 * {@link MatrixEngine} (GEMM), the {@link ComputeSide} (VECTOR, MOVE, SCALAR on the vector unit
 * and the scalar registers), the {@link DmaEngine} (LOAD, STORE, instruction fetch) behind the
 * {@link CoreSram} router, and the {@link ControlSlave}.
 *
 * <h2>Ports</h2>
 * {@code m_axi_*}: the DMA engine's AXI4 master to HBM. {@code s_axil_*}: the AXI4-Lite control
 * slave (start, program address and length, status, counters: {@link ControlSlave}). The rest are
 * outputs for observing a run: {@code busy}, {@code done}, {@code deadlock}, {@code error},
 * {@code error_index}, {@code dma_error} (a LOAD or STORE completed with an error),
 * {@code fetch_error}, {@code sram_error} (the router saw a partial element or an out-of-range
 * address), {@code array_error}, per queue {@code <q>_start}/{@code <q>_retire} with their
 * indices, and the counters.
 *
 * <h2>Joining the memories</h2>
 * Each memory's element port has one owner and up to two requesters, the compute side first: the
 * vector unit's {@code toAct} results and MOVE's accumulator reads are taken whenever the owner
 * is ready, and the DMA's router gets the port in the cycles they leave free. The activation and
 * weight ports are always ready, so LOADs fill the next tiles while the array runs; the
 * accumulator port takes reads always (a MOVE runs beside a GEMM whose words it does not read)
 * and writes while the array is idle. Descriptors: the fetch unit's (tag 2) and
 * the load and store queues' (tags 0 and 1, the load queue first) share the DMA engine through
 * a round-robin arbiter; completions return by tag.
 */
public final class SohuCore extends Module {
    /** The bit where a descriptor's on-chip address holds the space. */
    public static final int SPACE_LSB = CoreSram.SPACE_LSB;
    private static final int LOAD_TAG = 0;
    private static final int STORE_TAG = 1;

    /**
     * The core's parameters.
     *
     * @param core      the core's sizes (array, format, memories)
     * @param sequencer the sequencer's
     * @param dma       the DMA engine's ({@code sramBits} at least {@link CoreSram#MIN_SRAM_BITS})
     * @param fetch     the instruction fetch unit's
     */
    public record Params(CoreConfig core, SequencerConfig sequencer, DmaConfig dma, InsnFetch.Params fetch) {
        /** Checks that the parts agree. */
        public Params {
            new CoreSram.Params(dma, core);
            if (fetch.dma() != dma) {
                fetch = new InsnFetch.Params(dma, fetch.chunkInsns(), fetch.chunks());
            }
        }

        /**
         * The default core around {@code core}: an AXI port of {@code core.axiBytes()} bytes (at
         * least 8), 32-bit HBM addresses, 64 read and 128 write bursts of up to 64 beats in flight
         * (64 read IDs: each DMA row is its own burst and most rows are short, so bursts in flight,
         * not bandwidth, bound a DMA at the HBM latency: one-element rows take 3.7 cycles each with
         * 32, 2.2 to 2.8 with 64, 2.1 with 128 writes), a 16-instruction fetch in 4 chunks, the
         * default sequencer.
         */
        public static Params of(CoreConfig core) {
            int bits = Math.max(64, Integer.highestOneBit(core.axiBytes()) * 8);
            DmaConfig dma = new DmaConfig(bits, 32, 6, 64, 128, 64, 512, CoreSram.MIN_SRAM_BITS);
            return new Params(core, SequencerConfig.defaults(), dma, InsnFetch.Params.of(dma));
        }
    }

    /** Elaborates the core. */
    public static Circuit elaborate(Params p) {
        return Elaborator.elaborate(SohuCore.class, p);
    }

    /** The counters of the control slave, in register order. */
    public static List<ControlSlave.Counter> counters() {
        List<ControlSlave.Counter> c = new ArrayList<>(ControlSlave.Params.defaults().counters());
        for (String v : List.of("elementwise", "nonlinear", "reduce", "stall_acc", "stall_act")) {
            c.add(new ControlSlave.Counter("vector_" + v, 32));
        }
        return c;
    }

    /** Builds the core. */
    public SohuCore(Params p) {
        CoreConfig core = p.core();
        ArrayConfig ac = core.arrayConfig();
        name("SohuCore_" + core.tag() + "_a" + core.aDepth() + "_w" + core.wDepth() + "_c" + core.cDepth() + "_v" + core.vDepth()
                + "_d" + p.dma().dataBits());
        InstanceHandle<Sequencer> seq = instance("seq", Sequencer.class, p.sequencer());
        InstanceHandle<InsnFetch> fetch = instance("ifu", InsnFetch.class, p.fetch());
        InstanceHandle<MatrixEngine> eng = instance("array", MatrixEngine.class, ac);
        InstanceHandle<ComputeSide> vec = instance("vec", ComputeSide.class, core);
        InstanceHandle<DmaEngine> dma = instance("dma", DmaEngine.class, p.dma());
        InstanceHandle<CoreSram> sram = instance("sram", CoreSram.class, new CoreSram.Params(p.dma(), core));
        InstanceHandle<ControlSlave> ctl = instance("ctl", ControlSlave.class, new ControlSlave.Params(counters()));

        dma.connect("m_axi", output("m_axi", Axi4.full(p.dma().idBits(), p.dma().addrBits(), p.dma().dataBits())), false);
        ctl.connect("s_axil", input("s_axil", Axi4.lite(ControlSlave.ADDR_BITS, 32)), true);

        // ---- start, fetch, sequencer
        Bool start = ctl.bool("start");
        seq.bool("start").set(start);
        seq.uint("count").set(ctl.uint("prog_count"));
        fetch.bool("start").set(start);
        fetch.uint("prog_addr").set(ctl.uint("prog_addr"));
        fetch.uint("count").set(ctl.uint("prog_count"));
        Stream<Bundle> insn = wire("insn", Stream(Sequencer.word()));
        fetch.connect("insn", insn, false);
        seq.connect("insn", insn, true);
        hostIdle(eng, ac);

        compute(seq, eng, vec, core.lanes());
        Bool dmaError = descriptors(core, seq, fetch, dma, start);
        memories(core, eng, vec, sram, dma, fetch);
        sram.bool("err_clear").set(start);
        vec.uint("dbg_reg_addr").set(uint(0, vec.uint("dbg_reg_addr").width()));
        observe(seq, eng, vec, fetch, sram, ctl, start, dmaError);
    }

    /** The matrix engine's host port is not used inside the core (the DMA has the element ports). */
    private void hostIdle(InstanceHandle<MatrixEngine> eng, ArrayConfig ac) {
        eng.bool("host_we").set(bool(false));
        eng.bool("host_re").set(bool(false));
        eng.uint("host_sel").set(uint(0, 2));
        eng.uint("host_addr").set(uint(0, ArrayConfig.FIELD_BITS));
        for (int i = 0; i < ac.lanes(); i++) {
            eng.uint("host_wdata_" + i).set(uint(0, 32));
        }
    }

    /**
     * GEMM to the matrix engine, VECTOR, MOVE and SCALAR to the compute side.
     * A GEMM runs in the background of the compute queue (the sequencer's GEMM slot); while it
     * runs, the compute side is not given what {@link sohu.core.isa.BackgroundGemm#waits} holds
     * back: a MOVE reading accumulator words the GEMM's C spans or a VECTOR writing activations
     * into the words its A operand spans (the sequencer holds GEMMs and pushes).
     */
    private void compute(InstanceHandle<Sequencer> seq, InstanceHandle<MatrixEngine> eng, InstanceHandle<ComputeSide> vec,
                         int lanes) {
        UInt lo = seq.uint("compute_issue_payload_lo");
        UInt hi = seq.uint("compute_issue_payload_hi");
        UInt word = named("compute_word", hi.cat(lo));
        Bool valid = seq.bool("compute_issue_valid");
        UInt op = lo.slice(3, 0);
        Bool isGemm = named("is_gemm", op.eq(Opcode.GEMM.ordinal()));
        // the engine takes a GEMM the cycle after the previous one's last row, while that one
        // drains; the sequencer keeps at most SequencerConfig.GEMM_IN_FLIGHT in flight
        Bool gemmDone = named("gemm_done", eng.bool("status_retire"));
        Bool gemmReady = named("gemm_ready", eng.bool("status_ready"));
        Bool fire = named("gemm_fire", valid.and(isGemm).and(gemmReady));

        // the GEMMs in flight, oldest first, with their A words: aBase .. aBase + (m-1)·aStride + ceil(k/R) - 1
        int lg = Integer.numberOfTrailingZeros(lanes);
        int slots = SequencerConfig.GEMM_IN_FLIGHT;
        UInt[] aLo = new UInt[slots];
        UInt[] aHi = new UInt[slots];
        UInt[] cLo = new UInt[slots];
        UInt[] cHi = new UInt[slots];
        Bool[] live = new Bool[slots];
        for (int i = 0; i < slots; i++) {
            aLo[i] = reg("gemm_a_lo_" + i, UInt(24), 0);
            aHi[i] = reg("gemm_a_hi_" + i, UInt(24), 0);
            cLo[i] = reg("gemm_c_lo_" + i, UInt(32), 0);
            cHi[i] = reg("gemm_c_hi_" + i, UInt(32), 0);
            live[i] = reg("gemm_live_" + i, Bool(), 0);
        }
        int pw = Types.bitsFor(slots);
        UInt oldest = reg("gemm_oldest", UInt(pw), 0);
        UInt newest = reg("gemm_newest", UInt(pw), 0);
        UInt m = word.slice(21, 10);
        UInt rowWords = named("gemm_row_words", word.slice(33, 22).zext(13).addWrap(lanes - 1).shr(lg).zext(24));
        UInt rows = Hw.mux(m.eq(0), uint(0, 12), m.subWrap(1));
        UInt span = named("gemm_a_span", rows.mul(word.slice(104, 94)).zext(24).addWrap(rowWords).subWrap(1));
        UInt base = word.slice(61, 46).zext(24);
        // and its accumulator words: cBase .. cBase + (m-1)·cStride + ceil(n/C) - 1
        UInt nField = word.slice(45, 34);
        UInt colWords = named("gemm_col_words", Hw.mux(nField.eq(0), uint(1, 32),
                nField.zext(13).addWrap(lanes - 1).shr(lg).zext(32)));
        UInt cFirst = word.slice(93, 78).zext(32);
        UInt cSpan = named("gemm_c_span", rows.mul(word.slice(126, 116)).zext(32).addWrap(colWords).subWrap(1));
        for (int i = 0; i < slots; i++) {
            int slot = i;
            Bool take = named("gemm_take_" + i, fire.and(newest.eq(i)));
            Bool leave = named("gemm_leave_" + i, gemmDone.and(oldest.eq(i)));
            when(take, () -> {
                aLo[slot].set(base);
                aHi[slot].set(base.addWrap(span));
                cLo[slot].set(cFirst);
                cHi[slot].set(cFirst.addWrap(cSpan));
                live[slot].set(true);
            }).elseWhen(leave, () -> live[slot].set(false));
        }
        when(fire, () -> newest.set(Hw.mux(newest.eq(slots - 1), uint(0, pw), newest.addWrap(1))));
        when(gemmDone, () -> oldest.set(Hw.mux(oldest.eq(slots - 1), uint(0, pw), oldest.addWrap(1))));
        // a VECTOR's activation words: dst .. dst + (ceil(length/L) - 1)·strideD
        Bool toAct = op.eq(Opcode.VECTOR.ordinal()).and(word.bit(14));
        UInt words = named("vec_act_words", word.slice(84, 72).zext(14).addWrap(lanes - 1).shr(lg));
        UInt last = Hw.mux(words.eq(0), uint(0, 14), words.subWrap(1));
        UInt vLo = word.slice(63, 52).zext(24);
        UInt vHi = named("vec_act_hi", vLo.addWrap(last.mul(word.slice(71, 70)).zext(24)));
        // a MOVE's accumulator words: src .. src + (rows-1)·srcStride + max(words,1) - 1
        Bool isMove = op.eq(Opcode.MOVE.ordinal());
        UInt mRows = word.slice(47, 36);
        UInt mWords = word.slice(59, 48);
        UInt mLo = word.slice(23, 8).zext(32);
        UInt mSpan = Hw.mux(mRows.eq(0), uint(0, 12), mRows.subWrap(1)).mul(word.slice(75, 60)).zext(32)
                .addWrap(Hw.mux(mWords.eq(0), uint(0, 12), mWords.subWrap(1)).zext(32));
        UInt mHi = named("move_acc_hi", mLo.addWrap(mSpan));
        // a GEMM still in flight after this cycle (one retiring now frees what it holds)
        Bool overlap = bool(false);
        Bool accOverlap = bool(false);
        for (int i = 0; i < slots; i++) {
            Bool stays = named("gemm_stays_" + i, live[i].and(gemmDone.and(oldest.eq(i)).not()));
            overlap = overlap.or(stays.and(vHi.ge(aLo[i])).and(aHi[i].ge(vLo)));
            accOverlap = accOverlap.or(stays.and(mHi.ge(cLo[i])).and(cHi[i].ge(mLo)));
        }
        Bool actOverlap = named("act_overlap", overlap);
        Bool moveOverlap = named("move_overlap", accOverlap);
        Bool hold = named("compute_hold", isMove.and(moveOverlap).or(toAct.and(actOverlap)));

        seq.bool("compute_issue_ready").set(Hw.mux(isGemm, gemmReady, vec.bool("issue_ready").and(hold.not())));
        eng.bool("cmd_start").set(fire);
        vec.bool("issue_valid").set(valid.and(isGemm.not()).and(hold.not()));
        vec.uint("issue_payload_lo").set(lo);
        vec.uint("issue_payload_hi").set(hi);
        // docs/ISA.md, GEMM: [8] accumulate, [21:10] m, [33:22] k, [45:34] n, [61:46] aBase, [77:62] wBase,
        // [93:78] cBase, [104:94] aStride, [115:105] wStride, [126:116] cStride
        eng.bool("cmd_accumulate").set(word.bit(8));
        field(eng, "m", word, 21, 10);
        field(eng, "k", word, 33, 22);
        field(eng, "n", word, 45, 34);
        field(eng, "a_base", word, 61, 46);
        field(eng, "w_base", word, 77, 62);
        field(eng, "c_base", word, 93, 78);
        field(eng, "a_stride", word, 104, 94);
        field(eng, "w_stride", word, 115, 105);
        field(eng, "c_stride", word, 126, 116);
        seq.bool("compute_done").set(vec.bool("done"));
        seq.bool("gemm_done").set(gemmDone);
    }

    private static void field(InstanceHandle<MatrixEngine> eng, String name, UInt word, int msb, int lsb) {
        eng.uint("cmd_" + name).set(word.slice(msb, lsb).zext(ArrayConfig.FIELD_BITS));
    }

    /** LOAD and STORE as descriptors (the load queue first when both wait) beside the fetch unit's; completions back by tag. */
    private Bool descriptors(CoreConfig core, InstanceHandle<Sequencer> seq, InstanceHandle<InsnFetch> fetch,
                             InstanceHandle<DmaEngine> dma, Bool start) {
        int a = DmaFormat.ADDR_BITS;
        Stream<Bundle> desc = wire("ls_desc", Stream(DmaFormat.descriptor()));
        Bool ldValid = seq.bool("load_issue_valid");
        Bool stValid = seq.bool("store_issue_valid");
        UInt lo = named("dma_lo", Hw.mux(ldValid, seq.uint("load_issue_payload_lo"), seq.uint("store_issue_payload_lo")));
        UInt hi = named("dma_hi", Hw.mux(ldValid, seq.uint("load_issue_payload_hi"), seq.uint("store_issue_payload_hi")));
        UInt word = named("dma_word", hi.cat(lo));
        seq.bool("load_issue_ready").set(desc.ready());
        seq.bool("store_issue_ready").set(desc.ready().and(ldValid.not()));
        desc.valid().set(ldValid.or(stValid));

        // docs/ISA.md, LOAD/STORE: [9:8] space, [31:12] sram, [63:32] hbm, [75:64] rows, [91:76] elems,
        // [111:92] hbmStride, [127:112] sramStride; on-chip sizes in elements, scaled to bytes here
        UInt space = word.slice(9, 8);
        int fmtShift = Integer.numberOfTrailingZeros(Space.ACT.elementBytes(core.format()));
        UInt shift = named("dma_shift", Hw.mux(space.lt(Space.ACC.ordinal()), uint(fmtShift, 2), uint(2, 2)));
        UInt sramAddr = named("dma_sram", space.zext(a).shl(SPACE_LSB).or(word.slice(31, 12).zext(a).shl(shift)));
        UInt hbm = word.slice(63, 32).zext(a);
        UInt bytes = named("dma_bytes", word.slice(91, 76).zext(DmaFormat.ROW_BYTES_BITS).shl(shift));
        UInt hbmStride = word.slice(111, 92).zext(a);
        UInt sramStride = named("dma_sram_stride", word.slice(127, 112).zext(a).shl(shift));
        Bundle d = desc.payload();
        d.get("tag").set(Hw.mux(ldValid, uint(LOAD_TAG, DmaFormat.TAG_BITS), uint(STORE_TAG, DmaFormat.TAG_BITS)));
        d.get("direction").set(Hw.mux(ldValid, uint(DmaDescriptor.Direction.HBM_TO_SRAM.ordinal(), 2),
                uint(DmaDescriptor.Direction.SRAM_TO_HBM.ordinal(), 2)));
        d.get("src").set(Hw.mux(ldValid, hbm, sramAddr));
        d.get("dst").set(Hw.mux(ldValid, sramAddr, hbm));
        d.get("rows").set(word.slice(75, 64).zext(DmaFormat.ROWS_BITS));
        d.get("bytesPerRow").set(bytes);
        d.get("srcStride").set(Hw.mux(ldValid, hbmStride, sramStride));
        d.get("dstStride").set(Hw.mux(ldValid, sramStride, hbmStride));

        Stream<Bundle> fetchDesc = wire("fetch_desc", Stream(DmaFormat.descriptor()));
        fetch.connect("dma_desc", fetchDesc, false);
        dma.connect("desc", Streams.arbiter("desc_arb", List.of(fetchDesc, desc)), true);

        Stream<Bundle> done = wire("completion", Stream(DmaFormat.status()));
        dma.connect("done", done, false);
        done.ready().set(bool(true));
        UInt tag = done.payload().uint("tag");
        seq.bool("load_done").set(done.valid().and(tag.eq(LOAD_TAG)));
        seq.bool("store_done").set(done.valid().and(tag.eq(STORE_TAG)));
        Stream<Bundle> fetchDone = wire("fetch_done", Stream(DmaFormat.status()));
        fetchDone.valid().set(done.valid().and(tag.eq(InsnFetch.TAG)));
        fetchDone.payload().set(done.payload());
        fetch.connect("dma_done", fetchDone, true);
        Bool dmaError = reg("dma_error_q", Bool(), 0);
        when(start, () -> dmaError.set(false))
                .elseWhen(done.valid().and(tag.ne(InsnFetch.TAG)).and(done.payload().uint("code").ne(0)), () -> dmaError.set(true));
        output("dma_error", Bool()).set(dmaError);
        return dmaError;
    }

    /** The DMA's SRAM port through the router to the element ports, beside the compute side's requests. */
    private void memories(CoreConfig core, InstanceHandle<MatrixEngine> eng, InstanceHandle<ComputeSide> vec,
                          InstanceHandle<CoreSram> sram, InstanceHandle<DmaEngine> dma, InstanceHandle<InsnFetch> fetch) {
        for (Port port : sram.module().ports()) {
            String n = port.name();
            if (n.startsWith("sram_")) {
                if (port.isInput()) {
                    sram.pin(n).set(dma.pin(n));
                } else {
                    dma.pin(n).set(sram.pin(n));
                }
            } else if (n.startsWith("insn_wr_")) {
                fetch.pin(n).set(sram.pin(n));
            }
        }
        for (ElementSpace s : ElementSpace.of(core)) {
            String t = s.space().tag();
            InstanceHandle<?> owner = s.space() == Space.VMEM ? vec : eng;
            List<InstanceHandle<?>> requesters = s.space() == Space.ACT || s.space() == Space.ACC ? List.of(vec, sram) : List.of(sram);
            join(t, s.banks(), owner, requesters);
        }
    }

    /**
     * Joins memory {@code t}'s element port on {@code owner} to its requesters, the first taking
     * priority: each cycle the first requester with a request gets the port, the others see
     * {@code ready} low. A requester without write (or read) pins never writes (reads).
     */
    private void join(String t, int banks, InstanceHandle<?> owner, List<InstanceHandle<?>> requesters) {
        String p = "mp_" + t + "_";
        Bool before = bool(false);
        UInt we = uint(0, banks);
        UInt re = uint(0, banks);
        List<UInt> addr = new ArrayList<>();
        List<UInt> wdata = new ArrayList<>();
        for (int b = 0; b < banks; b++) {
            addr.add(uint(0, owner.uint(p + "addr_" + b).width()));
            wdata.add(uint(0, owner.uint(p + "wdata_" + b).width()));
        }
        Bool ownerReady = owner.bool(p + "ready");
        // priority: the last requester is the default of the mux chain, built from the back
        List<Bool> wants = new ArrayList<>();
        for (InstanceHandle<?> r : requesters) {
            UInt rWe = has(r, p + "we") ? r.uint(p + "we") : uint(0, banks);
            UInt rRe = has(r, p + "re") ? r.uint(p + "re") : uint(0, banks);
            wants.add(named(p + r.name() + "_wants", rWe.ne(0).or(rRe.ne(0))));
            r.bool(p + "ready").set(ownerReady.and(before.not()));
            before = named(p + r.name() + "_before", before.or(wants.get(wants.size() - 1)));
            if (has(r, p + "rdata_0")) {
                for (int b = 0; b < banks; b++) {
                    r.uint(p + "rdata_" + b).set(owner.uint(p + "rdata_" + b));
                }
            }
        }
        for (int i = requesters.size() - 1; i >= 0; i--) {
            InstanceHandle<?> r = requesters.get(i);
            Bool w = wants.get(i);
            we = Hw.mux(w, has(r, p + "we") ? r.uint(p + "we") : uint(0, banks), we);
            re = Hw.mux(w, has(r, p + "re") ? r.uint(p + "re") : uint(0, banks), re);
            for (int b = 0; b < banks; b++) {
                addr.set(b, Hw.mux(w, r.uint(p + "addr_" + b), addr.get(b)));
                if (has(r, p + "wdata_" + b)) {
                    wdata.set(b, Hw.mux(w, r.uint(p + "wdata_" + b), wdata.get(b)));
                }
            }
        }
        owner.uint(p + "we").set(we);
        owner.uint(p + "re").set(re);
        for (int b = 0; b < banks; b++) {
            owner.uint(p + "addr_" + b).set(addr.get(b));
            owner.uint(p + "wdata_" + b).set(wdata.get(b));
        }
    }

    private static boolean has(InstanceHandle<?> h, String port) {
        return h.module().ports().stream().anyMatch(q -> q.name().equals(port));
    }

    /** The control slave's status and counters, and the same as outputs for observing a run. */
    private void observe(InstanceHandle<Sequencer> seq, InstanceHandle<MatrixEngine> eng, InstanceHandle<ComputeSide> vec,
                         InstanceHandle<InsnFetch> fetch, InstanceHandle<CoreSram> sram, InstanceHandle<ControlSlave> ctl,
                         Bool start, Bool dmaError) {
        Bool sramError = named("sram_error_any", sram.bool("err_partial").or(sram.bool("err_range")));
        output("sram_error", Bool()).set(sramError);
        output("fetch_error", UInt(DmaFormat.CODE_BITS)).set(fetch.uint("error"));
        output("array_error", UInt(3)).set(eng.uint("status_error"));
        ctl.bool("st_busy").set(seq.bool("busy"));
        ctl.bool("st_done").set(seq.bool("done"));
        ctl.bool("st_deadlock").set(seq.bool("deadlock"));
        // "unsupported": a transfer the memories cannot take (a partial element, an address past a memory)
        ctl.bool("st_unsupported").set(sramError);
        ctl.bool("st_dma_error").set(dmaError);
        ctl.uint("st_error").set(seq.uint("error"));
        ctl.uint("st_fetch_error").set(fetch.uint("error"));
        ctl.uint("st_error_index").set(seq.uint("error_index"));
        for (String f : new String[] {"busy", "done", "deadlock"}) {
            output(f, Bool()).set(seq.bool(f));
        }
        output("error", UInt(2)).set(seq.uint("error"));
        output("error_index", UInt(SequencerConfig.INDEX_BITS)).set(seq.uint("error_index"));
        for (IssueQueue q : IssueQueue.values()) {
            for (String f : new String[] {"start", "retire"}) {
                output(q.tag() + "_" + f, Bool()).set(seq.bool(q.tag() + "_" + f));
                output(q.tag() + "_" + f + "_index", UInt(SequencerConfig.INDEX_BITS)).set(seq.uint(q.tag() + "_" + f + "_index"));
            }
        }
        output("gemm_retire", Bool()).set(seq.bool("gemm_retire"));
        output("gemm_retire_index", UInt(SequencerConfig.INDEX_BITS)).set(seq.uint("gemm_retire_index"));

        // the program's array counters: cycles a row entered the array, cycles the engine was busy
        // (commands back to back overlap: each cycle counts once)
        Bool clear = start.and(seq.bool("busy").not());
        for (String f : new String[] {"busy", "cycles"}) {
            UInt total = reg("cnt_array_" + f + "_q", UInt(48), 0);
            Bool tick = eng.bool(f.equals("busy") ? "status_issue" : "status_busy");
            when(clear, () -> total.set(0)).elseWhen(tick, () -> total.set(total.addWrap(1)));
            output("cnt_array_" + f, UInt(48)).set(total);
            ctl.uint("cnt_array_" + f).set(total);
        }
        // the vector unit's counters run from reset: the program's share is the difference from its start
        for (ControlSlave.Counter c : counters()) {
            String n = c.name();
            UInt v;
            if (n.startsWith("array_")) {
                continue;
            } else if (n.startsWith("vector_")) {
                UInt raw = vec.uint("cnt_" + n.substring("vector_".length()));
                UInt base = reg("cnt_" + n + "_base", UInt(32), 0);
                when(clear, () -> base.set(raw));
                v = named("cnt_" + n + "_run", raw.subWrap(base));
            } else {
                v = seq.uint("cnt_" + n);
            }
            ctl.uint("cnt_" + n).set(v);
            output("cnt_" + n, UInt(c.bits())).set(v);
        }
    }
}
