package sohu.verify.xformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sohu.core.fp.FpFormat;
import sohu.core.xformer.Fp32;
import sohu.core.xformer.VectorConfig;
import sohu.core.xformer.VectorOp;
import sohu.core.xformer.rtl.VectorUnit;
import sohu.verify.array.ElementPortDriver;
import sohu.verilator.Sim;

/**
 * The vector unit's element port {@code mp_vmem_*} in Verilator (2 lanes, BF16, 256 words) against
 * the golden model: random element writes and reads at random cycles and bank subsets, held while
 * {@code mp_vmem_ready} is low, interleaved with loads and running instructions. Every cycle,
 * {@code mp_vmem_ready} must be low exactly when the unit writes its memory (an FP32 write-back
 * shown on {@code wr_*}, or {@code ld_valid}), and an instruction of w words must hold the port off
 * exactly w cycles; the instructions' results must equal {@link VectorOp#apply}; every read must
 * return the test's own model of the memory (the elements loaded, written through the port, and
 * the golden results); and a row written through the port must feed the next instruction.
 */
class VectorElementPortSimTest {
    private static final int LANES = 2;
    private static final int DEPTH = 256;
    private static final int PORT_REGION = 64;
    private static VectorUnitDriver unit;
    private static ElementPortDriver port;

    @BeforeAll
    static void open() {
        unit = new VectorUnitDriver(new VectorUnit.Params(new VectorConfig(LANES, FpFormat.BF16), DEPTH));
        port = new ElementPortDriver(unit.sim, "vmem", LANES);
    }

    @AfterAll
    static void close() {
        unit.close();
    }

    /** One element write through the port. */
    private record Write(int bank, int addr, long value) { }

    /** The requester: random traffic, held while not ready, checked against the model every cycle. */
    private static final class Requester implements VectorUnitDriver.CycleHook {
        final Long[][] model = new Long[LANES][DEPTH];
        final List<ArrayDeque<Write>> pending = new ArrayList<>();
        final SplittableRandom rnd;
        final Sim sim = unit.sim;
        long we;
        long re;
        int[] addr = new int[LANES];
        long[] data = new long[LANES];
        boolean held;
        boolean taken;
        long notReady;
        long readsChecked;
        long writesTaken;

        Requester(SplittableRandom rnd) {
            this.rnd = rnd;
            for (int b = 0; b < LANES; b++) {
                pending.add(new ArrayDeque<>());
            }
        }

        @Override
        public void beforeEdge() {
            if (!held) {
                we = 0;
                re = 0;
                for (int b = 0; b < LANES; b++) {
                    int roll = rnd.nextInt(10);
                    if (roll < 5 && !pending.get(b).isEmpty()) {
                        Write w = pending.get(b).peek();
                        addr[b] = w.addr();
                        data[b] = w.value();
                        we |= 1L << b;
                    } else if (roll < 8) {
                        addr[b] = rnd.nextInt(DEPTH);
                        re |= 1L << b;
                    }
                }
            }
            port.request(we, re, addr, data);
            sim.eval();
            boolean unitWrites = sim.peek("wr_valid") != 0 && sim.peek("wr_act") == 0 || sim.peek("ld_valid") != 0;
            assertEquals(!unitWrites, port.ready(), "mp_vmem_ready at cycle " + sim.cycle() + " (unit writes: " + unitWrites + ")");
            taken = port.ready();
            if (!taken) {
                notReady++;
            }
        }

        @Override
        public void afterEdge() {
            held = !taken && (we | re) != 0;
            if (!taken) {
                return;
            }
            for (int b = 0; b < LANES; b++) {
                if ((re >> b & 1) != 0 && model[b][addr[b]] != null) {
                    assertEquals((long) model[b][addr[b]], port.rdata(b), port.rdataName(b) + " word " + addr[b]);
                    readsChecked++;
                }
                if ((we >> b & 1) != 0) {
                    model[b][addr[b]] = pending.get(b).poll().value();
                    writesTaken++;
                }
            }
        }

        boolean drained() {
            return pending.stream().allMatch(ArrayDeque::isEmpty) && !held;
        }

        void forget(int word, int words) {
            for (int w = word; w < word + words; w++) {
                for (int b = 0; b < LANES; b++) {
                    model[b][w] = null;
                }
            }
        }

        /** Sets the model to a row of elements from {@code word}. */
        void know(int word, int[] row) {
            for (int i = 0; i < row.length; i++) {
                model[i % LANES][word + i / LANES] = row[i] & 0xFFFF_FFFFL;
            }
        }

        /** Element i of the row at {@code word}, as the model knows it. */
        int element(int word, int i) {
            return (int) (long) model[i % LANES][word + i / LANES];
        }
    }

    @Test
    void elementTrafficBesideLoadsAndInstructions() {
        SplittableRandom rnd = new SplittableRandom(5);
        Requester q = new Requester(rnd);
        unit.onCycle(q);
        int length = 6 * LANES + 1;
        int words = (length + LANES - 1) / LANES;
        VectorOp[] ops = {VectorOp.ADD_ROW, VectorOp.MUL_ROW, VectorOp.FMA_SCALAR, VectorOp.EXP_SUB, VectorOp.SILU, VectorOp.SWIGLU};
        long compared = 0;
        try {
            for (int round = 0; round < 12; round++) {
                VectorOp op = ops[round % ops.length];
                int rowBase = PORT_REGION + 8 * round;
                int[] viaPort = VectorChecks.row(rnd, length, 4);
                // This round's port traffic: a whole row for the second instruction, and stray elements.
                for (int i = 0; i < length; i++) {
                    q.pending.get(i % LANES).add(new Write(i % LANES, rowBase + i / LANES, viaPort[i] & 0xFFFF_FFFFL));
                }
                for (int i = 0; i < 16; i++) {
                    int b = rnd.nextInt(LANES);
                    q.pending.get(b).add(new Write(b, PORT_REGION + 8 * 12 + rnd.nextInt(DEPTH - PORT_REGION - 8 * 12),
                            rnd.nextInt() & 0xFFFF_FFFFL));
                }
                int[] a = VectorChecks.row(rnd, length, 8);
                int[] b = VectorChecks.row(rnd, length, 4);
                q.forget(0, 16);
                long before = q.notReady;
                unit.load(0, a);
                unit.load(8, b);
                q.know(0, a);
                q.know(8, b);
                assertEquals(2L * words, q.notReady - before, "cycles not ready during the loads");

                int s = Fp32.of(rnd.nextDouble(-2, 2));
                int s2 = Fp32.of(rnd.nextDouble(-1, 1));
                q.forget(16, 8);
                before = q.notReady;
                unit.run(VectorUnitDriver.Instr.of(op, 0, 8, 16, length).scalars(s, s2, 0));
                assertEquals(words, q.notReady - before, op + ": cycles not ready = words written back");
                int[] got = unit.fp32Row(16, length);
                int[] want = new int[length];
                for (int i = 0; i < length; i++) {
                    want[i] = op.apply(a[i], b[i], s, s2, 0, false);
                }
                unit.expectRow(op + " beside element traffic", want, got, "round " + round);
                q.know(16, want);
                compared += length;

                for (int i = 0; i < 10_000 && !q.drained(); i++) {
                    unit.idle(1);
                }
                assertTrue(q.drained(), "the port's writes were all taken");
                // The row written through the port is an operand of the next instruction.
                q.forget(24, 8);
                unit.run(VectorUnitDriver.Instr.of(VectorOp.MUL_ROW, rowBase, 8, 24, length));
                int[] next = unit.fp32Row(24, length);
                for (int i = 0; i < length; i++) {
                    int w = VectorOp.MUL_ROW.apply(q.element(rowBase, i), b[i], 0, 0, 0, false);
                    if (w != next[i]) {
                        throw unit.mismatch("MUL_ROW of the row written through mp_vmem, element " + i, w, next[i],
                                "round " + round);
                    }
                    want[i] = w;
                }
                q.know(24, want);
                compared += length;
            }
        } finally {
            unit.onCycle(VectorUnitDriver.CycleHook.NONE);
            port.idle();
        }
        assertEquals(12L * 2 * length, compared);
        assertTrue(q.readsChecked > 200, "reads checked: " + q.readsChecked);
        assertEquals(12L * (length + 16), q.writesTaken);
    }
}
