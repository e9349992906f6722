package sohu.verilator.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import sohu.hdl.exec.ExternalCommand;
import sohu.hdl.exec.FileTrees;
import sohu.verilator.BuildResult;
import sohu.verilator.Sim;
import sohu.verilator.SimBuilder;
import sohu.verilator.SimOptions;
import sohu.verilator.SimSource;

/**
 * Measures the bridge: cold and cached build times, and cycles per second of a loop that pokes two
 * inputs, steps and peeks two outputs every cycle on a small design.
 * Usage: {@code BridgeBench [cycles]} (default 5,000,000).
 */
public final class BridgeBench {
    private BridgeBench() {}

    private static final String DESIGN = """
            `default_nettype none
            module bench_top (
              input  logic        clk,
              input  logic [31:0] a,
              input  logic [31:0] b,
              output logic [31:0] sum,
              output logic [31:0] acc
            );
              always_ff @(posedge clk) begin
                sum <= a + b;
                acc <= acc ^ (a - b);
              end
            endmodule
            `default_nettype wire
            """;

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--probe")) {
            probe(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        long cycles = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 5_000_000L;
        Path work = Files.createTempDirectory("bridge-bench");
        Path sv = work.resolve("bench_top.sv");
        Files.writeString(sv, DESIGN, StandardCharsets.UTF_8);
        SimSource src = SimSource.of("bench_top", sv);
        SimOptions opts = SimOptions.defaults();

        System.setProperty("sohu.verilator.ccache", "false");
        BuildResult noCcache = new SimBuilder(work.resolve("cache0")).build(src, opts);
        System.setProperty("sohu.verilator.ccache", "true");
        new SimBuilder(work.resolve("cache1")).build(src, opts); // fills ccache
        SimBuilder builder = new SimBuilder(work.resolve("cache2"));
        BuildResult warmCcache = builder.build(src, opts);
        BuildResult hit = builder.build(src, opts);
        System.out.printf("build, cold, no ccache:      %6d ms%n", noCcache.elapsed().toMillis());
        System.out.printf("build, cold, ccache warm:    %6d ms%n", warmCcache.elapsed().toMillis());
        System.out.printf("build, cached (same JVM):    %6d ms (cached=%s)%n", hit.elapsed().toMillis(), hit.cached());
        System.out.printf("build+open+step, new JVM:    %s%n", newJvmProbe(builder.cacheDir(), sv));

        for (int history : new int[] {0, 16}) {
            try (Sim sim = Sim.open(hit, opts.withHistory(history))) {
                loop(sim, cycles / 10); // warm up the JIT
            }
            try (Sim sim = Sim.open(hit, opts.withHistory(history))) {
                long t0 = System.nanoTime();
                loop(sim, cycles);
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("poke,poke,step,peek,peek (history %2d): %.2f M cycles/s (%d cycles in %.2f s)%n",
                        history, cycles / s / 1e6, cycles, s);
            }
        }
        try (Sim sim = Sim.open(hit, opts.withHistory(0))) {
            sim.step(cycles / 10);
            long t0 = System.nanoTime();
            for (long i = 0; i < cycles; i++) sim.step();
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("step only (one JNI call per cycle):   %.2f M cycles/s%n", cycles / s / 1e6);
        }
        FileTrees.delete(work); // the libraries stay loaded; only the files go
    }

    /** The measured loop; checks the outputs against a Java model so the work cannot be skipped. */
    private static void loop(Sim sim, long cycles) {
        Sim.Port a = sim.port("a");
        Sim.Port b = sim.port("b");
        Sim.Port sum = sim.port("sum");
        Sim.Port acc = sim.port("acc");
        int model = 0;
        long check = 0;
        for (long i = 0; i < cycles; i++) {
            int x = (int) (i * 0x9E3779B9L);
            int y = (int) i;
            a.set(x & 0xFFFFFFFFL);
            b.set(y & 0xFFFFFFFFL);
            sim.step();
            model ^= x - y;
            check += sum.get() ^ (x + y & 0xFFFFFFFFL);
            check += acc.get() ^ (model & 0xFFFFFFFFL);
        }
        if (check != 0) throw new AssertionError("simulation disagrees with the Java model");
    }

    private static String newJvmProbe(Path cache, Path sv) {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), BridgeBench.class.getName(), "--probe", cache.toString(), sv.toString());
        return ExternalCommand.of(cmd).check("the new-JVM probe").output().strip();
    }

    private static void probe(Path cache, Path sv) {
        long t0 = System.nanoTime();
        BuildResult r = new SimBuilder(cache).build(SimSource.of("bench_top", sv), SimOptions.defaults());
        try (Sim sim = Sim.open(r, SimOptions.defaults())) {
            sim.step();
        }
        System.out.printf("%6d ms (cached=%s, build %d ms)%n", (System.nanoTime() - t0) / 1_000_000, r.cached(),
                r.elapsed().toMillis());
    }
}
