package sohu.verify.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.core.mem.KvCacheConfig;
import sohu.core.mem.KvCommand;
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
            KvWorkload w = new KvWorkload(cfg, h, spad, new Random(seed));
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
     * is accepted, then one per cycle; a gather of n tokens is ceil(n / blockTokens) descriptors.
     * Prints the figures the README quotes.
     */
    @Test
    void translationTakesThreeCyclesThenOneDescriptorPerCycle() {
        KvCacheConfig cfg = new KvCacheConfig(new KvLayout(16, 1, 1, 128, 2, 0, 256), 2, 128, 4);
        try (KvHarness h = new KvHarness(cfg, KvDmaAgent.Memory.none(), KvDmaAgent.Timing.ideal(), 1, 1)) {
            for (int b = 0; b < 128; b++) {
                h.submit(new KvHarness.TableWrite(0, b, (b * 37) % 256));
            }
            h.drain(10_000);
            for (int tokens : new int[] {1, 16, 17, 256, 2048}) {
                long[] done = new long[1];
                long start = h.cycle();
                long before = h.descriptors();
                h.submit(new KvHarness.Command(KvCommand.gather(1, 0, tokens, 0, 0, false, 0), st -> done[0] = h.cycle()));
                h.drain(10_000);
                long descriptors = h.descriptors() - before;
                assertEquals((tokens + 15) / 16, descriptors, "descriptors of a " + tokens + "-token gather");
                assertEquals(3, h.firstDescriptorLatency(), "cycles from accept to the first descriptor");
                System.out.printf("kv gather %5d tokens: %3d descriptors, first after %d cycles, completion after %d cycles%n",
                        tokens, descriptors, h.firstDescriptorLatency(), done[0] - start);
            }
            // back to back: 64 single-block gathers (the decode case)
            long start = h.cycle();
            for (int i = 0; i < 64; i++) {
                h.submit(new KvHarness.Command(KvCommand.gather(i, 0, 16, 0, 0, i % 2 == 1, 0), null));
            }
            h.drain(10_000);
            long cycles = h.cycle() - start;
            System.out.printf("kv 64 back-to-back 16-token gathers: %d cycles, %.2f cycles per command%n", cycles, cycles / 64.0);
            assertTrue(cycles < 64 * 8, "back-to-back gathers took " + cycles + " cycles");
        }
    }
}
