package sohu.verify.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.core.mem.KvCacheConfig;
import sohu.core.mem.KvLayout;
import sohu.core.mem.rtl.MemorySystem;
import sohu.verilator.axi.HbmConfig;

/**
 * The KV cache joined to the real DMA engine and a banked scratchpad ({@link MemorySystem}), in
 * Verilator against the HBM model under the AXI protocol monitor: sequences grow by random prefill
 * chunks and decode tokens on blocks taken out of order from a free list; the rows to append are
 * written into the scratchpad through its compute port, and every gather read back from there
 * equals the appended bytes, bit for bit; every completion equals the Java model's. Meanwhile the
 * host's own copies share the engine (tags routed back by bit 7), each checked.
 */
class MemorySystemSimTest {
    static final boolean LONG = Boolean.getBoolean("sohu.long");

    /** 16-token blocks, 2 layers of 2 KV heads of 8 BF16 elements, 32 blocks; HBM latency 100 with stalls. */
    @Test
    void appendsThenGathersThroughTheRealDmaBringBackTheAppendedBytes() {
        KvCacheConfig kv = new KvCacheConfig(new KvLayout(16, 2, 2, 8, 2, 0, 32), 4, 4, 4);
        MemorySystem.Params p = MemorySystem.Params.of(kv, 19);
        assertEquals(1 << 19, KvWorkload.spadBytes(kv));
        HbmConfig hbm = HbmConfig.hbm3(100).withJitter(50).withStalls(HbmConfig.Stalls.all(0.25)).withSeed(5);
        int steps = LONG ? 600 : 20;
        try (KvHarness h = KvHarness.joined(p, hbm, true, 0.7, 21)) {
            KvWorkload w = new KvWorkload(kv, h, KvWorkload.Scratch.rtl(h), new Random(21));
            for (int i = 0; i < steps; i++) {
                w.step();
                h.drain(2_000_000);
            }
            JoinedDma dma = (JoinedDma) h.dma();
            assertTrue(w.gathersChecked > steps / 2, "gathers checked: " + w.gathersChecked);
            assertTrue(dma.hbmModel().stats().readBursts > 0 && dma.hbmModel().stats().writeBursts > 0, "bursts on both channels");
            assertTrue(dma.monitor().handshakes() > 0, "the monitor saw the traffic");
            assertTrue(dma.hostChecked() > 50, "host copies checked: " + dma.hostChecked());
            System.out.printf("memory system: %d cycles, %d completions equal to the model, %d gathers (%d bytes) equal to "
                    + "the appended rows, %d host copies, %d read and %d write bursts, %d bad commands%n", h.cycle(), h.completions(),
                    w.gathersChecked, w.bytesChecked, dma.hostChecked(), dma.hbmModel().stats().readBursts, dma.hbmModel().stats().writeBursts,
                    w.badCommands);
        }
    }

    /**
     * APPEND then GATHER of the same rows back to back, no host fence, in a world where writes land
     * late (short read latency, the W channel stalled 9 cycles in 10): the gather brings back the
     * appended bytes only because the unit holds it until the append's DMA status is back.
     */
    @Test
    void aGatherRightAfterAnAppendOfItsRowsSeesThemWithoutAFence() {
        KvCacheConfig kv = new KvCacheConfig(new KvLayout(16, 2, 2, 8, 2, 0, 32), 4, 4, 4);
        HbmConfig hbm = HbmConfig.hbm3(4).withStalls(new HbmConfig.Stalls(0.5, 0.9, 0.5, 0, 0)).withSeed(9);
        int steps = 60;
        try (KvHarness h = KvHarness.joined(MemorySystem.Params.of(kv, 19), hbm, false, 1, 23)) {
            KvWorkload w = new KvWorkload(kv, h, KvWorkload.Scratch.rtl(h), new Random(23));
            Random pick = new Random(24);
            for (int i = 0; i < steps; i++) {
                w.appendThenGather(pick.nextInt(kv.sequences()));
                h.drain(200_000);
            }
            assertEquals(steps, w.gathersChecked, "gathers checked");
            System.out.printf("append then gather: %d gathers (%d bytes) equal to the rows appended just before, %d cycles%n",
                    w.gathersChecked, w.bytesChecked, h.cycle());
        }
    }

    /** The KV-gather benchmark's run, small: both gathers checked byte for byte, the bus busy part of the time. */
    @Test
    void theGatherBenchmarkMovesAndChecksEveryByte() {
        KvGatherBench.Result r = KvGatherBench.run(64, 64, 100);
        assertEquals(2 * 64 * 128, r.bytes());
        assertEquals(16 * 128, r.blockBytes());
        assertTrue(r.utilization() > 0.05 && r.utilization() <= 1, "utilization " + r.utilization());
        System.out.printf("kv gather bench, 64 tokens of 128-byte rows at latency 100: %d cycles, %.1f%%%n", r.cycles(),
                100 * r.utilization());
    }
}
