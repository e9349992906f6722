package sohu.cli.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * One of {@code count} slices of a grid, {@code --shard i/n} with {@code i} counted from 1: shard
 * {@code i} runs the points at 0-based grid positions {@code i-1, i-1+n, i-1+2n, ...}. So the
 * shards {@code 1/n .. n/n} partition the grid, and a SLURM array {@code --array=1-n} or a CI
 * matrix over {@code 1..n} passes its task number straight through.
 *
 * @param index 1-based shard number, {@code 1..count}
 * @param count number of shards
 */
public record Shard(int index, int count) {
    /** The whole grid. */
    public static final Shard ALL = new Shard(1, 1);

    /** Validates {@code 1 <= index <= count}. */
    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("--shard must be i/n with 1 <= i <= n (i counts from 1), got "
                    + index + "/" + count);
        }
    }

    /** Parses {@code i/n}. */
    public static Shard parse(String s) {
        String[] p = s.strip().split("/", -1);
        try {
            if (p.length == 2) {
                return new Shard(Integer.parseInt(p[0].strip()), Integer.parseInt(p[1].strip()));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("--shard must be i/n with 1 <= i <= n (i counts from 1), got '" + s + "'");
    }

    /** Whether the point at 0-based grid position {@code gridIndex} belongs to this shard. */
    public boolean contains(int gridIndex) {
        return gridIndex % count == index - 1;
    }

    /** The grid positions of this shard's points, ascending. */
    public List<Integer> indices(int gridSize) {
        List<Integer> out = new ArrayList<>();
        for (int i = index - 1; i < gridSize; i += count) {
            out.add(i);
        }
        return out;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
