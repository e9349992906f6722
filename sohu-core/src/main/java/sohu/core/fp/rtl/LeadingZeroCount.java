package sohu.core.fp.rtl;

import static sohu.hdl.Types.UInt;

import java.util.ArrayList;
import java.util.List;
import sohu.hdl.Bool;
import sohu.hdl.Hw;
import sohu.hdl.Module;
import sohu.hdl.Types;
import sohu.hdl.UInt;

/**
 * Counts the leading zeros of {@code value} (its width when it is zero) with a priority tree:
 * pairs of bits give a zero flag and a one-bit count, and each level merges two neighbours, so
 * the depth is log2 of the width. The input is padded at the bottom with ones up to a power of
 * two, which cannot change the count of a nonzero value and stops a zero one at the true width.
 * Ports: {@code value} (width), {@code count} (bits for 0..width).
 */
public final class LeadingZeroCount extends Module {
    /** Input width (at least 2). */
    public record Params(int width) { }

    /** Width of the count for an input of {@code width} bits. */
    public static int countWidth(int width) {
        return Types.bitsFor(width + 1L);
    }

    /** A tree node: whether its bits are all zero, and its count when they are not. */
    private record Node(Bool zero, UInt count) { }

    /** Builds the counter. */
    public LeadingZeroCount(Params p) {
        if (p.width() < 2) {
            throw new IllegalArgumentException("LeadingZeroCount needs width >= 2, got " + p.width());
        }
        name("LeadingZeroCount_w" + p.width());
        UInt value = input("value", UInt(p.width()));
        UInt count = output("count", UInt(countWidth(p.width())));

        int padded = Integer.highestOneBit(p.width() - 1) << 1;
        UInt bits = padded == p.width() ? value : Hw.cat(value, uint((1L << (padded - p.width())) - 1, padded - p.width()));
        List<Node> level = new ArrayList<>();
        for (int i = padded - 2; i >= 0; i -= 2) {
            Bool hi = bits.bit(i + 1);
            Bool lo = bits.bit(i);
            level.add(new Node(wireOf("z1_" + level.size(), hi.or(lo).not()), wireOf("c1_" + level.size(), hi.not())));
        }
        for (int depth = 2; level.size() > 1; depth++) {
            List<Node> next = new ArrayList<>();
            for (int j = 0; j < level.size(); j += 2) {
                Node h = level.get(j);
                Node l = level.get(j + 1);
                // Left half all zero: the count is its width plus the right half's count.
                UInt c = Hw.mux(h.zero(), Hw.cat(bool(true), l.count()), Hw.cat(bool(false), h.count()));
                next.add(new Node(wireOf("z" + depth + "_" + next.size(), h.zero().and(l.zero())),
                        wireOf("c" + depth + "_" + next.size(), c)));
            }
            level = next;
        }
        Node root = level.get(0);
        if (padded == p.width()) {
            // An all-zero input leaves the tree's count at width - 1; the zero flag adds the last one.
            count.set(Hw.mux(root.zero(), uint(p.width(), count.width()), root.count().zext(count.width())));
        } else {
            count.set(root.count().zext(count.width()));
        }
    }

    private Bool wireOf(String name, Bool v) {
        Bool w = wire(name, sohu.hdl.Types.Bool());
        w.set(v);
        return w;
    }

    private UInt wireOf(String name, UInt v) {
        UInt w = wire(name, UInt(v.width()));
        w.set(v);
        return w;
    }
}
