package sohu.core.soc.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;
import static sohu.hdl.Types.Vec;

import sohu.core.array.ArrayConfig;
import sohu.core.array.MatrixEngine;
import sohu.core.compile.CoreConfig;
import sohu.core.isa.Opcode;
import sohu.core.isa.IssueQueue;
import sohu.core.isa.Space;
import sohu.core.mem.DmaDescriptor;
import sohu.core.mem.DmaFormat;
import sohu.core.soc.SequencerConfig;
import sohu.hdl.Bool;
import sohu.hdl.Bundle;
import sohu.hdl.Elaborator;
import sohu.hdl.Hw;
import sohu.hdl.InstanceHandle;
import sohu.hdl.Module;
import sohu.hdl.Stream;
import sohu.hdl.UInt;
import sohu.hdl.Vec;
import sohu.hdl.ir.Circuit;

/**
 * The first milestone of the SohuCore: the {@link Sequencer} joined to the {@link MatrixEngine}
 * (GEMM) and to a DMA engine outside (LOAD and STORE leave as {@link DmaFormat} descriptors on
 * {@code dma_desc}; completions come back on {@code dma_status}, tag 0 for the load queue and 1
 * for the store queue). The vector unit is not joined yet: VECTOR, MOVE and SCALAR complete at
 * once without effect and raise {@code unsupported}.
 *
 * <p>On-chip addresses in descriptors: the byte address of element {@code e} of a space is
 * {@code space << }{@value #SPACE_LSB}{@code  | e * elementBytes} ({@link Space} ordinals; act and
 * wgt elements are the format's bytes, acc and vmem elements 4). The DMA reaches the scratchpads
 * through the matrix engine's host port ({@code host_*}), which writes and reads only while the
 * engine is idle; it raises {@code host_hold} for the length of a transfer so that no GEMM starts
 * meanwhile. Ports {@code start}, {@code count}, {@code insn} and the flags and counters are the
 * sequencer's; {@code array_busy} and {@code array_cycles} are the engine's busy (issuing) and
 * running cycles of its last command, {@code cnt_array_busy} and {@code cnt_array_cycles} their
 * sums over the program's GEMMs.
 */
public final class SohuCore extends Module {
    /** The bit where a descriptor's on-chip address holds the space. */
    public static final int SPACE_LSB = CoreSram.SPACE_LSB;

    /**
     * The core's parameters.
     *
     * @param core      the core's sizes (array, format, memories)
     * @param sequencer the sequencer's
     */
    public record Params(CoreConfig core, SequencerConfig sequencer) { }

    /** Elaborates the core. */
    public static Circuit elaborate(Params p) {
        return Elaborator.elaborate(SohuCore.class, p);
    }

    /** Builds the core. */
    public SohuCore(Params p) {
        ArrayConfig ac = p.core().arrayConfig();
        name("SohuCore_" + ac.tag() + "_q" + p.sequencer().queueDepth());
        InstanceHandle<Sequencer> seq = instance("seq", Sequencer.class, p.sequencer());
        InstanceHandle<MatrixEngine> eng = instance("array", MatrixEngine.class, ac);
        MatrixEngine.tieOffElementPorts(this, eng, ac); // the element ports are not joined yet

        // ---- the sequencer's outside ports
        Bool start = input("start", Bool());
        seq.bool("start").set(start);
        seq.uint("count").set(input("count", UInt(SequencerConfig.INDEX_BITS)));
        Stream<Bundle> insn = streamIn("insn", Sequencer.word());
        seq.bool("insn_valid").set(insn.valid());
        seq.uint("insn_payload_lo").set(insn.payload().uint("lo"));
        seq.uint("insn_payload_hi").set(insn.payload().uint("hi"));
        insn.ready().set(seq.bool("insn_ready"));
        for (String f : new String[] {"busy", "done", "deadlock"}) {
            output(f, Bool()).set(seq.bool(f));
        }
        output("error", UInt(2)).set(seq.uint("error"));
        output("error_index", UInt(SequencerConfig.INDEX_BITS)).set(seq.uint("error_index"));
        output("cnt_cycles", UInt(32)).set(seq.uint("cnt_cycles"));
        for (IssueQueue q : IssueQueue.values()) {
            output("cnt_" + q.tag() + "_busy", UInt(32)).set(seq.uint("cnt_" + q.tag() + "_busy"));
            output("cnt_" + q.tag() + "_token_wait", UInt(32)).set(seq.uint("cnt_" + q.tag() + "_token_wait"));
            for (String f : new String[] {"start", "retire", "head_valid"}) {
                output(q.tag() + "_" + f, Bool()).set(seq.bool(q.tag() + "_" + f));
            }
            for (String f : new String[] {"start_index", "retire_index", "head_index"}) {
                output(q.tag() + "_" + f, UInt(SequencerConfig.INDEX_BITS)).set(seq.uint(q.tag() + "_" + f));
            }
        }

        // ---- the matrix engine's host port, for the DMA
        Bool hold = input("host_hold", Bool());
        eng.bool("host_we").set(input("host_we", Bool()));
        eng.bool("host_re").set(input("host_re", Bool()));
        eng.uint("host_sel").set(input("host_sel", UInt(2)));
        eng.uint("host_addr").set(input("host_addr", UInt(ArrayConfig.FIELD_BITS)));
        Vec<UInt> wdata = input("host_wdata", Vec(UInt(32), ac.lanes()));
        Vec<UInt> rdata = output("host_rdata", Vec(UInt(32), ac.cols()));
        for (int i = 0; i < ac.lanes(); i++) {
            eng.uint("host_wdata_" + i).set(wdata.get(i));
        }
        for (int i = 0; i < ac.cols(); i++) {
            rdata.get(i).set(eng.uint("host_rdata_" + i));
        }
        Bool engBusy = eng.bool("status_busy");
        output("array_busy_now", Bool()).set(engBusy);
        output("array_error", UInt(3)).set(eng.uint("status_error"));
        output("array_busy", UInt(48)).set(eng.uint("perf_busy"));
        output("array_cycles", UInt(48)).set(eng.uint("perf_cycles"));

        Bool gemmDone = compute(seq, eng, hold, engBusy);
        dma(p.core(), seq);

        // the program's array counters: each command's own counters added up when it is done
        Bool clear = start.and(seq.bool("busy").not());
        for (String f : new String[] {"busy", "cycles"}) {
            UInt total = reg("cnt_array_" + f + "_q", UInt(48), 0);
            when(clear, () -> total.set(0)).elseWhen(gemmDone, () -> total.set(total.addWrap(eng.uint("perf_" + f))));
            output("cnt_array_" + f, UInt(48)).set(total);
        }
    }

    /** GEMM to the matrix engine, the other compute instructions complete at once (not joined yet); returns a GEMM's done. */
    private Bool compute(InstanceHandle<Sequencer> seq, InstanceHandle<MatrixEngine> eng, Bool hold, Bool engBusy) {
        UInt lo = seq.uint("compute_issue_payload_lo");
        UInt hi = seq.uint("compute_issue_payload_hi");
        UInt word = named("compute_word", hi.cat(lo));
        Bool valid = seq.bool("compute_issue_valid");
        Bool isGemm = named("is_gemm", lo.slice(3, 0).eq(Opcode.GEMM.ordinal()));
        Bool gemmWait = reg("gemm_wait", Bool(), 0);
        Bool otherDone = reg("other_done", Bool(), 0);
        Bool unsupported = reg("unsupported_q", Bool(), 0);
        Bool gemmDone = named("gemm_done", gemmWait.and(eng.bool("status_done")));
        Bool ready = named("compute_ready", isGemm.not().or(engBusy.not().and(hold.not()).and(gemmWait.not().or(gemmDone))));
        seq.bool("compute_issue_ready").set(ready);
        Bool fire = valid.and(ready);
        eng.bool("cmd_start").set(fire.and(isGemm));
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
        // status_done is a level, cleared when a command starts: the first cycle it is back is the done
        when(fire.and(isGemm), () -> gemmWait.set(true)).elseWhen(gemmDone, () -> gemmWait.set(false));
        otherDone.set(fire.and(isGemm.not()));
        when(fire.and(isGemm.not()), () -> unsupported.set(true));
        seq.bool("compute_done").set(gemmDone.or(otherDone));
        output("unsupported", Bool()).set(unsupported);
        return gemmDone;
    }

    private static void field(InstanceHandle<MatrixEngine> eng, String name, UInt word, int msb, int lsb) {
        eng.uint("cmd_" + name).set(word.slice(msb, lsb).zext(ArrayConfig.FIELD_BITS));
    }

    /** LOAD and STORE as descriptors (the load queue first when both wait); completions back by tag. */
    private void dma(CoreConfig core, InstanceHandle<Sequencer> seq) {
        int a = DmaFormat.ADDR_BITS;
        Stream<Bundle> desc = streamOut("dma_desc", DmaFormat.descriptor());
        Stream<Bundle> status = streamIn("dma_status", DmaFormat.status());
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
        UInt sram = named("dma_sram", space.zext(a).shl(SPACE_LSB).or(word.slice(31, 12).zext(a).shl(shift)));
        UInt hbm = word.slice(63, 32).zext(a);
        UInt bytes = named("dma_bytes", word.slice(91, 76).zext(DmaFormat.ROW_BYTES_BITS).shl(shift));
        UInt hbmStride = word.slice(111, 92).zext(a);
        UInt sramStride = named("dma_sram_stride", word.slice(127, 112).zext(a).shl(shift));
        Bundle d = desc.payload();
        d.get("tag").set(Hw.mux(ldValid, uint(0, DmaFormat.TAG_BITS), uint(1, DmaFormat.TAG_BITS)));
        d.get("direction").set(Hw.mux(ldValid, uint(DmaDescriptor.Direction.HBM_TO_SRAM.ordinal(), 2),
                uint(DmaDescriptor.Direction.SRAM_TO_HBM.ordinal(), 2)));
        d.get("src").set(Hw.mux(ldValid, hbm, sram));
        d.get("dst").set(Hw.mux(ldValid, sram, hbm));
        d.get("rows").set(word.slice(75, 64).zext(DmaFormat.ROWS_BITS));
        d.get("bytesPerRow").set(bytes);
        d.get("srcStride").set(Hw.mux(ldValid, hbmStride, sramStride));
        d.get("dstStride").set(Hw.mux(ldValid, sramStride, hbmStride));

        status.ready().set(bool(true));
        UInt tag = status.payload().uint("tag");
        seq.bool("load_done").set(status.valid().and(tag.eq(0)));
        seq.bool("store_done").set(status.valid().and(tag.eq(1)));
        Bool dmaError = reg("dma_error_q", Bool(), 0);
        when(status.valid().and(status.payload().uint("code").ne(0)), () -> dmaError.set(true));
        output("dma_error", Bool()).set(dmaError);
    }
}
