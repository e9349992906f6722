package sohu.verify.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.core.mem.KvCacheConfig;
import sohu.core.mem.KvLayout;

/**
 * The Verilated KV cache unit serving growing sequences: every descriptor equals the Java model's
 * bit for bit, every completion its status, and every gather brings back the bytes that were
 * appended (moved by {@link KvDmaAgent} in Java arrays standing in for HBM and the scratchpad).
 */
class KvCacheSimTest {
    static final boolean LONG = Boolean.getBoolean("sohu.long");

    /** 16-token blocks, 3 layers of 2 KV heads of 8 BF16 elements; a stalling, reordering DMA. */
    @Test
    void growingSequencesMatchTheModelAndGatherTheirBytes() {
        KvCacheConfig cfg = new KvCacheConfig(new KvLayout(16, 3, 2, 8, 2, 0, 48), 4, 8, 4);
        run(cfg, new KvDmaAgent.Timing(0.6, 1, 40, 0), 0.7, LONG ? 1500 : 250, 11);
    }

    /** 4-token blocks at a non-zero HBM base, FP8 rows, two commands in flight, DMA errors injected. */
    @Test
    void smallBlocksAndDmaErrorsMatchTheModel() {
        KvCacheConfig cfg = new KvCacheConfig(new KvLayout(4, 2, 1, 4, 1, 4096, 40), 8, 16, 2);
        run(cfg, new KvDmaAgent.Timing(0.25, 3, 60, 0.05), 0.25, LONG ? 1500 : 250, 12);
    }

    private static void run(KvCacheConfig cfg, KvDmaAgent.Timing timing, double statusReady, int steps, long seed) {
        byte[] spad = new byte[KvWorkload.spadBytes(cfg)];
        byte[] hbm = new byte[(int) (cfg.layout().hbmBase() + cfg.layout().totalBytes())];
        try (KvHarness h = new KvHarness(cfg, new KvDmaAgent.Memory(hbm, spad), timing, statusReady, seed)) {
            KvWorkload w = new KvWorkload(cfg, h, KvWorkload.Scratch.of(spad), new Random(seed));
            for (int i = 0; i < steps; i++) {
                w.step();
                h.drain(2_000_000);
            }
            assertTrue(w.gathersChecked > steps / 2, "gathers checked: " + w.gathersChecked);
            assertTrue(w.badCommands > steps / 8, "bad commands: " + w.badCommands);
            assertTrue(h.descriptors() > steps, "descriptors: " + h.descriptors());
            System.out.printf("kv %s: %d cycles, %d descriptors and %d completions equal to the model, %d gathers "
                    + "(%d bytes) equal to the appended rows, %d bad commands%n", cfg.layout(), h.cycle(), h.descriptors(),
                    h.completions(), w.gathersChecked, w.bytesChecked, w.badCommands);
        }
    }

    /**
     * With a DMA that never stalls: a command's first descriptor leaves 3 cycles after the command
     * is accepted, then one per cycle; a gather of n tokens is ceil(n / blockTokens) descriptors;
     * back-to-back one-block gathers take 4 cycles each ({@code ./sohu bench kv} prints these).
     */
    @Test
    void translationTakesThreeCyclesThenOneDescriptorPerCycle() {
        int[] tokens = {1, 16, 17, 256, 2048};
        KvTiming.Result r = KvTiming.measure(16, 256, 2048, tokens, 64);
        for (int i = 0; i < tokens.length; i++) {
            KvTiming.Gather g = r.gathers().get(i);
            assertEquals((tokens[i] + 15) / 16, g.descriptors(), "descriptors of a " + tokens[i] + "-token gather");
            assertEquals(3, g.firstDescriptor(), "cycles from accept to the first descriptor");
            // offered, accepted, checked, table read, then one descriptor per cycle, the last status a cycle later
            assertEquals(4 + g.descriptors(), g.completion(), "cycles to the completion of " + tokens[i] + " tokens");
        }
        assertEquals(64 * 4, r.cycles(), 2, "64 back-to-back one-block gathers");
    }
}
