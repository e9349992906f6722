package sohu.core.sched;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sohu.core.mem.KvBlockAllocator;

/**
 * The host's block tables, as vLLM keeps them: a sequence holds enough fixed-size KV blocks for
 * the positions it has computed, taken from the cache's free list ({@link KvBlockAllocator}, in
 * a seeded shuffled order, so tables end up out of order as on a real server while staying
 * deterministic) and given back when the sequence ends or is preempted.
 */
public final class BlockTables {
    private final int blockTokens;
    private final int totalBlocks;
    private final KvBlockAllocator free;
    private final Map<Integer, List<Integer>> tables = new HashMap<>();

    /** A cache of {@code totalBlocks} blocks of {@code blockTokens} positions each. */
    public BlockTables(int totalBlocks, int blockTokens) {
        if (totalBlocks < 1 || blockTokens < 1) {
            throw new IllegalArgumentException("the KV cache needs at least one block of at least one token, got "
                    + totalBlocks + " blocks of " + blockTokens);
        }
        this.blockTokens = blockTokens;
        this.totalBlocks = totalBlocks;
        this.free = new KvBlockAllocator(totalBlocks, 1);
    }

    /** Blocks needed to hold {@code positions} positions. */
    public int blocksFor(int positions) {
        return (positions + blockTokens - 1) / blockTokens;
    }

    /** Positions the sequence can hold without new blocks. */
    public int capacity(int sequenceId) {
        return table(sequenceId).size() * blockTokens;
    }

    /**
     * Grows the sequence's table to hold {@code positions} positions; returns false (and
     * allocates nothing) when the free list is too short.
     */
    public boolean ensure(int sequenceId, int positions) {
        List<Integer> table = tables.computeIfAbsent(sequenceId, k -> new ArrayList<>());
        int missing = blocksFor(positions) - table.size();
        if (missing > free.free()) {
            return false;
        }
        for (int i = 0; i < missing; i++) {
            table.add(free.allocate());
        }
        return true;
    }

    /** Returns all of a sequence's blocks to the free list. */
    public void free(int sequenceId) {
        List<Integer> table = tables.remove(sequenceId);
        if (table != null) {
            table.forEach(free::release);
        }
    }

    /** The sequence's block table: block numbers in position order. */
    public List<Integer> table(int sequenceId) {
        return List.copyOf(tables.getOrDefault(sequenceId, List.of()));
    }

    /** Blocks not on the free list. */
    public int inUse() {
        return totalBlocks - free.free();
    }

    /** Blocks on the free list. */
    public int freeBlocks() {
        return free.free();
    }

    /** Blocks in the cache. */
    public int totalBlocks() {
        return totalBlocks;
    }

    /** Positions per block. */
    public int blockTokens() {
        return blockTokens;
    }
}
