package sohu.core.mem;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * The host's free list of physical KV blocks, as vLLM keeps one: blocks are handed out from the
 * front and returned to the back, so after a few sequences come and go a sequence's blocks are
 * scattered over the cache in no particular order. The initial order is a seeded shuffle.
 */
public final class KvBlockAllocator {
    private final Deque<Integer> free = new ArrayDeque<>();
    private final boolean[] used;

    /** All {@code blockCount} blocks free, in an order shuffled by {@code seed}. */
    public KvBlockAllocator(int blockCount, long seed) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < blockCount; i++) {
            ids.add(i);
        }
        Collections.shuffle(ids, new Random(seed));
        free.addAll(ids);
        used = new boolean[blockCount];
    }

    /** Free blocks left. */
    public int free() {
        return free.size();
    }

    /** Takes a free block. */
    public int allocate() {
        Integer b = free.pollFirst();
        if (b == null) {
            throw new IllegalStateException("no free KV block left (all " + used.length + " in use)");
        }
        used[b] = true;
        return b;
    }

    /** Returns a block to the free list. */
    public void release(int block) {
        if (!used[block]) {
            throw new IllegalStateException("block " + block + " is not allocated");
        }
        used[block] = false;
        free.addLast(block);
    }
}
