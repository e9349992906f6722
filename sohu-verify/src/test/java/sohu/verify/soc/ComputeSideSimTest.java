package sohu.verify.soc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.core.compile.CoreConfig;
import sohu.core.compile.HbmImage;
import sohu.core.fp.FpFormat;
import sohu.core.golden.GoldenSimulator;
import sohu.core.isa.Deps;
import sohu.core.isa.Dma;
import sohu.core.isa.Instruction;
import sohu.core.isa.Program;
import sohu.core.isa.Scalar;
import sohu.core.isa.Space;
import sohu.core.isa.Vector;

/**
 * The compute side ({@code ComputeSide}: VECTOR, MOVE, SCALAR on the vector unit and the scalar
 * registers) in Verilator against the golden simulator, instruction by instruction, bit for bit:
 * every word the vector unit writes ({@code wr_*}) equals the simulator's vmem after that
 * instruction, the activation scratchpad written through {@code mp_act_*} equals the
 * simulator's, and each SCALAR's destination and each reduction's register equals the
 * simulator's. The accumulator is a model behind {@code mp_acc_*}, filled with the same random
 * values as the simulator's (a LOAD), and both element ports are ready in random cycles; a final
 * copy of vmem words 0..127 onto themselves shows every MOVE's and result's word.
 */
class ComputeSideSimTest {

    @Test
    void bf16RandomProgramsEqualTheGoldenSimulator() {
        check(CoreConfig.of(4, FpFormat.BF16), 3, SequencerSimTest.LONG ? 400 : 80);
    }

    @Test
    void e4m3RandomProgramsEqualTheGoldenSimulator() {
        // the format runs end to end in the default suite (RtlEngineSimTest, CycleModelSimTest); its own build only here
        assumeTrue(SequencerSimTest.LONG, "-Dsohu.long=true");
        check(CoreConfig.of(4, FpFormat.E4M3), 5, 400);
    }

    @Test
    void fp32RandomProgramsEqualTheGoldenSimulator() {
        // the format runs end to end in the default suite (RtlEngineSimTest, CycleModelSimTest); its own build only here
        assumeTrue(SequencerSimTest.LONG, "-Dsohu.long=true");
        check(CoreConfig.of(4, FpFormat.FP32), 7, 400);
    }

    /** Eight lanes: one more Verilator build of a few minutes, so only in the long run. */
    @Test
    void eightLanesBf16EqualTheGoldenSimulator() {
        assumeTrue(SequencerSimTest.LONG, "-Dsohu.long=true");
        check(CoreConfig.of(8, FpFormat.BF16), 11, 200);
    }

    /** Three programs: every op with ports always ready, then random programs with ports ready 60% / 70%. */
    private static void check(CoreConfig core, long seed, int n) {
        Random rnd = new Random(seed);
        try (ComputeSideHarness h = new ComputeSideHarness(core, 1.0, 1.0, seed)) {
            int[] acc = h.acc();
            for (int e = 0; e < RandomComputePrograms.ACC_WORDS * core.cols(); e++) {
                acc[e] = RandomComputePrograms.value(rnd);
            }
            Golden g = new Golden(core, acc);
            run(h, g, core, RandomComputePrograms.everyOp(rnd, core), "every op, ports always ready");
            h.readiness(0.6, 0.7);
            run(h, g, core, RandomComputePrograms.program(rnd, core, n), n + " random instructions");
            h.readiness(0.3, 0.4);
            run(h, g, core, RandomComputePrograms.program(rnd, core, n / 2), n / 2 + " random instructions, slow ports");
        }
    }

    private static void run(ComputeSideHarness h, Golden g, CoreConfig core, List<Instruction> body, String what) {
        List<Instruction> ins = new ArrayList<>(body);
        int negZero = RandomComputePrograms.REGS;
        ins.add(Scalar.set(negZero, 0x80000000));
        ins.addAll(RandomComputePrograms.dump(core, negZero));
        int[] check = new int[ins.size()];
        for (int i = 0; i < ins.size(); i++) {
            check[i] = ins.get(i) instanceof Scalar s ? s.dst()
                    : ins.get(i) instanceof Vector v && v.reduce() != null ? v.sRed() : -1;
        }
        List<ComputeSideHarness.Result> results = h.run(ins, check);
        int lanes = core.lanes();
        int ew = core.format().width();
        long writes = 0;
        long cycles = 0;
        int registers = 0;
        int actSet = 0;
        for (int i = 0; i < ins.size(); i++) {
            Instruction in = ins.get(i);
            g.run(in);
            String where = what + ", instruction " + i + ": " + in.text();
            ComputeSideHarness.Result r = results.get(i);
            cycles += r.cycles();
            int[] vmem = g.vmem();
            if (in instanceof Vector v) {
                int words = (v.length() + lanes - 1) / lanes;
                assertEquals(words, r.writes().size(), "words written, " + where);
                for (int k = 0; k < words; k++) {
                    ComputeSideHarness.Write w = r.writes().get(k);
                    assertEquals(v.toAct(), w.act(), "wr_act, " + where);
                    int inLength = Math.min(lanes, v.length() - k * lanes);
                    assertEquals((1 << inLength) - 1, w.mask(), "wr_mask of word " + k + ", " + where);
                    if (!v.toAct()) {
                        assertEquals(v.dst() + k * v.strideD(), w.addr(), "wr_addr of word " + k + ", " + where);
                        // a later word of the same instruction may overwrite this one (strideD 0)
                        if (v.strideD() != 0 || k == words - 1) {
                            for (int j = 0; j < lanes; j++) {
                                assertEquals(hex(vmem[w.addr() * lanes + j]), hex(w.data()[j]),
                                        "vmem word " + w.addr() + " lane " + j + ", " + where);
                            }
                        }
                    }
                }
                writes += words;
            } else {
                assertEquals(List.of(), r.writes(), "wr_* writes of " + where);
            }
            int[] act = g.act();
            for (int e = 0; e < act.length; e++) {
                assertEquals(hex(act[e] & (int) ((1L << ew) - 1)), hex(r.act()[e]), "act element " + e + ", " + where);
            }
            if (check[i] >= 0) {
                assertEquals(hex(g.sim.scalar(check[i])), hex(r.register()), "r" + check[i] + ", " + where);
                registers++;
            }
            if (i == ins.size() - 1) {
                actSet = (int) java.util.Arrays.stream(act).filter(e -> e != 0).count();
            }
        }
        assertTrue(writes > ins.size() / 2, "only " + writes + " words written");
        if (what.contains("always ready")) {
            System.out.println(overheads(ins, results, lanes));
        }
        assertTrue(actSet > 8, "only " + actSet + " activation elements are not zero");
        System.out.printf("ComputeSide %s: %s, %d instructions, %d words written, %d registers and %d non-zero "
                + "activations checked, %d cycles, equal to the golden simulator%n", core.tag(), what, ins.size(),
                writes, registers, actSet, cycles);
    }

    /** Each kind's cycles from taken to done beyond its words, min..max, with the ports always ready. */
    private static String overheads(List<Instruction> ins, List<ComputeSideHarness.Result> results, int lanes) {
        java.util.Map<String, long[]> m = new java.util.TreeMap<>();
        for (int i = 0; i < ins.size(); i++) {
            Instruction in = ins.get(i);
            String kind;
            long words = 0;
            if (in instanceof Vector v) {
                kind = "VECTOR";
                words = (v.length() + lanes - 1) / lanes;
            } else if (in instanceof sohu.core.isa.Move mv) {
                kind = "MOVE";
                words = (long) mv.rows() * mv.words();
            } else {
                kind = ((Scalar) in).fn().ordinal() < 14 ? "SCALAR lane fn" : "SCALAR max/set";
            }
            long[] r = m.computeIfAbsent(kind, k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
            long extra = results.get(i).cycles() - words;
            r[0] = Math.min(r[0], extra);
            r[1] = Math.max(r[1], extra);
        }
        StringBuilder sb = new StringBuilder("  cycles from taken to done beyond the words:");
        m.forEach((k, r) -> sb.append(' ').append(k).append(' ').append(r[0]).append("..").append(r[1]).append(';'));
        return sb.toString();
    }

    private static String hex(int bits) {
        return String.format("0x%08x", bits);
    }

    /** The golden simulator run one instruction at a time, its vmem and act read back by STOREs. */
    private static final class Golden {
        final GoldenSimulator sim;
        private final CoreConfig core;
        private final HbmImage image;
        private final int accBytes;

        Golden(CoreConfig core, int[] acc) {
            this.core = core;
            this.sim = new GoldenSimulator(core, false);
            accBytes = 4 * acc.length;
            image = new HbmImage(accBytes + 4L * core.vmemElements() + 4L * core.actElements());
            image.writeInts(0, acc);
            sim.run(new Program(List.of(new Dma(false, Space.ACC, 0, 0, 1, acc.length, 0, 0, Deps.NONE))), image);
        }

        void run(Instruction in) {
            sim.run(new Program(List.of(in)), image);
        }

        int[] vmem() {
            return store(Space.VMEM, RandomComputePrograms.VMEM_WORDS * core.lanes(), 4);
        }

        int[] act() {
            return store(Space.ACT, core.actElements(), core.elementBytes());
        }

        private int[] store(Space s, int n, int eb) {
            long at = accBytes + (s == Space.ACT ? 4L * core.vmemElements() : 0);
            sim.run(new Program(List.of(new Dma(true, s, 0, at, 1, n, 0, 0, Deps.NONE))), image);
            int[] out = new int[n];
            for (int e = 0; e < n; e++) {
                out[e] = image.read(at + (long) e * eb, eb);
            }
            return out;
        }
    }
}
