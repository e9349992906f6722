package sohu.cli.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import sohu.cli.sweep.PointResult.Area;
import sohu.cli.sweep.PointResult.Gemm;
import sohu.cli.sweep.PointResult.Perf;
import sohu.cli.sweep.PointResult.SynthStatus;

/**
 * A test stand-in for the engine: results derived arithmetically from the point (so tests can
 * predict them), recording which points it evaluated; chosen keys fail.
 */
final class FakeEvaluator implements PointEvaluator {
    final List<String> evaluated = new CopyOnWriteArrayList<>();
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final SweepSettings settings;

    FakeEvaluator(SweepSettings settings) {
        this.settings = settings;
    }

    @Override
    public PointResult evaluate(int index, SweepPoint p, Path workDir) {
        evaluated.add(p.key());
        try {
            // Smaller points finish later, so completion order differs from grid order.
            Thread.sleep(Math.max(0, 40 - p.pes()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean ok = !failing.contains(p.key());
        Area area = settings.synthesizes(p)
                ? new Area(SynthStatus.DONE, 1000L * p.pes() + p.format().width(), 100L * p.pes(), 900L * p.pes(), 50L * p.pes())
                : Area.of(settings.synth() ? SynthStatus.SKIPPED : SynthStatus.OFF);
        ReferenceGemm g = ReferenceGemm.of(p);
        long cycles = g.macs() / p.pes() + 10L * p.latency() + p.rows();
        Gemm gemm = new Gemm(g.m(), g.k(), g.n(), cycles, g.utilization(p, cycles), ok);
        Perf perf = new Perf(settings.clockMhz(), settings.arrays(p), 1.5, 1000.0 * p.pes(), 100.0 * p.pes());
        return new PointResult(index, p, "Fake_" + p.key(), 0, area, gemm, perf, ok, ok ? "" : "fake failure, with comma");
    }
}
