package sohu.core.mem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The golden model of the KV cache unit: its block tables and the DMA descriptors each command
 * turns into, exactly as {@code sohu.core.mem.rtl.KvCache} emits them.
 *
 * <p>Checks, in order: the sequence ({@link KvStatus.Code#BAD_SEQUENCE}), the layer and a
 * gather's head ({@link KvStatus.Code#BAD_FIELD}), the position or token count
 * ({@link KvStatus.Code#BAD_POSITION}); then the table is walked block by block and the walk
 * stops at the first unmapped entry ({@link KvStatus.Code#UNMAPPED}). An APPEND is one 2-D
 * descriptor (the {@code 2 * kvHeads} rows of K then V, strided by a block's run in HBM); a
 * GATHER is one linear descriptor per block it touches, the run of its tokens in that block.
 */
public final class KvCacheModel {
    private static final long ADDR_MASK = (1L << DmaFormat.ADDR_BITS) - 1;

    private final KvCacheConfig cfg;
    private final int[][] table; // block id, or -1 when unmapped

    /** An empty cache: every entry unmapped, as the RTL's table is once its clear after reset is over. */
    public KvCacheModel(KvCacheConfig cfg) {
        this.cfg = cfg;
        this.table = new int[cfg.sequences()][cfg.blocksPerSequence()];
        for (int[] row : table) {
            Arrays.fill(row, -1);
        }
    }

    /** The configuration. */
    public KvCacheConfig config() {
        return cfg;
    }

    /** Maps entry {@code index} of {@code sequence} to physical block {@code block}. */
    public void map(int sequence, int index, int block) {
        if (block < 0 || block >= cfg.layout().blockCount()) {
            throw new IllegalArgumentException("block " + block + " is beyond the " + cfg.layout().blockCount() + " blocks");
        }
        table[sequence][index] = block;
    }

    /** Unmaps entry {@code index} of {@code sequence}. */
    public void unmap(int sequence, int index) {
        table[sequence][index] = -1;
    }

    /** The block of an entry, or -1 when unmapped. */
    public int block(int sequence, int index) {
        return table[sequence][index];
    }

    /** Unmaps every entry of every sequence. */
    public void unmapAll() {
        for (int[] row : table) {
            Arrays.fill(row, -1);
        }
    }

    /** The HBM address of a token's K or V row of one head in one layer (the entry must be mapped). */
    public long address(int sequence, int position, int layer, int head, boolean v) {
        int block = table[sequence][position / cfg.layout().blockTokens()];
        if (block < 0) {
            throw new IllegalStateException("sequence " + sequence + " position " + position + " is in an unmapped block");
        }
        return cfg.layout().address(block, position, layer, head, v);
    }

    /** What a command turns into: its descriptors (in issue order), the code and the descriptor count. */
    public record Translation(List<DmaDescriptor> descriptors, KvStatus.Code code) {
        /** The completion once the DMA statuses are back, {@code dmaCode} the first non-OK one (or OK). */
        public KvStatus status(int tag, DmaStatus.Code dmaCode) {
            KvStatus.Code c = code == KvStatus.Code.OK && dmaCode != DmaStatus.Code.OK ? KvStatus.Code.DMA_ERROR : code;
            return new KvStatus(tag, c, dmaCode, descriptors.size());
        }
    }

    /** The descriptors of {@code cmd}, tagged {@code dmaTag} (the unit's slot: command number mod in-flight). */
    public Translation translate(KvCommand cmd, int dmaTag) {
        KvLayout l = cfg.layout();
        List<DmaDescriptor> out = new ArrayList<>();
        boolean gather = cmd.op() == KvCommand.Op.GATHER;
        if (cmd.sequence() >= cfg.sequences()) {
            return new Translation(out, KvStatus.Code.BAD_SEQUENCE);
        }
        if (cmd.layer() >= l.layers() || (gather && cmd.head() >= l.kvHeads())) {
            return new Translation(out, KvStatus.Code.BAD_FIELD);
        }
        if (gather ? cmd.count() == 0 || (long) cmd.pos() + cmd.count() > cfg.maxTokens() : cmd.pos() >= cfg.maxTokens()) {
            return new Translation(out, KvStatus.Code.BAD_POSITION);
        }
        int bt = l.blockTokens();
        int row = l.rowBytes();
        if (!gather) {
            int block = table[cmd.sequence()][cmd.pos() / bt];
            if (block < 0) {
                return new Translation(out, KvStatus.Code.UNMAPPED);
            }
            out.add(new DmaDescriptor(dmaTag, DmaDescriptor.Direction.SRAM_TO_HBM, cmd.spad(),
                    l.address(block, cmd.pos(), cmd.layer(), 0, false), 2 * l.kvHeads(), row, row, l.runBytes()));
            return new Translation(out, KvStatus.Code.OK);
        }
        // one run per block: from pos (or the block's start) to the block's end (or the last token)
        int end = cmd.pos() + cmd.count();
        for (int p = cmd.pos(); p < end; ) {
            int block = table[cmd.sequence()][p / bt];
            if (block < 0) {
                return new Translation(out, KvStatus.Code.UNMAPPED);
            }
            int run = Math.min(bt - p % bt, end - p);
            out.add(DmaDescriptor.linear(dmaTag, DmaDescriptor.Direction.HBM_TO_SRAM,
                    l.address(block, p, cmd.layer(), cmd.head(), cmd.v()),
                    (cmd.spad() + (long) (p - cmd.pos()) * row) & ADDR_MASK, run * row));
            p += run;
        }
        return new Translation(out, KvStatus.Code.OK);
    }
}
