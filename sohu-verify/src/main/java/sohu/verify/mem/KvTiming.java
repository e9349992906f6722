package sohu.verify.mem;

import java.util.ArrayList;
import java.util.List;
import sohu.core.mem.KvCacheConfig;
import sohu.core.mem.KvCommand;
import sohu.core.mem.KvLayout;

/**
 * Cycle counts of the Verilated KV cache unit behind a DMA that never stalls and answers each
 * descriptor one cycle later: the translation cost, isolated from any memory latency. Every
 * descriptor and completion is checked against the model on the way ({@link KvHarness}).
 */
public final class KvTiming {
    private KvTiming() { }

    /**
     * One gather of a sequence's first {@code tokens} tokens.
     *
     * @param tokens          tokens gathered
     * @param descriptors     descriptors it became
     * @param firstDescriptor cycles from the command's acceptance to its first descriptor
     * @param completion      cycles from offering the command to taking its completion
     */
    public record Gather(int tokens, long descriptors, long firstDescriptor, long completion) { }

    /** The gathers, and {@code commands} back-to-back single-block gathers taking {@code cycles}. */
    public record Result(List<Gather> gathers, int commands, long cycles) {
        /** Cycles per back-to-back command. */
        public double cyclesPerCommand() {
            return (double) cycles / commands;
        }
    }

    /**
     * Measures gathers of each of {@code tokens} (at most {@code maxTokens}) on a one-layer, one-head
     * unit with {@code blockTokens}-token blocks of {@code rowBytes}-byte rows, then {@code commands}
     * back-to-back one-block gathers.
     */
    public static Result measure(int blockTokens, int rowBytes, int maxTokens, int[] tokens, int commands) {
        int bps = Integer.highestOneBit(Math.max(2, (maxTokens + blockTokens - 1) / blockTokens) * 2 - 1);
        KvLayout layout = new KvLayout(blockTokens, 1, 1, rowBytes, 1, 0, 2 * bps);
        KvCacheConfig cfg = new KvCacheConfig(layout, 2, bps, 4);
        List<Gather> out = new ArrayList<>();
        try (KvHarness h = new KvHarness(cfg, KvDmaAgent.Memory.none(), KvDmaAgent.Timing.ideal(), 1, 1)) {
            for (int b = 0; b < bps; b++) {
                h.submit(new KvHarness.TableWrite(0, b, (2 * bps - 1 - 3 * b % (2 * bps)))); // scattered blocks
            }
            h.drain(100_000);
            for (int n : tokens) {
                if (n < 1 || n > cfg.maxTokens()) {
                    throw new IllegalArgumentException("token count " + n + " is outside 1.." + cfg.maxTokens());
                }
                long[] done = new long[1];
                long start = h.cycle();
                long before = h.descriptors();
                h.submit(new KvHarness.Command(KvCommand.gather(1, 0, 0, n, 0, 0, false, 0), st -> done[0] = h.cycle()));
                h.drain(100_000 + 4L * n);
                out.add(new Gather(n, h.descriptors() - before, h.firstDescriptorLatency(), done[0] - start));
            }
            long start = h.cycle();
            for (int i = 0; i < commands; i++) {
                h.submit(new KvHarness.Command(KvCommand.gather(i & 0xFF, 0, 0, blockTokens, 0, 0, i % 2 == 1, 0), null));
            }
            h.drain(100_000 + 16L * commands);
            return new Result(out, commands, h.cycle() - start);
        }
    }
}
