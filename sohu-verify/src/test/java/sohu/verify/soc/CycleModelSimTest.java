package sohu.verify.soc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import sohu.core.compile.CoreConfig;
import sohu.core.fp.FpFormat;
import sohu.core.golden.GoldenEngine;
import sohu.core.golden.SimResult;
import sohu.core.isa.Deps;
import sohu.core.isa.Dma;
import sohu.core.isa.Instruction;
import sohu.core.isa.IssueQueue;
import sohu.core.isa.Opcode;
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
 * show where a difference comes from. 4x4 BF16, E4M3 and FP32 in the default suite (the Verilator
 * builds RtlEngineSimTest makes); 8x8 BF16 with {@code -Dsohu.long=true}.
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
        Assumptions.assumeTrue(Boolean.getBoolean("sohu.long"), "-Dsohu.long=true runs the 8x8 core");
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
                printByOpcode(golden.lastProgram().program().instructions(), golden.lastRun(), rtl.lastRun());
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

    /**
     * Per queue, the cycles instructions started after both their queue's previous instruction
     * retired and the tokens they pop were pushed (a popper sees a token the cycle after the push).
     */
    private static long[] lateStarts(List<Instruction> ins, SohuCoreHarness.Run r) {
        int q = IssueQueue.values().length;
        List<List<java.util.ArrayDeque<Integer>>> pushed = new ArrayList<>();
        for (int a = 0; a < q; a++) {
            List<java.util.ArrayDeque<Integer>> l = new ArrayList<>();
            for (int b = 0; b < q; b++) {
                l.add(new java.util.ArrayDeque<>());
            }
            pushed.add(l);
        }
        // the k-th pop of a -> b matches the k-th push of a -> b, in a's program order
        for (int i = 0; i < ins.size(); i++) {
            IssueQueue from = ins.get(i).queue();
            Deps d = ins.get(i).deps();
            if (d.pushPrev()) {
                pushed.get(from.ordinal()).get(from.prev().ordinal()).addLast(i);
            }
            if (d.pushNext()) {
                pushed.get(from.ordinal()).get(from.next().ordinal()).addLast(i);
            }
        }
        long[] late = new long[q];
        long[] lastRetire = new long[q];
        for (int i = 0; i < ins.size(); i++) {
            IssueQueue to = ins.get(i).queue();
            Deps d = ins.get(i).deps();
            long ready = lastRetire[to.ordinal()];
            if (d.popPrev()) {
                ready = Math.max(ready, r.retire()[pushed.get(to.prev().ordinal()).get(to.ordinal()).pollFirst()] + 1);
            }
            if (d.popNext()) {
                ready = Math.max(ready, r.retire()[pushed.get(to.next().ordinal()).get(to.ordinal()).pollFirst()] + 1);
            }
            late[to.ordinal()] += Math.max(0, r.start()[i] - ready);
            lastRetire[to.ordinal()] = r.retire()[i];
        }
        return late;
    }

    private static void printByOpcode(List<Instruction> ins, SimResult g, SohuCoreHarness.Run r) {
        long[] rtl = new long[Opcode.values().length];
        long[] model = new long[rtl.length];
        int[] n = new int[rtl.length];
        for (int i = 0; i < ins.size(); i++) {
            int o = ins.get(i).opcode().ordinal();
            n[o]++;
            rtl[o] += r.retire()[i] - r.start()[i];
            model[o] += g.end()[i] - g.start()[i];
        }
        long[] late = lateStarts(ins, r);
        System.out.printf("  rtl starts later than queue and tokens allow (fetch, issue): load %,d compute %,d store %,d cycles%n",
                late[0], late[1], late[2]);
        Map<String, long[]> dma = new java.util.TreeMap<>();
        for (int i = 0; i < ins.size(); i++) {
            if (ins.get(i) instanceof Dma d) {
                long[] a = dma.computeIfAbsent(String.format("%s %s %d rows x %d elements", d.opcode(), d.space(), d.rows(), d.elems()),
                        k -> new long[3]);
                a[0]++;
                a[1] += r.retire()[i] - r.start()[i];
                a[2] += g.end()[i] - g.start()[i];
            }
        }
        dma.forEach((k, a) -> System.out.printf("    %-36s %4d: rtl %7.1f model %7.1f cycles each%n", k, a[0], (double) a[1] / a[0],
                (double) a[2] / a[0]));
        for (Opcode o : Opcode.values()) {
            if (n[o.ordinal()] > 0) {
                System.out.printf("  %-7s %5d instructions: rtl %,10d model %,10d cycles%n", o, n[o.ordinal()], rtl[o.ordinal()],
                        model[o.ordinal()]);
            }
        }
    }
}
