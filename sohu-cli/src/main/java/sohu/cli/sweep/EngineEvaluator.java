package sohu.cli.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sohu.cli.sweep.PointResult.Area;
import sohu.cli.sweep.PointResult.Gemm;
import sohu.cli.sweep.PointResult.Perf;
import sohu.cli.sweep.PointResult.SynthStatus;
import sohu.core.array.ArrayConfig;
import sohu.core.array.MatrixEngine;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;

/**
 * The real evaluation of a point: generate the matrix engine ({@link MatrixEngine}, configured by
 * {@link ReferenceGemm#config}), lint it ({@link Lint}), synthesize it ({@link AreaSynth}, unless
 * off or above the size cap), run the reference GEMM in Verilator ({@link GemmRun}) and predict
 * tokens/s ({@link Throughput}). A failing step is noted and the independent steps still run.
 */
public final class EngineEvaluator implements PointEvaluator {
    private final SweepSettings settings;

    /** An evaluator for a sweep's settings. */
    public EngineEvaluator(SweepSettings settings) {
        this.settings = settings;
    }

    @Override
    public PointResult evaluate(int index, SweepPoint p, Path workDir) {
        List<String> notes = new ArrayList<>();
        boolean ok = true;
        ArrayConfig cfg;
        Emitted rtl;
        try {
            cfg = ReferenceGemm.config(p);
            rtl = OutputWriter.write(MatrixEngine.elaborate(cfg), workDir.resolve("rtl"));
        } catch (RuntimeException e) {
            return new PointResult(index, p, "", null, Area.off(), null, null, false,
                    "generation failed: " + message(e));
        }

        Integer lint = null;
        try {
            lint = Lint.warnings(rtl);
            if (lint != 0) {
                ok = false;
                notes.add(lint + " lint warning" + (lint == 1 ? "" : "s") + " (see work/" + p.key() + "/lint.log)");
            }
        } catch (Exception e) {
            ok = false;
            notes.add("lint: " + message(e));
        }

        Area area;
        if (!settings.synth()) {
            area = Area.off();
        } else if (!settings.synthesizes(p)) {
            area = Area.of(SynthStatus.SKIPPED);
            notes.add("synthesis skipped: " + p.pes() + " PEs > --synth-max-pes " + settings.synthMaxPes());
        } else {
            try {
                area = AreaSynth.run(rtl, "PeArray_");
            } catch (Exception e) {
                ok = false;
                area = Area.of(SynthStatus.FAILED);
                notes.add("yosys: " + message(e));
            }
        }

        Gemm gemm = null;
        Perf perf = null;
        try {
            gemm = GemmRun.run(rtl, p, p.key().hashCode());
            if (!gemm.exact()) {
                ok = false;
                notes.add("simulated C differs from the golden model");
            }
            perf = Throughput.predict(p, gemm.utilization(), settings);
        } catch (Exception e) {
            ok = false;
            notes.add((gemm == null ? "simulation: " : "performance model: ") + message(e));
        }
        return new PointResult(index, p, rtl.top(), lint, area, gemm, perf, ok, String.join("; ", notes));
    }

    /** One line: the exception's message, or its type when it has none. */
    static String message(Throwable e) {
        String m = e.getMessage();
        String s = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        return s.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
