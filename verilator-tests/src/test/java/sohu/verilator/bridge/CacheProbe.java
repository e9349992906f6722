package sohu.verilator.bridge;

import java.nio.file.Path;
import java.util.Arrays;
import sohu.verilator.BuildResult;
import sohu.verilator.Sim;
import sohu.verilator.SimBuilder;
import sohu.verilator.SimOptions;
import sohu.verilator.SimSource;

/** Run in a fresh JVM by {@link CacheTest}: {@code cacheDir top file...}; builds, opens, steps, prints what it did. */
public final class CacheProbe {
    private CacheProbe() {}

    public static void main(String[] args) {
        SimSource src = new SimSource(args[1], Arrays.stream(args, 2, args.length).map(Path::of).toList(), java.util.List.of());
        BuildResult r = new SimBuilder(Path.of(args[0])).build(src, SimOptions.defaults());
        try (Sim sim = Sim.open(r, SimOptions.defaults())) {
            sim.step();
        }
        System.out.println("cached=" + r.cached() + " runs=" + SimBuilder.verilatorRuns() + " library=" + r.library());
    }
}
