package sohu.core.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The KV cache's layout, its translation of commands into descriptors, and the host's free list. */
class KvCacheModelTest {
    private static final KvLayout SMALL = new KvLayout(4, 3, 2, 5, 2, 1000, 9);

    @Test
    void rowsTileTheCacheExactlyOnceEach() {
        List<Long> all = new ArrayList<>();
        for (int layer = 0; layer < SMALL.layers(); layer++) {
            for (int block = 0; block < SMALL.blockCount(); block++) {
                for (int head = 0; head < SMALL.kvHeads(); head++) {
                    for (int t = 0; t < SMALL.blockTokens(); t++) {
                        all.add(SMALL.address(block, t, layer, head, false));
                        all.add(SMALL.address(block, t, layer, head, true));
                    }
                }
            }
        }
        all.sort(null);
        for (int i = 0; i < all.size(); i++) {
            assertEquals(SMALL.hbmBase() + (long) i * SMALL.rowBytes(), all.get(i), "row " + i);
        }
        assertEquals(SMALL.totalBytes(), (long) all.size() * SMALL.rowBytes());
    }

    @Test
    void blockBytesFollowVllmsFormulaAndLlama70bRunsAreFourKib() {
        // vLLM: block bytes = 2 * block_size * n_kv_heads * head_size * dtype_bytes (per layer)
        KvLayout llama = KvLayout.of(80, 8, 128, 2, 1024);
        assertEquals(2L * 16 * 8 * 128 * 2, llama.blockBytes());
        assertEquals(4096, llama.runBytes());
        assertEquals(16, llama.blockTokens());
    }

    @Test
    void aBlocksRunForOneHeadIsContiguous() {
        for (int t = 1; t < SMALL.blockTokens(); t++) {
            assertEquals(SMALL.address(3, t - 1, 1, 1, true) + SMALL.rowBytes(), SMALL.address(3, t, 1, 1, true));
        }
    }

    private static KvCacheModel randomModel(KvCacheConfig cfg, Random rnd) {
        KvCacheModel m = new KvCacheModel(cfg);
        KvBlockAllocator a = new KvBlockAllocator(cfg.layout().blockCount(), rnd.nextLong());
        for (int s = 0; s < cfg.sequences(); s++) {
            for (int i = 0; i < cfg.blocksPerSequence() && a.free() > 0; i++) {
                m.map(s, i, a.allocate());
            }
        }
        return m;
    }

    @Test
    void gatherDescriptorsMoveExactlyTheTokenRows() {
        KvCacheConfig cfg = new KvCacheConfig(SMALL, 2, 4, 4);
        Random rnd = new Random(5);
        KvCacheModel m = randomModel(cfg, rnd);
        for (int first = 0; first < cfg.maxTokens(); first++) {
            for (int tokens = 1; first + tokens <= cfg.maxTokens(); tokens++) {
                int seq = tokens % 2;
                int head = tokens % SMALL.kvHeads();
                boolean v = (first + tokens) % 3 == 0;
                KvCacheModel.Translation t = m.translate(KvCommand.gather(9, seq, first, tokens, 2, head, v, 64), 3);
                assertEquals(KvStatus.Code.OK, t.code());
                assertEquals((first + tokens - 1) / 4 - first / 4 + 1, t.descriptors().size(), "blocks touched");
                Set<String> moved = new HashSet<>();
                for (DmaDescriptor d : t.descriptors()) {
                    assertEquals(3, d.tag());
                    assertEquals(DmaDescriptor.Direction.HBM_TO_SRAM, d.direction());
                    for (int r = 0; r < d.rows(); r++) {
                        for (int i = 0; i < d.bytesPerRow(); i++) {
                            assertTrue(moved.add((d.src() + r * d.srcStride() + i) + ">" + (d.dst() + r * d.dstStride() + i)));
                        }
                    }
                }
                Set<String> want = new HashSet<>();
                for (int p = first; p < first + tokens; p++) {
                    for (int i = 0; i < SMALL.rowBytes(); i++) {
                        want.add((m.address(seq, p, 2, head, v) + i) + ">" + (64 + (long) (p - first) * SMALL.rowBytes() + i));
                    }
                }
                assertEquals(want, moved, tokens + " tokens from " + first);
            }
        }
    }

    @Test
    void appendIsOneDescriptorOfKThenVRowsOfEveryHead() {
        KvCacheConfig cfg = new KvCacheConfig(SMALL, 2, 4, 4);
        KvCacheModel m = randomModel(cfg, new Random(6));
        KvCacheModel.Translation t = m.translate(KvCommand.append(1, 1, 6, 2, 500), 0);
        assertEquals(1, t.descriptors().size());
        DmaDescriptor d = t.descriptors().get(0);
        assertEquals(DmaDescriptor.Direction.SRAM_TO_HBM, d.direction());
        assertEquals(2 * SMALL.kvHeads(), d.rows());
        for (int r = 0; r < d.rows(); r++) {
            assertEquals(500 + (long) r * SMALL.rowBytes(), d.src() + r * d.srcStride());
            assertEquals(m.address(1, 6, 2, r % SMALL.kvHeads(), r >= SMALL.kvHeads()), d.dst() + r * d.dstStride());
        }
    }

    @Test
    void badCommandsGetTheirCodesAndAnUnmappedBlockStopsTheWalk() {
        KvCacheConfig cfg = new KvCacheConfig(SMALL, 2, 4, 4);
        KvCacheModel m = new KvCacheModel(cfg);
        m.map(0, 0, 5);
        m.map(0, 1, 2);
        assertEquals(KvStatus.Code.BAD_SEQUENCE, m.translate(KvCommand.gather(0, 2, 0, 1, 0, 0, false, 0), 0).code());
        assertEquals(KvStatus.Code.BAD_FIELD, m.translate(KvCommand.gather(0, 0, 0, 1, 3, 0, false, 0), 0).code());
        assertEquals(KvStatus.Code.BAD_FIELD, m.translate(KvCommand.gather(0, 0, 0, 1, 0, 2, false, 0), 0).code());
        assertEquals(KvStatus.Code.BAD_POSITION, m.translate(KvCommand.gather(0, 0, 0, 0, 0, 0, false, 0), 0).code());
        assertEquals(KvStatus.Code.BAD_POSITION, m.translate(KvCommand.gather(0, 0, 0, 17, 0, 0, false, 0), 0).code());
        assertEquals(KvStatus.Code.BAD_POSITION, m.translate(KvCommand.gather(0, 0, 15, 2, 0, 0, false, 0), 0).code());
        assertEquals(KvStatus.Code.UNMAPPED, m.translate(KvCommand.gather(0, 0, 15, 1, 0, 0, false, 0), 0).code());
        assertEquals(KvStatus.Code.BAD_POSITION, m.translate(KvCommand.append(0, 0, 16, 0, 0), 0).code());
        assertEquals(KvStatus.Code.UNMAPPED, m.translate(KvCommand.append(0, 0, 8, 0, 0), 0).code());
        KvCacheModel.Translation stopped = m.translate(KvCommand.gather(0, 0, 0, 16, 0, 0, false, 0), 0);
        assertEquals(KvStatus.Code.UNMAPPED, stopped.code());
        assertEquals(2, stopped.descriptors().size());
        assertEquals(KvStatus.Code.UNMAPPED, stopped.status(0, DmaStatus.Code.READ_SLVERR).code());
        KvCacheModel.Translation ok = m.translate(KvCommand.gather(7, 0, 0, 8, 0, 0, false, 0), 0);
        assertEquals(new KvStatus(7, KvStatus.Code.DMA_ERROR, DmaStatus.Code.READ_DECERR, 2), ok.status(7, DmaStatus.Code.READ_DECERR));
        assertEquals(new KvStatus(7, KvStatus.Code.OK, DmaStatus.Code.OK, 2), ok.status(7, DmaStatus.Code.OK));
    }

    @Test
    void badLayoutsAreRefusedWithTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new KvLayout(12, 1, 1, 1, 2, 0, 1))
                .getMessage().contains("block tokens must be a power of two"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KvLayout.of(1, 1, 1, 3, 1))
                .getMessage().contains("bytes per element"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new KvLayout(16, 80, 8, 128, 2, (1L << 48) - 4096, 1 << 20))
                .getMessage().contains("address space"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new KvCacheConfig(SMALL, 3, 4, 4))
                .getMessage().contains("sequences must be a power of two"));
    }

    @Test
    void theFreeListHandsOutEveryBlockOnceInShuffledOrder() {
        KvBlockAllocator a = new KvBlockAllocator(64, 3);
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            got.add(a.allocate());
        }
        assertEquals(64, new HashSet<>(got).size());
        List<Integer> sorted = new ArrayList<>(got);
        sorted.sort(null);
        assertNotEquals(sorted, got);
        assertThrows(IllegalStateException.class, a::allocate);
        a.release(got.get(10));
        assertEquals(got.get(10), a.allocate());
        a.release(got.get(3));
        assertThrows(IllegalStateException.class, () -> a.release(got.get(3)));
    }
}
