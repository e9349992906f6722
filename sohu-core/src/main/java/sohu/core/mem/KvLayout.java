package sohu.core.mem;

/**
 * Where the paged KV cache lives in HBM, in the style of vLLM's PagedAttention: the cache is cut
 * into {@code blockCount} physical blocks of {@code blockTokens} tokens; every layer has its own
 * region of {@code blockCount} blocks (as vLLM keeps one cache tensor per layer), and a block
 * holds, for each of K and V and each KV head, the rows of its tokens back to back:
 *
 * <pre>
 *   address = hbmBase + layer * layerBytes + block * blockBytes
 *           + ((kv * kvHeads + head) * blockTokens + token % blockTokens) * rowBytes
 *   rowBytes = headDim * bytesPerElement, blockBytes = 2 * kvHeads * blockTokens * rowBytes
 * </pre>
 *
 * So one (layer, KV head, K or V) of one block is a single contiguous run of
 * {@code blockTokens * rowBytes} bytes (4 KiB for Llama-3-70B in BF16: one AXI burst's worth),
 * and the K and V rows of one new token (all heads) are {@code 2 * kvHeads} rows with one stride.
 *
 * @param blockTokens     tokens per block, a power of two 2..1024 (vLLM's default: 16)
 * @param layers          transformer layers
 * @param kvHeads         KV heads per layer
 * @param headDim         elements per head row
 * @param bytesPerElement bytes per element (2 for BF16, 1 for FP8)
 * @param hbmBase         HBM byte address of the cache
 * @param blockCount      physical blocks per layer
 */
public record KvLayout(int blockTokens, int layers, int kvHeads, int headDim, int bytesPerElement,
                       long hbmBase, int blockCount) {

    /** vLLM's default block size. */
    public static final int DEFAULT_BLOCK_TOKENS = 16;

    /** Checks every field; messages name the field and say how to fix it. */
    public KvLayout {
        if (blockTokens < 2 || Integer.bitCount(blockTokens) != 1 || blockTokens > 1024) {
            throw new IllegalArgumentException("block tokens must be a power of two 2..1024, got " + blockTokens);
        }
        positive("layers", layers, 1 << 12);
        positive("KV heads", kvHeads, 1 << 10);
        positive("head dim", headDim, 1 << 14);
        if (bytesPerElement != 1 && bytesPerElement != 2 && bytesPerElement != 4) {
            throw new IllegalArgumentException("bytes per element must be 1, 2 or 4, got " + bytesPerElement);
        }
        positive("block count", blockCount, 1 << 24);
        if (hbmBase < 0) {
            throw new IllegalArgumentException("HBM base must not be negative, got " + hbmBase);
        }
        long end = hbmBase + (long) layers * blockCount * 2L * kvHeads * blockTokens * headDim * bytesPerElement;
        if (end > (1L << DmaFormat.ADDR_BITS) || end < 0) {
            throw new IllegalArgumentException("the cache (" + (end - hbmBase) + " bytes from " + hbmBase
                    + ") does not fit in the " + DmaFormat.ADDR_BITS + "-bit address space; use fewer blocks or layers");
        }
        if ((long) blockTokens * headDim * bytesPerElement >= (1L << DmaFormat.ROW_BYTES_BITS)) {
            throw new IllegalArgumentException("a block's run of " + (long) blockTokens * headDim * bytesPerElement
                    + " bytes does not fit the descriptor's " + DmaFormat.ROW_BYTES_BITS + "-bit row length");
        }
    }

    private static void positive(String what, int v, int max) {
        if (v < 1 || v > max) {
            throw new IllegalArgumentException(what + " must be 1.." + max + ", got " + v);
        }
    }

    /** A layout with 16-token blocks at HBM address 0. */
    public static KvLayout of(int layers, int kvHeads, int headDim, int bytesPerElement, int blockCount) {
        return new KvLayout(DEFAULT_BLOCK_TOKENS, layers, kvHeads, headDim, bytesPerElement, 0, blockCount);
    }

    /** Bytes of one token's row of one head (K or V). */
    public int rowBytes() {
        return headDim * bytesPerElement;
    }

    /** Bytes of one block's run for one (head, K or V): {@code blockTokens} rows. */
    public long runBytes() {
        return (long) blockTokens * rowBytes();
    }

    /** Bytes of one block in one layer (K and V of every head). */
    public long blockBytes() {
        return 2L * kvHeads * runBytes();
    }

    /** Bytes of one layer's region. */
    public long layerBytes() {
        return blockCount * blockBytes();
    }

    /** Bytes of the whole cache. */
    public long totalBytes() {
        return layers * layerBytes();
    }

    /** The HBM byte address of a token's row in a physical block (token counted within the block or not: taken modulo). */
    public long address(int block, int token, int layer, int head, boolean v) {
        if (block < 0 || block >= blockCount || layer < 0 || layer >= layers || head < 0 || head >= kvHeads || token < 0) {
            throw new IllegalArgumentException("no row (block " + block + ", token " + token + ", layer " + layer
                    + ", head " + head + ") in " + this);
        }
        int kv = v ? 1 : 0;
        return hbmBase + layer * layerBytes() + block * blockBytes()
                + (((long) kv * kvHeads + head) * blockTokens + (token & (blockTokens - 1))) * rowBytes();
    }
}
