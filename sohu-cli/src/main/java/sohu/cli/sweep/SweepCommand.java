package sohu.cli.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sohu.cli.CliException;
import sohu.cli.DesignOutput;
import sohu.core.fp.FpFormat;

/**
 * {@code sohu sweep}: runs a grid of matrix-engine configurations through generation, lint, Yosys
 * area, a reference GEMM in Verilator and the performance model; writes {@code sweep.csv} and
 * PNG plots. See {@link sohu.cli.sweep} for the folder layout and the CSV columns.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a grid of matrix-engine configurations (array size, format, FMA latency) through "
                + "generation, verilator --lint-only -Wall, Yosys generic synthesis (area), a reference GEMM in "
                + "Verilator (cycles, utilization) and the performance model (tokens/s); writes sweep.csv and "
                + "area.png, utilization.png, tokens.png into the output folder.",
            "Points run in parallel; a restarted sweep skips the points already done. Exit code 1 if a point failed.",
            "Reference GEMM: M = 8R, K = 2R, N = 2C; utilization = M*K*N / (R*C*cycles). Chip: --macs / (R*C) "
                    + "arrays at --clock-mhz, Llama-3-70B on 8 chips."},
        subcommands = SweepMergeCommand.class,
        footer = {"", "Examples:",
            "  sohu sweep --rows 2,4,8 --square --format bf16,e4m3 --latency 1,2",
            "  sohu sweep --grid points.csv --shard 2/4 -o sweep-2      (one of 4 machines)",
            "  sohu sweep merge -o sweep sweep-1 sweep-2 sweep-3 sweep-4"})
public final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rows", split = ",", paramLabel = "R",
            description = "Array rows, comma-separated, 2..256 (default: 2,4,8).")
    List<Integer> rows;

    @Option(names = "--cols", split = ",", paramLabel = "C",
            description = "Array columns, comma-separated, 2..256 (default: square arrays, cols = rows).")
    List<Integer> cols;

    @Option(names = "--square", description = "Square arrays only: pair each --rows value with itself.")
    boolean square;

    @Option(names = "--format", split = ",", paramLabel = "F",
            description = "Input formats: bf16, fp16, e4m3, e5m2 (default: all four).")
    List<String> formats;

    @Option(names = "--latency", split = ",", paramLabel = "L",
            description = "FMA latencies in cycles, 1..4 (default: 3).")
    List<Integer> latencies;

    @Option(names = "--grid", paramLabel = "FILE",
            description = "Read the points from FILE instead: one 'rows,cols,format[,latency]' per line, "
                    + "'#' comments; a header line may name the columns (so an earlier sweep.csv works).")
    Path grid;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "sweep",
            description = "Output folder (default: ${DEFAULT-VALUE}); holds sweep.csv, the plots, points/ and work/.")
    Path out;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Points evaluated at once (default: the number of cores).")
    Integer jobs;

    @Option(names = "--shard", paramLabel = "i/n",
            description = "Run only every n-th point of the grid starting at the i-th, i counted from 1 "
                    + "(e.g. 1/4 .. 4/4, $SLURM_ARRAY_TASK_ID/4 with --array=1-4).")
    String shard;

    @Option(names = "--no-synth", description = "Skip Yosys synthesis (no area columns or plot).")
    boolean noSynth;

    @Option(names = "--synth-max-pes", paramLabel = "N",
            description = "Synthesize only arrays of at most N PEs (rows*cols); larger ones are skipped with a "
                    + "note (default: 256, i.e. 16x16).")
    Integer synthMaxPes;

    @Option(names = "--clock-mhz", paramLabel = "F",
            description = "Array clock for the performance model, in (0, 10000] (default: 1200).")
    Double clockMhz;

    @Option(names = "--macs", paramLabel = "N",
            description = "MAC units per chip; each point gets floor(N / (R*C)) arrays "
                    + "(default: 4194304, the reference chip's 64 arrays of 256x256).")
    Long macs;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (default): a bar redrawn in place when stderr is a terminal, else one line per "
                    + "point; tty: always in place; lines: always one line per point.")
    String progress;

    /** What evaluates the points; replaced in tests. */
    Backend backend = Backend.ENGINE;

    @Override
    public Integer call() throws IOException {
        SweepGrid g = grid();
        Shard s = shard();
        SweepSettings settings = settings();
        int j = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (j < 1) {
            throw usage("--jobs must be at least 1, got " + j);
        }
        boolean inPlace = switch (progress) {
            case "auto" -> Terminal.stderrIsTerminal();
            case "tty" -> true;
            case "lines" -> false;
            default -> throw usage("--progress must be auto, tty or lines, got '" + progress + "'");
        };
        if (out.toString().isBlank()) {
            throw usage("--out must name a folder, got an empty path (the default is --out sweep)");
        }
        Path dir = out.toAbsolutePath().normalize();
        DesignOutput.checkWritable(dir);
        PrintWriter err = spec.commandLine().getErr();
        backend.checkTools(g, settings, err);
        SweepRunner.Outcome o;
        try {
            o = new SweepRunner(new PointStore(dir), backend.evaluator(settings), settings, j, err, inPlace).run(g, s);
        } catch (IOException e) {
            throw new CliException("cannot write into " + dir + ": " + e.getMessage());
        }
        report(spec.commandLine().getOut(), o, dir);
        if (o.failed() > 0) {
            throw new CliException(o.failed() + " of " + SweepRunner.plural(o.results().size(), "point")
                    + " failed; see the status and note columns of " + o.csv());
        }
        return 0;
    }

    static void report(PrintWriter out, SweepRunner.Outcome o, Path dir) {
        for (PointResult r : o.results()) {
            out.println("  " + Summary.line(r));
        }
        out.println("Wrote " + PointStore.SWEEP_CSV + " (" + SweepRunner.plural(o.results().size(), "point") + ") and "
                + String.join(", ", SweepPlots.FILES) + " into " + dir);
        out.flush();
    }

    private SweepGrid grid() {
        try {
            if (grid != null) {
                if (rows != null || cols != null || square || formats != null || latencies != null) {
                    throw new IllegalArgumentException(
                            "--grid cannot be combined with --rows, --cols, --square, --format or --latency");
                }
                return GridFile.read(grid);
            }
            List<FpFormat> fs = new ArrayList<>();
            for (String f : formats == null ? List.<String>of() : formats) {
                fs.add(SweepPoint.parseFormat(f));
            }
            return SweepGrid.ofAxes(rows == null ? SweepGrid.DEFAULT_SIDES : rows, cols,
                    formats == null ? SweepGrid.DEFAULT_FORMATS : fs,
                    latencies == null ? SweepGrid.DEFAULT_LATENCIES : latencies, square || cols == null);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private Shard shard() {
        try {
            return shard == null ? Shard.ALL : Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private SweepSettings settings() {
        try {
            return new SweepSettings(clockMhz == null ? SweepSettings.DEFAULT_CLOCK_MHZ : clockMhz,
                    macs == null ? SweepSettings.DEFAULT_MAC_BUDGET : macs, !noSynth,
                    synthMaxPes == null ? SweepSettings.DEFAULT_SYNTH_MAX_PES : synthMaxPes);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
