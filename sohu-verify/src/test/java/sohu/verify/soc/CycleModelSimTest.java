package sohu.verify.soc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sohu.core.compile.CoreConfig;
import sohu.core.fp.FpFormat;
import sohu.core.golden.CostModel;
import sohu.core.golden.GoldenEngine;
import sohu.core.golden.SimResult;
import sohu.core.isa.Dma;
import sohu.core.isa.Instruction;
import sohu.core.isa.Opcode;
import sohu.core.isa.Program;
import sohu.core.model.LlamaMath;
import sohu.core.model.ModelSpec;
import sohu.core.model.RandomLlama;
import sohu.core.model.SequenceChunk;
import sohu.core.model.StepResult;

/**
 * The golden simulator's cycle estimate ({@code CostModel}) against the RTL core: the tiny Llama's
 * prefill step (two prompts, 20 tokens) and a decode step run on the {@code rtl} and {@code golden}
 * engines, and the whole step's cycles agree within {@link #TOLERANCE}. Per opcode, the RTL's and
 * the model's summed instruction cycles (start to retire, from the harness's trace) are printed to
 * show where a difference comes from. 4x4 BF16, E4M3 and FP32 and 8x8 BF16, all in the default
 * suite (the Verilator builds RtlEngineSimTest makes).
 */
class CycleModelSimTest {
    /** The largest relative difference of a whole step's cycles allowed. */
    static final double TOLERANCE = 0.05;
    private static final ModelSpec TINY = ModelSpec.tiny();
    private static final int[][] PROMPTS = {{1, 7, 300, 42, 5, 99, 13, 250, 8, 77, 6, 511, 3, 64, 128, 9, 400}, {17, 2, 480}};

    @Test
    void bf16On4x4WithinFivePercent() {
        check(CoreConfig.of(4, FpFormat.BF16));
    }

    @Test
    void e4m3On4x4WithinFivePercent() {
        check(CoreConfig.of(4, FpFormat.E4M3));
    }

    @Test
    void fp32On4x4WithinFivePercent() {
        check(CoreConfig.of(4, FpFormat.FP32));
    }

    @Test
    void bf16On8x8WithinFivePercent() {
        check(CoreConfig.of(8, FpFormat.BF16));
    }

    private static void check(CoreConfig core) {
        Map<String, float[]> w = CycleCalibration.weights(RandomLlama.generate(TINY, 3));
        List<String> bad = new ArrayList<>();
        try (RtlEngine rtl = new RtlEngine(TINY, w, core)) {
            GoldenEngine golden = new GoldenEngine(TINY, w, core, false);
            List<SequenceChunk> batch = new ArrayList<>();
            int[] pos = new int[PROMPTS.length];
            for (int s = 0; s < PROMPTS.length; s++) {
                batch.add(new SequenceChunk(s, 0, PROMPTS[s]));
                pos[s] = PROMPTS[s].length;
            }
            for (String step : new String[] {"prefill", "decode"}) {
                StepResult g = golden.step(batch);
                StepResult r = rtl.step(batch);
                double err = (double) g.cycles() / r.cycles() - 1;
                System.out.printf("cycle model %s %s: rtl %,d model %,d (%+.1f%%)%n", core.tag(), step, r.cycles(), g.cycles(),
                        100 * err);
                printByOpcode(golden.lastProgram().program(), golden.lastRun(), rtl.lastRun(), new CostModel(core));
                printFit(golden.lastProgram().program(), rtl.lastRun(), new CostModel(core));
                if (Math.abs(err) > TOLERANCE) {
                    bad.add(String.format("%s %s: model %d vs rtl %d cycles (%+.1f%%)", core.tag(), step, g.cycles(), r.cycles(),
                            100 * err));
                }
                List<SequenceChunk> next = new ArrayList<>();
                int row = 0;
                for (SequenceChunk c : batch) {
                    row += c.tokens().length;
                    next.add(new SequenceChunk(c.sequenceId(), pos[c.sequenceId()]++,
                            new int[] {LlamaMath.argmax(r.logits()[row - 1])}));
                }
                batch = next;
            }
        }
        assertTrue(bad.isEmpty(), "cycle model off by more than " + 100 * TOLERANCE + "%: " + bad);
    }

    /** The least-squares DMA fit of this run (how {@code CostModel}'s DMA constants were found). */
    private static void printFit(Program program, SohuCoreHarness.Run r, CostModel cost) {
        for (Opcode op : new Opcode[] {Opcode.LOAD, Opcode.STORE}) {
            double[] f = DmaFit.fit(program.instructions(), r.start(), r.retire(), cost, op);
            if (f != null) {
                System.out.printf("  fit %s: %.1f fixed + %.2f per row + %.3f per row beat%n", op, f[0], f[1], f[2]);
            }
        }
    }

    private static void printByOpcode(Program program, SimResult g, SohuCoreHarness.Run r, CostModel cost) {
        List<Instruction> ins = program.instructions();
        long[] rtl = new long[Opcode.values().length];
        long[] model = new long[rtl.length];
        int[] n = new int[rtl.length];
        for (int i = 0; i < ins.size(); i++) {
            int o = ins.get(i).opcode().ordinal();
            n[o]++;
            rtl[o] += r.retire()[i] - r.start()[i];
            model[o] += g.end()[i] - g.start()[i];
        }
        long[] late = RtlSchedule.lateStarts(program, r);
        System.out.printf("  rtl starts later than queue and tokens allow (fetch, issue): load %,d compute %,d store %,d cycles%n",
                late[0], late[1], late[2]);
        Map<String, long[]> dma = new java.util.TreeMap<>();
        for (int i = 0; i < ins.size(); i++) {
            if (ins.get(i) instanceof Dma d) {
                long[] a = dma.computeIfAbsent(String.format("%s %s %d rows x %d elements (%d beats)", d.opcode(), d.space(), d.rows(), d.elems(),
                                cost.rowBeats(d)),
                        k -> new long[3]);
                a[0]++;
                a[1] += r.retire()[i] - r.start()[i];
                a[2] += g.end()[i] - g.start()[i];
            }
        }
        dma.forEach((k, a) -> System.out.printf("    %-48s %4d: rtl %7.1f model %7.1f cycles each%n", k, a[0], (double) a[1] / a[0],
                (double) a[2] / a[0]));
        for (Opcode o : Opcode.values()) {
            if (n[o.ordinal()] > 0) {
                System.out.printf("  %-7s %5d instructions: rtl %,10d model %,10d cycles%n", o, n[o.ordinal()], rtl[o.ordinal()],
                        model[o.ordinal()]);
            }
        }
    }
}
