package sohu.verify.mem;

import java.util.SplittableRandom;
import sohu.core.mem.KvCacheConfig;
import sohu.core.mem.KvCommand;
import sohu.core.mem.KvLayout;
import sohu.core.mem.KvStatus;
import sohu.core.mem.rtl.BankedScratchpad;
import sohu.core.mem.rtl.DmaConfig;
import sohu.core.mem.rtl.MemorySystem;
import sohu.verilator.axi.HbmConfig;
import sohu.verilator.axi.HbmModel;
import sohu.verilator.axi.SparseMemory;

/**
 * Bus utilization of KV gathers on the joined {@link MemorySystem}: one sequence of {@code tokens}
 * tokens in 16-token blocks scattered over HBM, its K then its V run of one head gathered into the
 * scratchpad (one descriptor per block), bytes / (cycles x bus bytes) with the cycles counted from
 * the first AXI address to the last read beat, as {@link DmaBench} counts them. The DMA engine is
 * the one of {@code ./sohu bench dma} (8 bursts of up to 256 beats each way). Every run is checked:
 * both completions OK and every gathered byte equal to the HBM byte the block table points at.
 */
public final class KvGatherBench {
    private KvGatherBench() { }

    /**
     * One measurement.
     *
     * @param blockBytes  bytes of one block's run (16 tokens of one head)
     * @param cycles      from the first address to the last response
     * @param bytes       bytes gathered
     * @param utilization bytes / (cycles x bus bytes)
     */
    public record Result(long blockBytes, long cycles, long bytes, double utilization) { }

    /**
     * Gathers K and V of a {@code tokens}-token sequence of heads of {@code headDim} BF16 elements at
     * HBM {@code latency}, the oldest ready response first.
     */
    public static Result run(int headDim, int tokens, int latency) {
        return run(headDim, tokens, latency, HbmConfig.Reorder.OLDEST_READY);
    }

    /** The same with the HBM model reordering responses across IDs as {@code reorder} says. */
    public static Result run(int headDim, int tokens, int latency, HbmConfig.Reorder reorder) {
        int bt = KvLayout.DEFAULT_BLOCK_TOKENS;
        int blocks = tokens / bt;
        KvLayout l = new KvLayout(bt, 1, 1, headDim, 2, 0, 2 * blocks);
        KvCacheConfig kv = new KvCacheConfig(l, 2, blocks, 4);
        int spadBits = 64 - Long.numberOfLeadingZeros(2L * tokens * l.rowBytes() - 1);
        DmaConfig d = new DmaConfig(64, 32, 4, 8, 8, 256, 2048, spadBits);
        MemorySystem.Params p = new MemorySystem.Params(d, kv, new BankedScratchpad.Params(4, 8, 1 << (spadBits - 5), false));
        try (KvHarness h = KvHarness.joined(p, HbmConfig.hbm3(latency).withReorder(reorder), false, 1, 1)) {
            JoinedDma dma = (JoinedDma) h.dma();
            SparseMemory hbm = dma.hbmModel().memory();
            SplittableRandom rnd = new SplittableRandom(latency * 31L + headDim);
            for (long a = 0; a < l.totalBytes(); a++) {
                hbm.write(a, rnd.nextInt(256));
            }
            int[] table = new int[blocks];
            for (int b = 0; b < blocks; b++) {
                table[b] = (2 * blocks - 1 - 3 * b) & (2 * blocks - 1); // scattered, out of order
                h.submit(new KvHarness.TableWrite(0, b, table[b]));
            }
            h.drain(100_000);
            dma.hbmModel().resetStats();
            long run = (long) tokens * l.rowBytes();
            for (int v = 0; v < 2; v++) {
                h.submit(new KvHarness.Command(KvCommand.gather(v, 0, 0, tokens, 0, 0, v == 1, v * run), st -> {
                    if (st.code() != KvStatus.Code.OK) {
                        throw new AssertionError("KV gather completed with " + st);
                    }
                }));
            }
            h.drain(1000L * tokens + 100_000);
            HbmModel.Stats st = dma.hbmModel().stats();
            long cycles = st.lastResponse - st.firstRequest + 1;
            for (int v = 0; v < 2; v++) {
                boolean isV = v == 1;
                h.submit(ScratchpadPort.Access.read(v * run, (int) run, got -> {
                    for (int t = 0; t < tokens; t++) {
                        long at = l.address(table[t / bt], t % bt, 0, 0, isV);
                        for (int i = 0; i < l.rowBytes(); i++) {
                            if ((got[t * l.rowBytes() + i] & 0xFF) != hbm.read(at + i)) {
                                throw new AssertionError("KV gather " + (isV ? "V" : "K") + " token " + t + " byte " + i + " differs from HBM");
                            }
                        }
                    }
                }));
            }
            h.drain(4 * run + 1000);
            long bytes = 2 * run;
            return new Result(bt * (long) l.rowBytes(), cycles, bytes, (double) bytes / (cycles * (double) d.busBytes()));
        }
    }
}
