package sohu.cli.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import sohu.cli.sweep.PointResult.SynthStatus;

/** One readable line per point for the end of a sweep. */
final class Summary {
    private Summary() { }

    /** "4x4_bf16_l3: ok, lint clean, 79404 cells, 246 cycles (83.3%, exact), 512345 tokens/s". */
    static String line(PointResult r) {
        List<String> parts = new ArrayList<>();
        parts.add(r.ok() ? "ok" : "FAILED");
        if (r.lintWarnings() != null) {
            parts.add(r.lintWarnings() == 0 ? "lint clean" : r.lintWarnings() + " lint warnings");
        }
        if (r.area().status() == SynthStatus.DONE) {
            parts.add(r.area().cells() + " cells");
        }
        if (r.gemm() != null) {
            parts.add(String.format(Locale.ROOT, "%d cycles (%.1f%%, %s)", r.gemm().cycles(),
                    100 * r.gemm().utilization(), r.gemm().exact() ? "exact" : "MISMATCH"));
        }
        if (r.perf() != null) {
            parts.add(String.format(Locale.ROOT, "%.0f tokens/s", r.perf().tokensPerS()));
        }
        if (!r.note().isEmpty()) {
            parts.add(r.note());
        }
        return r.point().key() + ": " + String.join(", ", parts);
    }
}
