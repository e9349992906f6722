package sohu.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sohu.cli.CliException;
import sohu.cli.OutputFolder;
import sohu.cli.batching.BatchingMergeCommand;
import sohu.cli.batching.BatchingPoint;
import sohu.cli.batching.BatchingResult;
import sohu.cli.batching.BatchingRunner;
import sohu.cli.batching.BatchingSettings;
import sohu.cli.batching.BatchingStore;
import sohu.cli.batching.BatchingTable;
import sohu.cli.sweep.Shard;
import sohu.cli.sweep.SweepPoint;
import sohu.cli.sweep.Progress;
import sohu.core.fp.FpFormat;
import sohu.core.sched.SeedStep;

/**
 * {@code sohu bench batching}: the array utilization of the seed's batching step, scaled down
 * ({@link SeedStep}), compiled for each array and format and timed by the golden simulator and the
 * step cycle model, by the model alone, or on the RTL core in Verilator from its counters; and of
 * the decode-only step. See {@link BatchingStore} for the folder.
 */
@Command(name = "batching", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compiles the seed's batching step scaled down (one prompt's P prefill tokens plus P/16 "
                + "decode tokens of other sequences, on a random Llama whose linear/attention FLOP ratio per token "
                + "matches Llama-3-70B's at 2175 tokens) and the decode-only step (the same decode tokens alone) "
                + "for each array and format, times each on the golden simulator and the step cycle model (which "
                + "must agree), the model alone, or the RTL core in Verilator (its counters), and prints array utilization with the cycles lost by cause.",
            "Writes batching.csv, batching.txt and batching.png into --out; a rerun skips the steps already done. "
                    + "Exit code 1 if a step failed."},
        subcommands = BatchingMergeCommand.class,
        footer = {"", "Examples:",
            "  sohu bench batching --array 8x8,16x16 --format bf16,e4m3 --prefill 128",
            "  sohu bench batching --engine rtl --array 8x8 --format bf16 -o rtlbb   (~20 min)",
            "  sohu bench batching --shard 1/2 -o batching-1     (one of two machines)",
            "  sohu bench batching merge -o batching batching-1 batching-2"})
public final class BenchBatching implements Callable<Integer> {
    /** Default prompt tokens: 2048 scaled by 1/16. */
    public static final int DEFAULT_PREFILL = 128;

    @Spec
    CommandSpec spec;

    @Option(names = "--array", split = ",", paramLabel = "RxR", defaultValue = "8x8,16x16",
            description = "Square arrays, a power of two 2..256 a side (default: ${DEFAULT-VALUE}).")
    List<String> arrays;

    @Option(names = "--format", split = ",", paramLabel = "F", defaultValue = "bf16,e4m3",
            description = "Chip formats: " + SweepPoint.FORMAT_NAMES + " (default: ${DEFAULT-VALUE}).")
    List<String> formats;

    @Option(names = "--prefill", paramLabel = "P", defaultValue = "" + DEFAULT_PREFILL,
            description = "Prompt tokens of the mixed step, >= 8; the model's width follows it (default: "
                    + "${DEFAULT-VALUE}, hidden 512).")
    int prefill;

    @Option(names = "--decode", paramLabel = "D",
            description = "Decode tokens (sequences) of the step, >= 1 (default: P/16, at least 1).")
    Integer decode;

    @Option(names = "--layers", paramLabel = "L", defaultValue = "" + SeedStep.DEFAULT_LAYERS,
            description = "Layers of the scaled model, >= 1 (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "" + BatchingSettings.DEFAULT_DEPTH,
            description = "Words of each core memory (activation, weight, accumulator, vector): a power of two, at "
                    + "most 4096 and 2^20 / R (default: ${DEFAULT-VALUE}, the default core's).")
    int depth;

    @Option(names = "--engine", paramLabel = "E", defaultValue = "golden",
            description = "golden: the golden simulator (every multiply-add) and the step cycle model, which must "
                    + "agree; model: the step cycle model alone, much faster; rtl: the RTL core of each point's "
                    + "configuration in Verilator (built on first use; ~25k cycles/s at 8x8: minutes per step), "
                    + "utilization and losses from its counters, the model's cycles beside them "
                    + "(default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Steps run at once (default: the cores).")
    Integer jobs;

    @Option(names = "--shard", paramLabel = "i/n",
            description = "Run only every n-th step starting at the i-th (1 <= i <= n); join shards with merge.")
    String shard;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "bench-batching",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (default): a bar redrawn in place when stderr is a terminal, else one line per "
                    + "step; tty: always in place; lines: always one line per step.")
    String progress;

    @Override
    public Integer call() {
        BatchingSettings settings = settings();
        List<BatchingPoint> points = points();
        checkDepth(points, settings);
        Shard s;
        try {
            s = shard == null ? Shard.ALL : Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        int j = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (j < 1) {
            throw usage("--jobs must be at least 1, got " + j);
        }
        boolean inPlace;
        try {
            inPlace = Progress.inPlace(progress);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (out.toString().isBlank()) {
            throw usage("--out must name a folder, got an empty path (the default is --out bench-batching)");
        }
        OutputFolder.checkWritable(out);
        BatchingStore store = new BatchingStore(out);
        PrintWriter o = spec.commandLine().getOut();
        o.print(BatchingTable.header(settings));
        o.flush();
        List<BatchingResult> results;
        String table;
        try {
            results = new BatchingRunner(store, settings, j, spec.commandLine().getErr(), inPlace).run(points, s);
            table = store.writeAll(results);
        } catch (IOException e) {
            throw new CliException("cannot write into " + store.dir() + ": " + e.getMessage());
        }
        o.print(table);
        o.println("Wrote " + BatchingStore.CSV + ", " + BatchingStore.TABLE + " and " + BatchingStore.PLOT + " into "
                + store.dir());
        o.flush();
        long failed = results.stream().filter(r -> !r.ok()).count();
        if (failed > 0) {
            throw new CliException(failed + " of " + results.size() + " steps failed; see the note column of "
                    + store.dir().resolve(BatchingStore.CSV));
        }
        return 0;
    }

    private BatchingSettings settings() {
        if (!BatchingSettings.ENGINES.contains(engine)) {
            throw usage("--engine must be golden, model or rtl, got '" + engine + "'");
        }
        if (prefill < 8) {
            throw usage("--prefill must be at least 8, got " + prefill);
        }
        int d = decode != null ? decode : Math.max(1, prefill / SeedStep.PREFILL_PER_DECODE);
        if (d < 1) {
            throw usage("--decode must be at least 1, got " + d);
        }
        if (layers < 1) {
            throw usage("--layers must be at least 1, got " + layers);
        }
        BatchingSettings s = new BatchingSettings(prefill, d, layers, depth, engine);
        return s;
    }

    /** Rejects a depth no core of the run can have, naming the option. */
    private void checkDepth(List<BatchingPoint> points, BatchingSettings s) {
        for (BatchingPoint p : points) {
            try {
                s.core(p);
            } catch (IllegalArgumentException e) {
                throw usage("--depth " + depth + " on " + p.array() + ": " + e.getMessage());
            }
        }
    }

    private List<BatchingPoint> points() {
        List<BatchingPoint> ps = new ArrayList<>();
        for (String a : arrays) {
            String[] rc = a.strip().toLowerCase(Locale.ROOT).split("x", -1);
            int n;
            try {
                n = Integer.parseInt(rc[0]);
                if (rc.length != 2 || Integer.parseInt(rc[1]) != n) {
                    throw usage("--array " + a + ": the array must be square, RxR with R = C (e.g. 8x8)");
                }
            } catch (NumberFormatException e) {
                throw usage("--array must be RxR, e.g. 8x8, got '" + a + "'");
            }
            if (n < 2 || n > 256 || Integer.bitCount(n) != 1) {
                throw usage("--array " + a + ": a side must be a power of two in 2..256");
            }
            for (String f : formats) {
                FpFormat fmt;
                try {
                    fmt = SweepPoint.parseFormat(f);
                } catch (IllegalArgumentException e) {
                    throw usage("--format: " + e.getMessage());
                }
                for (boolean decodeOnly : new boolean[] {false, true}) {
                    BatchingPoint p = new BatchingPoint(n, fmt, decodeOnly);
                    if (!ps.contains(p)) {
                        ps.add(p);
                    }
                }
            }
        }
        ps.sort(BatchingPoint.ORDER);
        return ps;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
