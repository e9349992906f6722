package sohu.verify.soc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import sohu.core.compile.CoreConfig;
import sohu.core.fp.FpFormat;
import sohu.core.golden.GoldenEngine;
import sohu.core.golden.SimResult;
import sohu.core.isa.Dma;
import sohu.core.isa.Instruction;
import sohu.core.isa.Move;
import sohu.core.isa.Scalar;
import sohu.core.isa.Vector;
import sohu.core.model.ModelSpec;
import sohu.core.model.RandomLlama;
import sohu.core.model.SequenceChunk;

class CycleTraceProbeSimTest {
    @Test
    void probe() {
        FpFormat f = FpFormat.valueOf(System.getProperty("probe.fmt", "BF16"));
        CoreConfig core = CoreConfig.of(4, f);
        ModelSpec tiny = ModelSpec.tiny();
        var w = CycleCalibration.weights(RandomLlama.generate(tiny, 3));
        try (RtlEngine rtl = new RtlEngine(tiny, w, core)) {
            GoldenEngine golden = new GoldenEngine(tiny, w, core, false);
            List<SequenceChunk> batch = List.of(new SequenceChunk(0, 0, new int[] {1, 7, 300, 42, 5, 99, 13, 250, 8, 77, 6, 511, 3, 64, 128, 9, 400}),
                    new SequenceChunk(1, 0, new int[] {17, 2, 480}));
            golden.step(batch);
            rtl.step(batch);
            SimResult g = golden.lastRun();
            var r = rtl.lastRun();
            List<Instruction> ins = golden.lastProgram().program().instructions();
            Map<String, long[]> agg = new TreeMap<>();
            for (int i = 0; i < ins.size(); i++) {
                Instruction in = ins.get(i);
                long rd = r.retire()[i] - r.start()[i];
                long gd = g.end()[i] - g.start()[i];
                String key = in.opcode() + " " + shape(in, core);
                long[] a = agg.computeIfAbsent(key, k -> new long[3]);
                a[0]++;
                a[1] += rd;
                a[2] += gd;
            }
            agg.forEach((k, a) -> System.out.printf("PROBE %-50s n=%4d rtl %8.1f model %8.1f%n", k, a[0], (double) a[1] / a[0],
                    (double) a[2] / a[0]));
            // gaps: per queue, cycles between retire of one and start of the next
            System.out.printf("PROBE total rtl %d model %d%n", r.cycles(), g.cycles());
            for (int i = 0; i < Math.min(ins.size(), 60); i++) {
                System.out.printf("PROBE #%d %s %s rtl %d..%d model %d..%d%n", i, ins.get(i).opcode(), shape(ins.get(i), core),
                        r.start()[i], r.retire()[i], g.start()[i], g.end()[i]);
            }
        }
    }

    static String shape(Instruction in, CoreConfig core) {
        if (in instanceof Dma d) {
            return d.space() + " rows " + d.rows() + " bytes " + (long) d.elems() * d.space().elementBytes(core.format());
        }
        if (in instanceof Vector v) {
            return v.op() + " " + v.reduce() + " len " + v.length();
        }
        if (in instanceof Move m) {
            return "rows " + m.rows() + " words " + m.words();
        }
        if (in instanceof Scalar s) {
            return s.fn().toString();
        }
        return in.toString().length() > 40 ? in.toString().substring(0, 40) : in.toString();
    }
}
