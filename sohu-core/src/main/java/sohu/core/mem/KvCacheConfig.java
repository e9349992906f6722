package sohu.core.mem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The paged KV cache unit: its HBM layout and its on-chip block table of {@code sequences} rows
 * of {@code blocksPerSequence} entries (so a sequence holds at most
 * {@code blocksPerSequence * blockTokens} tokens), and how many commands it keeps in flight.
 *
 * @param layout            the cache in HBM
 * @param sequences         block-table rows, a power of two 2..4096
 * @param blocksPerSequence entries per row, a power of two 2..4096
 * @param inFlight          commands whose DMA transfers may be outstanding at once, a power of two 2..16;
 *                          it is also the number of DMA tags the unit uses (tags 0..inFlight-1)
 */
public record KvCacheConfig(KvLayout layout, int sequences, int blocksPerSequence, int inFlight) {

    /** Checks the table's shape. */
    public KvCacheConfig {
        pow2("sequences", sequences, 4096);  // at least 2: every address field keeps one bit
        pow2("blocks per sequence", blocksPerSequence, 4096);
        pow2("commands in flight", inFlight, 16);
    }

    private static void pow2(String what, int v, int max) {
        if (v < 2 || v > max || Integer.bitCount(v) != 1) {
            throw new IllegalArgumentException(what + " must be a power of two 2.." + max + ", got " + v);
        }
    }

    /** Tokens one sequence can hold. */
    public int maxTokens() {
        return blocksPerSequence * layout.blockTokens();
    }

    /** Bits of a block id in the table (block ids 0..blockCount-1). */
    public int blockBits() {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(layout.blockCount() - 1));
    }

    /** Bits of a sequence number. */
    public int seqBits() {
        return Math.max(1, Integer.numberOfTrailingZeros(sequences));
    }

    /** Bits of a block-table entry index within a sequence. */
    public int indexBits() {
        return Math.max(1, Integer.numberOfTrailingZeros(blocksPerSequence));
    }

    /** The block table's size in bits (entries of a valid bit and a block id). */
    public long tableBits() {
        return (long) sequences * blocksPerSequence * (blockBits() + 1);
    }

    /** The manifest's description of the unit, its command and its completion. */
    public Map<String, Object> manifestAttributes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "kv-cache");
        m.put("block_tokens", layout.blockTokens());
        m.put("layers", layout.layers());
        m.put("kv_heads", layout.kvHeads());
        m.put("head_dim", layout.headDim());
        m.put("bytes_per_element", layout.bytesPerElement());
        m.put("hbm_base", layout.hbmBase());
        m.put("block_count", layout.blockCount());
        m.put("sequences", sequences);
        m.put("blocks_per_sequence", blocksPerSequence);
        m.put("commands_in_flight", inFlight);
        m.put("address", "hbm_base + layer*" + layout.layerBytes() + " + block*" + layout.blockBytes()
                + " + ((kv*" + layout.kvHeads() + " + head)*" + layout.blockTokens() + " + pos%" + layout.blockTokens()
                + ")*" + layout.rowBytes());
        m.putAll(KvFormat.manifest(this));
        return m;
    }
}
