package sohu.core.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The host's KV-cache bookkeeping: each sequence's cached length and its blocks, from a pool of
 * {@code blocks} (lowest free block first, so layouts are deterministic).
 */
public final class KvState {
    private final int blockTokens;
    private final TreeSet<Integer> free = new TreeSet<>();
    private final Map<Integer, List<Integer>> tables = new HashMap<>();
    private final Map<Integer, Integer> lengths = new HashMap<>();

    /** A pool of {@code blocks} blocks of {@code blockTokens} tokens. */
    public KvState(int blocks, int blockTokens) {
        this.blockTokens = blockTokens;
        for (int i = 0; i < blocks; i++) {
            free.add(i);
        }
    }

    /** Tokens cached for {@code seq} (0 when unknown). */
    public int length(int seq) {
        return lengths.getOrDefault(seq, 0);
    }

    /** Blocks {@code seq} needs beyond the ones it has to hold {@code n} more positions. */
    public int blocksNeeded(int seq, int n) {
        int have = tables.getOrDefault(seq, List.of()).size();
        return Math.max(0, (length(seq) + n + blockTokens - 1) / blockTokens - have);
    }

    /** Free blocks. */
    public int freeBlocks() {
        return free.size();
    }

    /**
     * Makes room for positions {@code start .. start+n-1} of {@code seq} and records them as cached.
     *
     * @throws IllegalArgumentException when {@code start} is not the cached length or the pool is full
     */
    public void append(int seq, int start, int n) {
        int have = length(seq);
        if (start != have) {
            throw new IllegalArgumentException("sequence " + seq + ": chunk starts at position " + start + " but "
                    + have + " positions are cached; a chunk must continue its sequence (start " + have + ")");
        }
        List<Integer> t = tables.computeIfAbsent(seq, s -> new ArrayList<>());
        int needed = (start + n + blockTokens - 1) / blockTokens;
        while (t.size() < needed) {
            if (free.isEmpty()) {
                throw new IllegalArgumentException("KV cache full: sequence " + seq + " needs block " + t.size()
                        + " and all blocks are in use; release finished sequences or configure more kvBlocks");
            }
            t.add(free.pollFirst());
        }
        lengths.put(seq, start + n);
    }

    /** The physical block holding position {@code pos} of {@code seq}. */
    public int block(int seq, int pos) {
        return tables.get(seq).get(pos / blockTokens);
    }

    /** Frees a sequence's blocks. */
    public void release(int seq) {
        List<Integer> t = tables.remove(seq);
        if (t != null) {
            free.addAll(t);
        }
        lengths.remove(seq);
    }
}
