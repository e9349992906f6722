package sohu.verify.xformer;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import sohu.core.fp.FpFormat;
import sohu.core.xformer.CausalMask;
import sohu.core.xformer.Fp32;
import sohu.core.xformer.RmsNorm;
import sohu.core.xformer.Rope;
import sohu.core.xformer.RowConvert;
import sohu.core.xformer.RowReduce;
import sohu.core.xformer.Softmax;
import sohu.core.xformer.VectorOp;
import sohu.core.xformer.rtl.VectorUnit;

/**
 * The vector unit's checks, each a sequence of instructions through a {@link VectorUnitDriver}
 * compared bit for bit with the golden models ({@link VectorOp#apply}, {@link RowReduce},
 * {@link Softmax}, {@link RmsNorm}, {@link Rope}, {@link RowConvert}); the first difference is a
 * {@link sohu.verify.Mismatch}. Shared by {@code sohu regress} ({@link VectorBlock}) and the
 * project's tests. Rows mix random values with the edge cases of {@link LaneInputs#edges()}, and
 * their lengths are longer than the lanes and not a multiple of them. Each returns the elements
 * (or reductions) it compared. Memory layout: rows in 8- or 16-word regions of the first 64 words,
 * so a 64-word unit runs every check except {@link #convertedWrites} (256 words).
 */
public final class VectorChecks {
    /** Words the unit needs for every check. */
    public static final int DEPTH = 256;
    /** First key position of the softmax rows. */
    private static final int KEY0 = 8;

    private VectorChecks() {
    }

    /** A row of {@code n} values: one in four an edge case, the others uniform in ±span. */
    public static int[] row(SplittableRandom r, int n, double span) {
        List<Integer> edges = LaneInputs.edges();
        int[] row = new int[n];
        for (int i = 0; i < n; i++) {
            row[i] = r.nextInt(4) == 0 ? edges.get(r.nextInt(edges.size())) : Fp32.of(r.nextDouble(-span, span));
        }
        return row;
    }

    /** Every opcode on rows of 1, 6L+1 and 8L elements (A, B, C rows; random scalars). */
    public static long opcodes(VectorUnitDriver u, SplittableRandom r) {
        long n = 0;
        int lanes = u.lanes;
        for (VectorOp op : VectorOp.values()) {
            for (int length : new int[] {1, 6 * lanes + 1, 8 * lanes}) {
                int[] a = row(r, length, 30);
                int[] b = row(r, length, 4);
                int[] c = row(r, length, 4);
                int s = Fp32.of(r.nextDouble(-3, 3));
                int s2 = Fp32.of(r.nextDouble(0, 1));
                int s3 = Fp32.of(1e-5);
                u.load(0, a);
                u.load(8, b);
                u.load(24, c);
                u.withC(24).run(VectorUnitDriver.Instr.of(op, 0, 8, 16, length).scalars(s, s2, s3));
                int[] got = u.fp32Row(16, length);
                for (int i = 0; i < length; i++) {
                    int want = op.apply(a[i], b[i], c[i], s, s2, s3, false);
                    if (want != got[i]) {
                        throw u.mismatch(op + " length " + length + " element " + i, want, got[i], String.format(Locale.ROOT,
                                "a=0x%08X b=0x%08X c=0x%08X s=0x%08X s2=0x%08X s3=0x%08X", a[i], b[i], c[i], s, s2, s3));
                    }
                }
                n += length;
            }
        }
        return n;
    }

    /** Max, sum and sum of squares of rows of 3, 6L+1 and 14L+1 elements (one holding -0). */
    public static long reductions(VectorUnitDriver u, SplittableRandom r) {
        long n = 0;
        int lanes = u.lanes;
        for (int length : new int[] {3, 6 * lanes + 1, 14 * lanes + 1}) {
            int[] a = row(r, length, 100);
            a[r.nextInt(length)] = Fp32.of(-0.0);
            u.load(0, a);
            int kind = 1;
            for (RowReduce.Kind k : RowReduce.Kind.values()) {
                u.run(copy(0, 32, length).reducing(kind++));
                int want = RowReduce.reduce(k, copied(a), lanes);
                if (u.reduction() != want) {
                    throw u.mismatch("red_result (" + k + " of " + length + " elements)", want, u.reduction(), hexRow(a));
                }
                n++;
            }
        }
        return n;
    }

    /**
     * Softmax rows of 6L+1 and 16L scores in three instructions (copy with max, {@code EXP_SUB}
     * with sum, {@code MUL_RECIP} to the activation format {@code f}), causally masked for
     * queries that mask the whole row, all but one key, part of it, and unmasked.
     */
    public static long softmax(VectorUnitDriver u, FpFormat f, SplittableRandom r) {
        long n = 0;
        int lanes = u.lanes;
        for (int length : new int[] {6 * lanes + 1, 16 * lanes}) {
            for (int query : new int[] {KEY0 - 3, KEY0, KEY0 + 6, -1}) {
                int[] scores = row(r, length, 8);
                for (int i = 0; i < length; i++) {
                    if ((scores[i] & 0x7F800000) == 0x7F800000) {
                        scores[i] = Fp32.of(r.nextDouble(-8, 8)); // an attention score is finite
                    }
                }
                boolean masking = query >= 0;
                boolean[] mask = masking ? CausalMask.row(query, KEY0, length) : new boolean[length];
                u.load(0, scores);
                VectorUnitDriver.Instr max = copy(0, 32, length).reducing(1);
                u.run(masking ? max.causal(query, KEY0) : max);
                int m = u.reduction();
                VectorUnitDriver.Instr exp = VectorUnitDriver.Instr.of(VectorOp.EXP_SUB, 0, 0, 16, length)
                        .scalars(m, 0, 0).reducing(2);
                u.run(masking ? exp.causal(query, KEY0) : exp);
                int l = u.reduction();
                u.run(VectorUnitDriver.Instr.of(VectorOp.MUL_RECIP, 16, 0, 24, length).scalars(l, 0, 0).toActivations());
                int[] want = RowConvert.row(Softmax.row(scores, mask, lanes), f);
                int[] got = narrow(u.activationRow(24, length), f);
                u.expectRow("softmax of " + length + " (query " + query + ", keys from " + KEY0 + ")", want, got,
                        hexRow(scores));
                n += length;
            }
        }
        return n;
    }

    /**
     * RMSNorm of rows of 6L+1 and 12L elements in two instructions (copy with sum of squares,
     * {@code NORM}); without stalls the second takes {@code 1 + words + drain} cycles.
     */
    public static long rmsNorm(VectorUnitDriver u, SplittableRandom r) {
        long n = 0;
        int lanes = u.lanes;
        for (int length : new int[] {6 * lanes + 1, 12 * lanes}) {
            int[] x = row(r, length, 3);
            int[] g = row(r, length, 2);
            int eps = Fp32.of(1e-5);
            u.load(0, x);
            u.load(16, g);
            u.run(copy(0, 32, length).reducing(3));
            int ss = u.reduction();
            long cycles = u.run(VectorUnitDriver.Instr.of(VectorOp.NORM, 0, 16, 48, length).scalars(ss, Fp32.of(1.0 / length), eps));
            long words = (length + lanes - 1) / lanes;
            long expected = 1 + words + VectorUnit.drainCycles(lanes);
            if (cycles != expected) {
                throw u.mismatch("cycles of NORM over " + length + " elements", (int) expected, (int) cycles,
                        "1 accept + " + words + " words + drain " + VectorUnit.drainCycles(lanes));
            }
            u.expectRow("rmsnorm of " + length, RmsNorm.normalize(x, g, eps, lanes), u.fp32Row(48, length), hexRow(x));
            n += length;
        }
        return n;
    }

    /** RoPE of two heads of dimension 4L in four instructions per head (tables of position 777, θ 500000). */
    public static long rope(VectorUnitDriver u, SplittableRandom r) {
        int lanes = u.lanes;
        int d = 4 * lanes;
        int half = d / 2;
        int halfWords = half / lanes;
        int[] x = row(r, 2 * d, 4);
        Rope.Tables t = Rope.tables(777, d, 500000.0);
        u.load(0, x);
        u.load(8, t.cos());
        u.load(10, t.sin());
        int[] got = new int[x.length];
        for (int h = 0; h < 2; h++) {
            int lo = h * 2 * halfWords;
            int hi = lo + halfWords;
            u.run(VectorUnitDriver.Instr.of(VectorOp.MUL_ROW, hi, 10, 12, half));
            u.withC(12).run(VectorUnitDriver.Instr.of(VectorOp.FMS_ROW, lo, 8, 16 + lo, half));
            System.arraycopy(u.fp32Row(16 + lo, half), 0, got, h * d, half);
            u.run(VectorUnitDriver.Instr.of(VectorOp.MUL_ROW, lo, 10, 14, half));
            u.withC(14).run(VectorUnitDriver.Instr.of(VectorOp.FMA_ROW, hi, 8, 16 + hi, half));
            System.arraycopy(u.fp32Row(16 + hi, half), 0, got, h * d + half, half);
        }
        u.expectRow("RoPE", Rope.rotate(x, d, t), got, hexRow(x));
        return x.length;
    }

    /** The edge cases through {@code x × 1} onto the activation port in the unit's format {@code f} (256 words). */
    public static long convertedWrites(VectorUnitDriver u, FpFormat f) {
        int[] row = LaneInputs.edges().stream().mapToInt(Integer::intValue).toArray();
        u.load(0, row);
        u.run(copy(0, 128, row.length).toActivations());
        int[] want = new int[row.length];
        for (int i = 0; i < row.length; i++) {
            want[i] = RowConvert.convert(VectorOp.MUL_SCALAR.apply(row[i], 0, Fp32.ONE, 0, 0, false), f);
        }
        u.expectRow("x*1 converted to " + f, want, narrow(u.activationRow(128, row.length), f), "the edge cases");
        return row.length;
    }

    /**
     * The counters under injected stalls: random {@code acc_ready} and {@code act_ready} patterns
     * during FP32 and converted instructions of each class. The expected busy, issue and stall
     * counts come from replaying the patterns on the instruction timing (accept, one word per
     * cycle in which the needed ports are ready, drain); the results must still match.
     */
    public static long counters(VectorUnitDriver u, FpFormat f, SplittableRandom r) {
        long n = 0;
        int lanes = u.lanes;
        VectorOp[] ops = {VectorOp.ADD_ROW, VectorOp.SILU, VectorOp.MUL_SCALAR, VectorOp.EXP_SUB};
        for (int k = 0; k < ops.length * 2; k++) {
            VectorOp op = ops[k % ops.length];
            boolean toAct = k >= ops.length;
            int length = 5 * lanes + 3;
            int[] a = row(r, length, 5);
            int[] b = row(r, length, 5);
            u.load(0, a);
            u.load(8, b);
            long seed = r.nextLong();
            int accOneIn = 2 + r.nextInt(3);
            int actOneIn = 2 + r.nextInt(3);
            u.stalls(c -> hash(seed, c) % accOneIn != 0, c -> hash(~seed, c) % actOneIn != 0);
            long[] before = snapshot(u);
            long start = u.cycles();
            int reduce = op == VectorOp.MUL_SCALAR ? 2 : 0;
            VectorUnitDriver.Instr in = VectorUnitDriver.Instr.of(op, 0, 8, 16, length).scalars(Fp32.ONE, 0, 0).reducing(reduce);
            long cycles = u.run(toAct ? in.toActivations() : in);
            u.stalls(c -> true, c -> true);
            long[] want = expectedCounts(start, (length + lanes - 1) / lanes, VectorUnit.drainCycles(lanes), toAct, seed,
                    accOneIn, actOneIn);
            long[] got = snapshot(u);
            String inputs = String.format(Locale.ROOT, "%s%s of %d elements, acc_ready low 1 in %d, act_ready low 1 in %d",
                    op, toAct ? " to activations" : "", length, accOneIn, actOneIn);
            if (cycles != want[0] + 1) {
                throw u.mismatch("cycles of the instruction", (int) (want[0] + 1), (int) cycles, inputs);
            }
            long words = want[1];
            long[] expect = {
                op.nonlinear() ? 0 : words, op.nonlinear() ? words : 0, reduce != 0 ? words : 0, want[0], want[2], want[3]};
            for (int i = 0; i < COUNTERS.length; i++) {
                long delta = got[i] - before[i];
                if (delta != expect[i]) {
                    throw u.mismatch("cnt_" + COUNTERS[i], (int) expect[i], (int) delta, inputs);
                }
            }
            int[] result = toAct ? narrow(u.activationRow(16, length), f) : u.fp32Row(16, length);
            for (int i = 0; i < length; i++) {
                int fp32 = op.apply(a[i], b[i], Fp32.ONE, 0, 0, false);
                int expected = toAct ? RowConvert.convert(fp32, f) : fp32;
                if (result[i] != expected) {
                    throw u.mismatch(op + " element " + i + " under stalls", expected, result[i], inputs);
                }
            }
            n += length;
        }
        return n;
    }

    /** The counters {@link #counters} checks, in order. */
    private static final String[] COUNTERS = {"elementwise", "nonlinear", "reduce", "busy", "stall_acc", "stall_act"};

    private static long[] snapshot(VectorUnitDriver u) {
        long[] c = new long[COUNTERS.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = u.counter(COUNTERS[i]);
        }
        return c;
    }

    /**
     * The timing of one instruction accepted in driver cycle {@code start} with ready patterns
     * {@code seed}: the unit is busy from the next cycle; each busy cycle with words left issues one
     * if the ports are ready, else counts a stall; then {@code drain} cycles.
     *
     * @return busy cycles, words issued, accumulator stalls, activation stalls
     */
    private static long[] expectedCounts(long start, long words, int drain, boolean toAct, long seed, int accOneIn, int actOneIn) {
        long busy = 0;
        long left = words;
        long accStalls = 0;
        long actStalls = 0;
        long c = start + 1;
        while (left > 0) {
            boolean acc = hash(seed, c) % accOneIn != 0;
            boolean act = hash(~seed, c) % actOneIn != 0;
            if (!acc) {
                accStalls++;
            } else if (toAct && !act) {
                actStalls++;
            } else {
                left--;
            }
            busy++;
            c++;
        }
        return new long[] {busy + drain, words, accStalls, actStalls};
    }

    /** A non-negative hash of (seed, cycle), the stall pattern. */
    private static long hash(long seed, long cycle) {
        long z = seed + 0x9E3779B97F4A7C15L * (cycle + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) >>> 1;
    }

    private static VectorUnitDriver.Instr copy(int src, int dst, int length) {
        return VectorUnitDriver.Instr.of(VectorOp.MUL_SCALAR, src, 0, dst, length).scalars(Fp32.ONE, 0, 0);
    }

    /** The row as the copy pass leaves it (x · 1: NaNs canonical). */
    private static int[] copied(int[] a) {
        int[] r = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = Fp32.mul(a[i], Fp32.ONE);
        }
        return r;
    }

    /** The low {@code f.width()} bits of each element (the activation port zero-extends). */
    private static int[] narrow(int[] words, FpFormat f) {
        long mask = f.width() == 32 ? 0xFFFFFFFFL : (1L << f.width()) - 1;
        int[] out = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            out[i] = (int) (words[i] & mask);
        }
        return out;
    }

    private static String hexRow(int[] row) {
        StringBuilder b = new StringBuilder("row");
        for (int i = 0; i < Math.min(row.length, 8); i++) {
            b.append(String.format(Locale.ROOT, " 0x%08X", row[i]));
        }
        return b.append(row.length > 8 ? " ... (" + row.length + " elements)" : "").toString();
    }
}
