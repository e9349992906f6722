package sohu.verify.soc;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import sohu.core.compile.CoreConfig;
import sohu.core.isa.Deps;
import sohu.core.isa.Instruction;
import sohu.core.isa.Move;
import sohu.core.isa.Scalar;
import sohu.core.isa.ScalarFn;
import sohu.core.isa.Vector;
import sohu.core.xformer.RowReduce;
import sohu.core.xformer.VectorOp;

/**
 * Random compute-only programs for the compute side: registers {@code r0..r15} set first, vmem
 * words {@code 0..127} filled by a MOVE from the accumulator, then MOVEs, VECTORs (every op,
 * every reduction, masks, {@code toAct}, strides 0..3, lengths not a multiple of L) and SCALARs
 * (every fn) in random order. A VECTOR reads one half of vmem words 0..127 and writes the other
 * (or act words 0..63), so no result overlaps a later source of itself.
 */
final class RandomComputePrograms {
    /** Registers the programs use. */
    static final int REGS = 16;
    /** Accumulator words the test fills. */
    static final int ACC_WORDS = 256;
    /** Vector words the programs use. */
    static final int VMEM_WORDS = 128;

    private RandomComputePrograms() { }

    /** A random FP32 value: mostly moderate, sometimes zero, infinite, NaN, tiny or huge. */
    static int value(Random rnd) {
        int k = rnd.nextInt(40);
        return switch (k) {
            case 0 -> 0;
            case 1 -> 0x80000000;
            case 2 -> 0x7F800000;
            case 3 -> 0xFF800000;
            case 4 -> 0x7FC00000;
            case 5 -> rnd.nextInt(0x800000) | (rnd.nextBoolean() ? 0x80000000 : 0); // subnormal
            case 6 -> Float.floatToRawIntBits((rnd.nextBoolean() ? 1 : -1) * (float) Math.scalb(1 + rnd.nextFloat(),
                    100 + rnd.nextInt(27)));
            default -> Float.floatToRawIntBits((float) ((rnd.nextDouble() * 2 - 1) * Math.scalb(1.0, rnd.nextInt(8) - 4)));
        };
    }

    /** {@code n} random instructions after the set-up (registers, then vmem from acc). */
    static List<Instruction> program(Random rnd, CoreConfig core, int n) {
        List<Instruction> out = new ArrayList<>();
        for (int r = 0; r < REGS; r++) {
            out.add(Scalar.set(r, value(rnd)));
        }
        out.add(new Move(0, 0, 8, VMEM_WORDS / 8, VMEM_WORDS / 8 + 3, VMEM_WORDS / 8, Deps.NONE));
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(10);
            out.add(kind < 2 ? move(rnd) : kind < 4 ? scalar(rnd, ScalarFn.values()[rnd.nextInt(16)]) : vector(rnd, core,
                    VectorOp.values()[rnd.nextInt(VectorOp.values().length)]));
        }
        return out;
    }

    /** Every VectorOp and every ScalarFn at least once, in a shuffled order, after the set-up. */
    static List<Instruction> everyOp(Random rnd, CoreConfig core) {
        List<Instruction> body = new ArrayList<>();
        for (VectorOp op : VectorOp.values()) {
            body.add(vector(rnd, core, op));
            body.add(vector(rnd, core, op));
        }
        for (ScalarFn fn : ScalarFn.values()) {
            body.add(scalar(rnd, fn));
        }
        body.add(move(rnd));
        java.util.Collections.shuffle(body, rnd);
        List<Instruction> out = program(rnd, core, 0);
        out.addAll(body);
        return out;
    }

    /** Copies of vmem words 0..127 onto themselves ({@code a + -0}): their writes show the whole region. */
    static List<Instruction> dump(CoreConfig core, int negZeroReg) {
        List<Instruction> out = new ArrayList<>();
        for (int w = 0; w < VMEM_WORDS; w += 32) {
            out.add(Vector.of(VectorOp.ADD_SCALAR, w, 0, 0, w, 32 * core.lanes(), false, negZeroReg, 0, 0));
        }
        return out;
    }

    static Move move(Random rnd) {
        int words = 1 + rnd.nextInt(4);
        int rows = 1 + rnd.nextInt(4);
        int dstStride = rnd.nextInt(9);
        int dst = rnd.nextInt(VMEM_WORDS - words - 3 * dstStride);
        int srcStride = rnd.nextInt(11);
        int src = rnd.nextInt(ACC_WORDS - words - 3 * srcStride);
        return new Move(src, dst, rows, words, srcStride, dstStride, Deps.NONE);
    }

    static Scalar scalar(Random rnd, ScalarFn fn) {
        int[] r = new int[7];
        for (int i = 0; i < r.length; i++) {
            r[i] = rnd.nextInt(REGS);
        }
        return new Scalar(fn, r[0], r[1], r[2], r[3], r[4], r[5], r[6], value(rnd), Deps.NONE);
    }

    static Vector vector(Random rnd, CoreConfig core, VectorOp op) {
        int lanes = core.lanes();
        int length = 1 + rnd.nextInt(6 * lanes);
        int words = (length + lanes - 1) / lanes;
        int[] strides = {rnd.nextInt(4), rnd.nextInt(4), rnd.nextInt(4), 1 + rnd.nextInt(3)};
        if (rnd.nextInt(4) == 0) {
            strides[3] = 0; // every result word to one word: the last one stays
        }
        int half = VMEM_WORDS / 2;
        int srcBase = rnd.nextBoolean() ? 0 : half;
        int dstBase = half - srcBase;
        int[] src = new int[3];
        for (int i = 0; i < 3; i++) {
            src[i] = srcBase + rnd.nextInt(half - (words - 1) * strides[i]);
        }
        boolean toAct = rnd.nextInt(3) == 0;
        int dst = toAct ? rnd.nextInt(64) : dstBase + rnd.nextInt(half - (words - 1) * strides[3]);
        RowReduce.Kind reduce = rnd.nextInt(4) == 0 ? null : RowReduce.Kind.values()[rnd.nextInt(3)];
        boolean mask = rnd.nextInt(3) == 0;
        int diag = mask ? -2 + rnd.nextInt(length + 4) : 0;
        diag = Math.max(-1024, Math.min(1023, diag));
        return new Vector(op, reduce, toAct, mask, src[0], src[1], src[2], dst, strides[0], strides[1], strides[2],
                strides[3], length, rnd.nextInt(REGS), rnd.nextInt(REGS), rnd.nextInt(REGS), rnd.nextInt(REGS), diag,
                Deps.NONE);
    }
}
