package sohu.core.mem.rtl;

import static sohu.hdl.Types.Stream;
import static sohu.hdl.Types.UInt;

import java.util.List;
import sohu.core.mem.DmaFormat;
import sohu.core.mem.KvCacheConfig;
import sohu.core.mem.KvFormat;
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
import sohu.hdl.lib.Axi4;
import sohu.hdl.lib.Streams;

/**
 * The KV cache joined to the real DMA engine: a {@link KvCache} whose descriptors go to a
 * {@link DmaEngine}, whose SRAM port is the {@code dma} side of a {@link BankedScratchpad}.
 *
 * <p>Ports: {@code tbl}, {@code cmd} and {@code status} are the KV cache's (see {@link KvCache});
 * {@code host_desc} (in) and {@code host_done} (out) let the host issue its own DMA descriptors
 * ({@link DmaFormat}); {@code m_axi_*} is the DMA's AXI4 master; {@code compute_*} is the
 * scratchpad's compute port (always ready: the array or a testbench reads gathers and writes the
 * rows to append there). Descriptors of the KV cache and of the host share the engine through a
 * fixed-priority arbiter (the KV cache first); tag bit 7 tells them apart: the KV cache's tags are
 * its slots (below 128), the host's tags are 0..127 (bit 7 is replaced by 1 on the way in and
 * cleared again on {@code host_done}), and each completion goes back to whoever sent it.
 *
 * <p>The engine does not order descriptors in flight against each other in memory; the KV cache
 * does: it holds a GATHER until the earlier APPENDs of its sequence and layer have their DMA
 * statuses, so no host fence is needed between them. The host's own descriptors get no such order.
 */
public final class MemorySystem extends Module {
    private static final int HOST_BIT = DmaFormat.TAG_BITS - 1;

    /**
     * The joined design's parameters.
     *
     * @param dma  the engine; {@code sramBits} must equal the scratchpad's bytes (log2)
     * @param kv   the KV cache; at most 128 commands in flight
     * @param spad the scratchpad; its words as wide as the bus
     */
    public record Params(DmaConfig dma, KvCacheConfig kv, BankedScratchpad.Params spad) {
        /** Checks that the three parts fit together. */
        public Params {
            if (spad.wordBytes() != dma.busBytes()) {
                throw new IllegalArgumentException("scratchpad words must be as wide as the DMA bus: " + spad.wordBytes()
                        + " bytes per word, " + dma.busBytes() + " per bus word; set wordBytes to " + dma.busBytes());
            }
            int spadBits = spad.addrBits() + dma.wordShift();
            if (dma.sramBits() != spadBits) {
                throw new IllegalArgumentException("the DMA's sramBits (" + dma.sramBits() + ") must address the scratchpad's "
                        + (1L << spadBits) + " bytes: set it to " + spadBits);
            }
            if (kv.inFlight() > 128) {
                throw new IllegalArgumentException("at most 128 KV commands in flight (tag bit 7 marks the host's), got " + kv.inFlight());
            }
            long end = kv.layout().hbmBase() + kv.layout().totalBytes();
            if (end > (1L << dma.addrBits())) {
                throw new IllegalArgumentException("the KV cache ends at HBM byte 0x" + Long.toHexString(end) + ", beyond the DMA's "
                        + dma.addrBits() + "-bit addresses; widen addrBits or shrink the cache");
            }
        }

        /** A 64-bit engine with 8 bursts each way over a 4-bank scratchpad of {@code 2^spadBits} bytes. */
        public static Params of(KvCacheConfig kv, int spadBits) {
            DmaConfig d = new DmaConfig(64, 32, 4, 8, 8, 64, 512, spadBits);
            return new Params(d, kv, new BankedScratchpad.Params(4, 8, 1 << (spadBits - 3 - 2), false));
        }
    }

    /** Elaborates the joined design. */
    public static Circuit elaborate(Params p) {
        return Elaborator.elaborate(MemorySystem.class, p);
    }

    /** Builds the joined design. */
    public MemorySystem(Params p) {
        name("MemorySystem_" + p.dma().moduleName().substring("DmaEngine_".length()) + "_sp" + p.spad().banks() + "x"
                + p.spad().depth() + "_" + KvCache.nameOf(p.kv()).substring("KvCache_".length()));
        InstanceHandle<KvCache> kv = instance("kv", KvCache.class, p.kv());
        InstanceHandle<DmaEngine> dma = instance("dma", DmaEngine.class, p.dma());
        InstanceHandle<BankedScratchpad> spad = instance("spad", BankedScratchpad.class, p.spad());

        kv.connect("tbl", streamIn("tbl", KvFormat.tableWrite(p.kv())), true);
        kv.connect("cmd", streamIn("cmd", KvFormat.command()), true);
        kv.connect("status", streamOut("status", KvFormat.status()), false);
        dma.connect("m_axi", output("m_axi", Axi4.full(p.dma().idBits(), p.dma().addrBits(), p.dma().dataBits())), false);
        spad.connect("compute", streamIn("compute", BankedScratchpad.request(p.spad())), true);
        output("compute_rvalid", sohu.hdl.Types.Bool()).set(spad.bool("compute_rvalid"));
        output("compute_rdata", UInt(p.dma().dataBits())).set(spad.uint("compute_rdata"));

        // ---- descriptors: the KV cache's and the host's, told apart by tag bit 7
        Stream<Bundle> kvDesc = wire("kv_desc", Stream(DmaFormat.descriptor()));
        kv.connect("dma_desc", kvDesc, false);
        Stream<Bundle> hostIn = streamIn("host_desc", DmaFormat.descriptor());
        Stream<Bundle> hostDesc = wire("host_desc_tagged", Stream(DmaFormat.descriptor()));
        hostDesc.valid().set(hostIn.valid());
        hostIn.ready().set(hostDesc.ready());
        retag(hostDesc.payload(), hostIn.payload(), 1);
        dma.connect("desc", Streams.arbiter("desc_arb", List.of(kvDesc, hostDesc)), true);

        Stream<Bundle> done = wire("done_all", Stream(DmaFormat.status()));
        dma.connect("done", done, false);
        Vec<Stream<Bundle>> back = Streams.demux("done_route", done, done.payload().uint("tag").bit(HOST_BIT).asUInt(), 2);
        kv.connect("dma_status", back.get(0), true);
        Stream<Bundle> hostDone = streamOut("host_done", DmaFormat.status());
        hostDone.valid().set(back.get(1).valid());
        back.get(1).ready().set(hostDone.ready());
        retag(hostDone.payload(), back.get(1).payload(), 0);

        // ---- the DMA's SRAM port is the scratchpad's dma port (one-cycle reads, in order)
        int aw = p.spad().addrBits();
        spad.bool("dma_valid").set(dma.bool("sram_req_valid"));
        dma.bool("sram_req_ready").set(spad.bool("dma_ready"));
        spad.uint("dma_payload_addr").set(dma.uint("sram_req_addr").truncate(aw));
        spad.bool("dma_payload_we").set(dma.bool("sram_req_write"));
        spad.uint("dma_payload_wdata").set(dma.uint("sram_req_wdata"));
        spad.uint("dma_payload_mask").set(dma.uint("sram_req_mask"));
        dma.bool("sram_rsp_valid").set(spad.bool("dma_rvalid"));
        dma.uint("sram_rsp_data").set(spad.uint("dma_rdata"));
        for (String s : List.of("dma_stalls", "dma_requests", "compute_requests", "compute_stalls")) {
            output("stat_" + s, UInt(32)).set(spad.uint("stat_" + s));
        }
    }

    /** Drives {@code to} from {@code from} with tag bit 7 replaced by {@code hostBit}. */
    private void retag(Bundle to, Bundle from, int hostBit) {
        for (String f : from.fields().keySet()) {
            if (!f.equals("tag")) {
                to.get(f).set(from.get(f));
            }
        }
        to.get("tag").set(uint(hostBit, 1).cat(from.uint("tag").truncate(HOST_BIT)));
    }
}
