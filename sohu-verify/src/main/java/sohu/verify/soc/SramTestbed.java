package sohu.verify.soc;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.Bundle;
import static sohu.hdl.Types.Stream;
import static sohu.hdl.Types.UInt;

import java.util.List;
import sohu.core.compile.CoreConfig;
import sohu.core.fp.FpFormat;
import sohu.core.isa.Space;
import sohu.core.mem.DmaFormat;
import sohu.core.mem.rtl.DmaConfig;
import sohu.core.mem.rtl.DmaEngine;
import sohu.core.soc.SequencerConfig;
import sohu.core.soc.rtl.CoreSram;
import sohu.core.soc.rtl.ElementSpace;
import sohu.core.soc.rtl.InsnFetch;
import sohu.hdl.Bits;
import sohu.hdl.Bool;
import sohu.hdl.Bundle;
import sohu.hdl.Elaborator;
import sohu.hdl.InstanceHandle;
import sohu.hdl.Mem;
import sohu.hdl.Module;
import sohu.hdl.Stream;
import sohu.hdl.UInt;
import sohu.hdl.Vec;
import sohu.hdl.ir.Circuit;
import sohu.hdl.lib.Axi4;
import sohu.hdl.lib.Streams;

/**
 * A test-only world for {@link CoreSram} and {@link InsnFetch}: a real {@link DmaEngine} whose
 * SRAM port is the router, four simple element memories (one RTL memory per bank; act and wgt
 * always ready, acc and vmem ready when the inputs {@code acc_ready}, {@code vmem_ready} say so),
 * and the fetch unit. The test's descriptors ({@code desc}, tags other than
 * {@value InsnFetch#TAG}) and the fetch unit's share the engine (the fetch unit first); each
 * completion goes back by tag ({@code done} for the test's). {@code peek_addr} reads every bank of
 * every memory ({@code peek_<space>_<bank>}, one cycle later) so the test can check the layout.
 */
public final class SramTestbed extends Module {
    /**
     * The testbed's parameters.
     *
     * @param dma   the engine
     * @param core  the memories' shapes
     * @param fetch the fetch unit
     */
    public record Params(DmaConfig dma, CoreConfig core, InsnFetch.Params fetch) {
        /** The router's parameters. */
        public CoreSram.Params sram() {
            return new CoreSram.Params(dma, core);
        }
    }

    /** A DMA engine of {@code bits} data bits for the router: 4 bursts of up to 64 beats each way, the least SRAM space. */
    public static DmaConfig dma(int bits) {
        return new DmaConfig(bits, 32, 4, 4, 4, 64, 256, CoreSram.MIN_SRAM_BITS);
    }

    /** An {@code n×n} core with 64-word memories (small, so a check reads them all). */
    public static CoreConfig core(int n, FpFormat format) {
        return new CoreConfig(n, n, format, n, 64, 64, 64, 64, 16, 64, 32);
    }

    /** Elaborates the testbed. */
    public static Circuit elaborate(Params p) {
        return Elaborator.elaborate(SramTestbed.class, p);
    }

    /** Builds the testbed. */
    public SramTestbed(Params p) {
        name("SramTestbed_" + p.core().tag() + "_d" + p.dma().dataBits() + "_f" + p.fetch().chunkInsns() + "x" + p.fetch().chunks());
        InstanceHandle<DmaEngine> dma = instance("dma", DmaEngine.class, p.dma());
        InstanceHandle<CoreSram> sram = instance("sram", CoreSram.class, p.sram());
        InstanceHandle<InsnFetch> fetch = instance("ifetch", InsnFetch.class, p.fetch());

        Bundle axi = output("m_axi", Axi4.full(p.dma().idBits(), p.dma().addrBits(), p.dma().dataBits()));
        for (String f : axi.fields().keySet()) {
            Bits pin = dma.pin("m_axi_" + f);
            if (axi.isFlipped(f)) {
                pin.set((Bits) axi.get(f));
            } else {
                ((Bits) axi.get(f)).set(pin);
            }
        }

        // ---- descriptors in (the fetch unit's first), completions back by tag
        Stream<Bundle> fetchDesc = wire("fetch_desc", Stream(DmaFormat.descriptor()));
        fetchDesc.valid().set(fetch.bool("dma_desc_valid"));
        fetch.bool("dma_desc_ready").set(fetchDesc.ready());
        for (String f : fetchDesc.payload().fields().keySet()) {
            ((Bits) fetchDesc.payload().get(f)).set(fetch.pin("dma_desc_payload_" + f));
        }
        Stream<Bundle> desc = Streams.arbiter("desc_arb", List.of(fetchDesc, streamIn("desc", DmaFormat.descriptor())));
        dma.bool("desc_valid").set(desc.valid());
        desc.ready().set(dma.bool("desc_ready"));
        for (String f : desc.payload().fields().keySet()) {
            dma.pin("desc_payload_" + f).set((Bits) desc.payload().get(f));
        }
        Stream<Bundle> doneAll = wire("done_all", Stream(DmaFormat.status()));
        doneAll.valid().set(dma.bool("done_valid"));
        dma.bool("done_ready").set(doneAll.ready());
        doneAll.payload().uint("tag").set(dma.uint("done_payload_tag"));
        doneAll.payload().uint("code").set(dma.uint("done_payload_code"));
        Vec<Stream<Bundle>> back = Streams.demux("done_route", doneAll,
                doneAll.payload().uint("tag").eq(InsnFetch.TAG).asUInt(), 2);
        Stream<Bundle> done = streamOut("done", DmaFormat.status());
        done.valid().set(back.get(0).valid());
        back.get(0).ready().set(done.ready());
        done.payload().set(back.get(0).payload());
        fetch.bool("dma_done_valid").set(back.get(1).valid());
        back.get(1).ready().set(fetch.bool("dma_done_ready"));
        fetch.uint("dma_done_payload_tag").set(back.get(1).payload().uint("tag"));
        fetch.uint("dma_done_payload_code").set(back.get(1).payload().uint("code"));

        // ---- the engine's SRAM port is the router's, by name
        for (String f : List.of("valid", "write", "addr", "wdata", "mask")) {
            sram.pin("sram_req_" + f).set(dma.pin("sram_req_" + f));
        }
        for (String f : List.of("req_ready", "rsp_valid", "rsp_data")) {
            dma.pin("sram_" + f).set(sram.pin("sram_" + f));
        }
        for (String f : List.of("valid", "addr", "data", "mask")) {
            fetch.pin("insn_wr_" + f).set(sram.pin("insn_wr_" + f));
        }
        sram.bool("err_clear").set(input("err_clear", Bool()));
        output("err_partial", Bool()).set(sram.bool("err_partial"));
        output("err_range", Bool()).set(sram.bool("err_range"));

        // ---- the fetch unit
        fetch.bool("start").set(input("fetch_start", Bool()));
        fetch.uint("prog_addr").set(input("fetch_addr", UInt(DmaFormat.ADDR_BITS)));
        fetch.uint("count").set(input("fetch_count", UInt(SequencerConfig.INDEX_BITS)));
        Stream<Bundle> insn = streamOut("insn", Bundle("lo", UInt(64), "hi", UInt(64)));
        insn.valid().set(fetch.bool("insn_valid"));
        fetch.bool("insn_ready").set(insn.ready());
        insn.payload().uint("lo").set(fetch.uint("insn_payload_lo"));
        insn.payload().uint("hi").set(fetch.uint("insn_payload_hi"));
        output("fetch_busy", Bool()).set(fetch.bool("busy"));
        output("fetch_error", UInt(DmaFormat.CODE_BITS)).set(fetch.uint("error"));

        // ---- the element memories
        int peekBits = 1;
        for (ElementSpace s : p.sram().spaces()) {
            peekBits = Math.max(peekBits, s.addrBits());
        }
        UInt peek = input("peek_addr", UInt(peekBits));
        Bool accReady = input("acc_ready", Bool());
        Bool vmemReady = input("vmem_ready", Bool());
        for (ElementSpace s : p.sram().spaces()) {
            String pre = s.prefix();
            Bool rdy = s.space() == Space.ACC ? accReady : s.space() == Space.VMEM ? vmemReady : bool(true);
            sram.bool(pre + "_ready").set(rdy);
            for (int b = 0; b < s.banks(); b++) {
                Mem m = mem(s.space().tag() + "_bank" + b, s.elementBits(), 1 << s.addrBits());
                UInt a = sram.uint(pre + "_addr_" + b);
                Bool we = sram.uint(pre + "_we").bit(b);
                Bool re = sram.uint(pre + "_re").bit(b);
                assertThat(we.and(re).not(), s.space().tag() + " bank " + b + ": write and read in one cycle");
                UInt wd = sram.uint(pre + "_wdata_" + b);
                when(we.and(rdy), () -> m.write(a, wd));
                sram.uint(pre + "_rdata_" + b).set(m.read(a, re.and(rdy)));
                output("peek_" + s.space().tag() + "_" + b, UInt(s.elementBits())).set(m.read(peek.truncate(s.addrBits())));
            }
        }
    }
}
