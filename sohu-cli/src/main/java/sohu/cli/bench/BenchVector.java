package sohu.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sohu.cli.CliException;
import sohu.constraints.SynthTarget;
import sohu.constraints.YosysSynth;
import sohu.core.fp.FpFormat;
import sohu.core.fp.rtl.ConvertFp32Tile;
import sohu.core.fp.rtl.FmaTile;
import sohu.core.xformer.Accuracy;
import sohu.core.xformer.RowConvert;
import sohu.core.xformer.rtl.ExpUnit;
import sohu.core.xformer.rtl.ReciprocalUnit;
import sohu.core.xformer.rtl.RsqrtUnit;
import sohu.core.xformer.rtl.SiluUnit;
import sohu.core.xformer.rtl.VectorLane;
import sohu.core.xformer.rtl.VectorUnit;
import sohu.hdl.Elaborator;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.ir.Circuit;
import sohu.verify.Mismatch;
import sohu.verify.xformer.VectorRowCycles;

/**
 * {@code sohu bench vector}: the vector unit's accuracy (golden models against double precision),
 * its cycles for a softmax row and an RMSNorm row, and with {@code --area} Yosys cells per lane.
 */
@Command(name = "vector", mixinStandardHelpOptions = true,
        description = "Prints the vector unit's accuracy table, the cycles of a 2048-element softmax row and an "
                + "8192-element RMSNorm row per lane count, and (with --area) Yosys generic cells per lane per format.")
public final class BenchVector implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "1000000",
            description = "Random inputs per function (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--stride", paramLabel = "S", defaultValue = "1021",
            description = "Sweep every S-th FP32 value of each function's range; 1 = every value (default: ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--lanes", paramLabel = "L", split = ",", defaultValue = "8,16,32,64,128",
            description = "Lane counts of the throughput table (default: ${DEFAULT-VALUE}).")
    List<Integer> lanes;

    @Option(names = "--sim-lanes", paramLabel = "L", split = ",", defaultValue = "2,4",
            description = "Lane counts whose softmax and RMSNorm rows are measured in Verilator (a build of about a minute "
                    + "per lane pair; default: ${DEFAULT-VALUE}).")
    List<Integer> simLanes;

    @Option(names = "--no-sim", description = "Skip the Verilator measurement of the rows.")
    boolean noSim;

    @Option(names = "--area", description = "Also synthesize one lane and each format's converter with Yosys (minutes).")
    boolean area;

    @Override
    public Integer call() {
        if (samples < 1 || stride < 1) {
            throw new ParameterException(spec.commandLine(), "--samples and --stride must be at least 1");
        }
        for (int l : lanes) {
            if (l < 1 || Integer.bitCount(l) != 1) {
                throw new ParameterException(spec.commandLine(), "--lanes takes powers of two, got " + l);
            }
        }
        for (int l : simLanes) {
            if (l < 1 || l > 64 || Integer.bitCount(l) != 1) {
                throw new ParameterException(spec.commandLine(), "--sim-lanes takes powers of two 1..64, got " + l);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        accuracy(out);
        throughput(out);
        if (!noSim) {
            simulated(out);
        }
        if (area) {
            area(out);
        }
        out.flush();
        return 0;
    }

    private void accuracy(PrintWriter out) {
        out.println("Accuracy of the golden models (bit-exact with the RTL) against double precision (StrictMath)");
        out.printf(Locale.ROOT, "%-11s %-24s %9s %9s %9s %13s%n", "function", "inputs", "count", "max ULP",
                "mean ULP", "BF16 correct");
        for (Accuracy.Function f : Accuracy.Function.values()) {
            row(out, f, "random (seed 1)", Accuracy.random(f, samples, 1));
            row(out, f, "every " + stride + "th of range", Accuracy.sweep(f, stride));
        }
        out.println();
        out.printf(Locale.ROOT, "%-34s %14s %16s %14s %13s%n", "rows (16 lanes, 10 rows each)", "max row rel", "max element rel",
                "mean BF16 rel", "BF16 correct");
        for (double sigma : new double[] {1, 4, 10}) {
            rowStats(out, "softmax 2048, scores N(0," + (int) sigma + "^2)", Accuracy.softmax(10, 2048, sigma, 16, 3));
        }
        rowStats(out, "RMSNorm 8192, x N(0,1)", Accuracy.rmsNorm(10, 8192, 16, 4));
        out.println("(row rel = sum|y - ref| / sum|ref|; element rel = max |y - ref| / |ref|; BF16: the FP32 result converted "
                + "as the unit writes it)");
        out.println();
    }

    private static void rowStats(PrintWriter out, String what, Accuracy.RowStats s) {
        out.printf(Locale.ROOT, "%-34s %14.2e %16.2e %13.3f%% %12.4f%%%n", what, s.maxRow(), s.maxElement(), 100 * s.meanBf16(),
                100 * s.bf16Correct());
    }

    private static void row(PrintWriter out, Accuracy.Function f, String what, Accuracy.Stats s) {
        out.printf(Locale.ROOT, "%-11s %-24s %9d %9.3f %9.4f %12.4f%%%n", f.name().toLowerCase(Locale.ROOT), what,
                s.count(), s.maxUlp(), s.meanUlp(), 100 * s.bf16CorrectlyRounded());
    }

    private void throughput(PrintWriter out) {
        out.println("Cycles (instruction = 1 accept + ceil(n/L) words + drain: the RTL's timing without stalls, measured below)");
        out.printf(Locale.ROOT, "%6s %8s %22s %22s %26s%n", "lanes", "drain", "softmax 2048 (3 instr)",
                "RMSNorm 8192 (2 instr)", "max R*C at head_dim 128");
        for (int l : lanes) {
            out.printf(Locale.ROOT, "%6d %8d %22d %22d %26d%n", l, VectorUnit.drainCycles(l),
                    3 * instruction(2048, l), 2 * instruction(8192, l), 4L * 128 * l);
        }
        out.println("(exp sizing rule: L lanes keep up with an R x C array when L >= R*C/(4*head_dim))");
        out.println();
    }

    private void simulated(PrintWriter out) {
        out.println("Cycles measured in Verilator (VectorUnit, BF16 activations; results checked bit for bit against the golden models)");
        out.printf(Locale.ROOT, "%6s %22s %22s %10s%n", "lanes", "softmax 2048 (3 instr)", "RMSNorm 8192 (2 instr)", "formula");
        for (int l : simLanes) {
            VectorRowCycles.Result r;
            try {
                r = VectorRowCycles.measure(l, FpFormat.BF16, 2048, 8192, 1);
            } catch (Mismatch m) {
                throw new CliException("the " + l + "-lane unit's rows differ from the golden model: " + m.getMessage());
            }
            boolean same = r.softmax() == 3 * instruction(2048, l) && r.rmsNorm() == 2 * instruction(8192, l);
            out.printf(Locale.ROOT, "%6d %22d %22d %10s%n", l, r.softmax(), r.rmsNorm(), same ? "equal" : "DIFFERS");
            if (!same) {
                throw new CliException("the measured cycles of " + l + " lanes differ from 1 + ceil(n/L) + drain per instruction");
            }
        }
        out.println();
    }

    private static long instruction(int n, int lanes) {
        return 1 + (n + lanes - 1) / lanes + VectorUnit.drainCycles(lanes);
    }

    private void area(PrintWriter out) {
        out.println("Area (Yosys generic synth cells)");
        long lane = cells(Elaborator.elaborate(VectorLane.class));
        out.printf(Locale.ROOT, "%-10s %12s %14s %14s%n", "format", "lane cells", "converter", "per lane");
        for (FpFormat f : FpFormat.values()) {
            long conv = f == FpFormat.FP32 ? 0 : cells(Elaborator.elaborate(ConvertFp32Tile.class,
                    new ConvertFp32Tile.Params(f, RowConvert.saturation(f))));
            out.printf(Locale.ROOT, "%-10s %12d %14d %14d%n", f.name().toLowerCase(Locale.ROOT), lane, conv, lane + conv);
        }
        out.println();
        out.println("Parts of a lane (Yosys generic synth cells; the lane has 17 FP32 FMA tiles, one exp, one reciprocal, one rsqrt)");
        out.printf(Locale.ROOT, "%-34s %12s%n", "part", "cells");
        out.printf(Locale.ROOT, "%-34s %12d%n", "FP32 FMA tile (latency 1)", cells(Elaborator.elaborate(FmaTile.class,
                new FmaTile.Params(FpFormat.FP32, 1))));
        out.printf(Locale.ROOT, "%-34s %12d%n", "exp (ExpUnit)", cells(Elaborator.elaborate(ExpUnit.class)));
        out.printf(Locale.ROOT, "%-34s %12d%n", "reciprocal (ReciprocalUnit, 4 FMA)", cells(Elaborator.elaborate(ReciprocalUnit.class)));
        out.printf(Locale.ROOT, "%-34s %12d%n", "rsqrt (RsqrtUnit, 6 FMA)", cells(Elaborator.elaborate(RsqrtUnit.class)));
        out.printf(Locale.ROOT, "%-34s %12d%n", "SiLU/SwiGLU with the shared paths", cells(Elaborator.elaborate(SiluUnit.class)));
        out.println();
    }

    private static long cells(Circuit c) {
        try {
            Path dir = Files.createTempDirectory("sohu-bench-vector-");
            var emitted = OutputWriter.write(c, dir.resolve("rtl"));
            return YosysSynth.run(emitted, emitted.top(), SynthTarget.GENERIC).cells();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
