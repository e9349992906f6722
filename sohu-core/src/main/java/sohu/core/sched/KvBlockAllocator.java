package sohu.core.sched;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's free list of KV-cache blocks, as vLLM keeps it: a sequence holds enough fixed-size
 * blocks for the positions it has computed; freed blocks go back to the free list and are
 * handed out again in last-freed-first order, so block tables end up out of order (as on a real
 * server) while staying deterministic.
 */
public final class KvBlockAllocator {
    private final int blockTokens;
    private final int totalBlocks;
    private final Deque<Integer> free = new ArrayDeque<>();
    private final Map<Integer, List<Integer>> tables = new HashMap<>();

    /** A cache of {@code totalBlocks} blocks of {@code blockTokens} positions each. */
    public KvBlockAllocator(int totalBlocks, int blockTokens) {
        if (totalBlocks < 1 || blockTokens < 1) {
            throw new IllegalArgumentException("the KV cache needs at least one block of at least one token, got "
                    + totalBlocks + " blocks of " + blockTokens);
        }
        this.blockTokens = blockTokens;
        this.totalBlocks = totalBlocks;
        for (int b = 0; b < totalBlocks; b++) {
            free.addLast(b);
        }
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
        if (missing > free.size()) {
            return false;
        }
        for (int i = 0; i < missing; i++) {
            table.add(free.removeFirst());
        }
        return true;
    }

    /** Returns all of a sequence's blocks to the free list. */
    public void free(int sequenceId) {
        List<Integer> table = tables.remove(sequenceId);
        if (table != null) {
            for (int i = table.size() - 1; i >= 0; i--) {
                free.addFirst(table.get(i));
            }
        }
    }

    /** The sequence's block table: block numbers in position order. */
    public List<Integer> table(int sequenceId) {
        return List.copyOf(tables.getOrDefault(sequenceId, List.of()));
    }

    /** Blocks not on the free list. */
    public int inUse() {
        return totalBlocks - free.size();
    }

    /** Blocks on the free list. */
    public int freeBlocks() {
        return free.size();
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
