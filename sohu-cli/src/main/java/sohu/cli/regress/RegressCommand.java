package sohu.cli.regress;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sohu.cli.CliException;
import sohu.cli.OptionErrors;
import sohu.cli.DesignOutput;
import sohu.cli.sweep.Progress;
import sohu.cli.sweep.Terminal;
import sohu.core.array.ArrayConfig;
import sohu.core.fp.FpFormat;
import sohu.verify.Block;
import sohu.verify.Blocks;
import sohu.verify.xformer.VectorBlock;
import sohu.verify.xformer.VectorChecks;
import sohu.verify.BlockCheck;
import sohu.verify.SharedBuilds;
import sohu.verify.Level;
import sohu.verify.Regression;

/**
 * {@code sohu regress}: the Verilator regression of one configuration. Every block's checks
 * ({@link Blocks}) run bit for bit against their golden models; see README "sohu regress".
 */
@Command(name = "regress", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generates the configuration, builds it in Verilator (cached) and runs every block's bit-exact "
                + "checks against its golden model: the FMA tile (boundary operands, random triples, every FP8 pair), "
                + "the matrix engine (random GEMMs of odd shapes, accumulate, bad commands, host accesses while busy, "
                + "the utilization of a large GEMM from its counters).",
            "Prints the seed, configuration and tool versions first, a progress bar, a summary table and, for the "
                    + "first failed check of each block, the cycle, port, expected and actual values, inputs, a "
                    + "waveform of the window and the command that replays it. Exit code 0 only if everything matched."},
        footer = {"", "Examples:",
            "  sohu regress --level smoke",
            "  sohu regress --array 32x32 --format e4m3 --latency 2 --level full -j 2 --junit regress.xml",
            "  sohu regress --blocks array --check array/gemm-3 --waves"})
public final class RegressCommand implements Callable<Integer> {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,4})[xX](\\d{1,4})");

    @Spec
    CommandSpec spec;

    @Option(names = "--array", paramLabel = "RxC", defaultValue = "16x16",
            description = "Matrix engine size, rows x cols, each 2..256 (default: ${DEFAULT-VALUE}).")
    String array;

    @Option(names = "--format", paramLabel = "F", defaultValue = "bf16",
            description = "Input format: bf16, fp16, e4m3, e5m2, fp32 (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--latency", paramLabel = "L", defaultValue = "" + ArrayConfig.DEFAULT_LATENCY,
            description = "FMA tile latency, 1..4 (default: ${DEFAULT-VALUE}).")
    int latency;

    @Option(names = "--depth", paramLabel = "W", defaultValue = "" + ArrayConfig.DEFAULT_DEPTH,
            description = "Words per scratchpad bank, a power of two (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--blocks", paramLabel = "B,...",
            description = "Blocks to check, comma-separated (default: all: fma, array, vector).")
    String blocks;

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "smoke",
            description = "smoke, full or exhaustive (default: ${DEFAULT-VALUE}).")
    String level;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of every random vector; the same seed repeats the run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Checks run in parallel (default: the number of processors).")
    Integer jobs;

    @Option(names = "--waves", description = "Keep the waveform (FST) of every check, not only of each block's first failure.")
    boolean waves;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the results as JUnit XML to FILE.")
    Path junit;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "out/regress",
            description = "Folder for the report, the emitted RTL and waveforms (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--check", split = ",", paramLabel = "NAME",
            description = "Run only these checks (names as in the report, e.g. array/gemm-3); used by replay lines.")
    List<String> only;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "Progress display: auto (a bar on a terminal, lines otherwise), tty or lines.")
    String progress;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ArrayConfig cfg = config();
        Level lvl = level();
        List<Block> chosen = chosenBlocks();
        int j = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (j < 1) {
            throw usage("-j must be at least 1, got " + j);
        }
        boolean inPlace = switch (progress) {
            case "auto" -> Terminal.stderrIsTerminal();
            case "tty" -> true;
            case "lines" -> false;
            default -> throw usage("--progress must be auto, tty or lines, got '" + progress + "'");
        };
        List<BlockCheck> checks = checks(chosen, cfg, lvl);
        Path dir = prepareOut(out);
        Path junitFile = junit == null ? null : prepareFile(junit);

        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("configuration", describe(cfg));
        props.put("level", lvl.label());
        props.put("seed", Long.toString(seed));
        props.put("blocks", String.join(",", chosen.stream().map(Block::name).toList()));
        props.put("jobs", Integer.toString(j));
        props.put("tools", ToolVersions.describe());
        if (chosen.stream().anyMatch(b -> b instanceof VectorBlock)) {
            props.put("vector unit", VectorBlock.lanes(cfg) + " lanes (the array's columns, at most " + VectorBlock.MAX_LANES
                    + "), " + cfg.format().name().toLowerCase(Locale.ROOT) + " activations, " + VectorChecks.DEPTH + " words");
        }
        StringBuilder header = new StringBuilder();
        props.forEach((k, v) -> header.append(k).append(": ").append(v).append('\n'));
        header.append("checks: ").append(checks.size()).append('\n');
        o.print(header);
        o.flush();

        Progress bar = new Progress(err, inPlace, checks.size(), "checks", j, System::nanoTime);
        bar.begin();
        long t0 = System.nanoTime();
        List<Regression.Result> results;
        SharedBuilds designs = new SharedBuilds(dir.resolve("rtl"));
        try (var ticker = Ticker.every(1000, bar::tick)) {
            results = Regression.run(checks, j, seed, designs,
                    new Regression.Waves(dir.resolve("waves"), waves),
                    r -> bar.finished(r.check().name(), r.passed(), r.nanos()));
        }
        long wall = System.nanoTime() - t0;
        bar.end();

        String builds = RegressReport.builds(designs.built());
        String table = builds + (builds.isEmpty() ? "" : "\n") + RegressReport.table(results, wall);
        RegressReport.ReplayLine replay = name -> replayLine(cfg, lvl, name);
        o.println();
        o.print(table);
        String failures = RegressReport.failures(results, replay, false);
        if (!failures.isEmpty()) {
            o.println();
            o.print(failures);
        }
        Path report = dir.resolve("report.txt");
        Files.writeString(report, header + "\n" + table + "\n" + RegressReport.checks(results)
                + (failures.isEmpty() ? "" : "\n" + RegressReport.failures(results, replay, true)), StandardCharsets.UTF_8);
        if (junitFile != null) {
            Files.writeString(junitFile, JUnitXml.of(results, props), StandardCharsets.UTF_8);
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        o.println();
        o.println("report: " + report + (junitFile == null ? "" : "; JUnit XML: " + junitFile));
        o.flush();
        if (failed > 0) {
            throw new CliException(failed + " of " + results.size() + " checks failed; see " + report);
        }
        o.println("all " + results.size() + " checks matched");
        o.flush();
        return 0;
    }

    private ArrayConfig config() {
        Matcher m = SIZE.matcher(array.strip());
        if (!m.matches()) {
            throw usage("--array must be RxC, e.g. 16x16, got '" + array + "'");
        }
        FpFormat f;
        try {
            f = FpFormat.valueOf(format.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw usage("unknown --format '" + format + "'; choose one of bf16, fp16, e4m3, e5m2, fp32");
        }
        int r = Integer.parseInt(m.group(1));
        int c = Integer.parseInt(m.group(2));
        if (r < 2 || r > 256 || c < 2 || c > 256) {
            throw usage("--array rows and cols must be 2..256, got " + r + "x" + c);
        }
        ArrayConfig base = ArrayConfig.of(r, c, f);
        ArrayConfig withLatency = OptionErrors.apply(spec, "--latency", () -> base.withLatency(latency));
        return OptionErrors.apply(spec, "--depth", () -> withLatency.withDepth(depth));
    }

    private Level level() {
        for (Level l : Level.values()) {
            if (l.label().equalsIgnoreCase(level.strip())) {
                return l;
            }
        }
        throw usage("--level must be smoke, full or exhaustive, got '" + level + "'");
    }

    private List<Block> chosenBlocks() {
        if (blocks == null) {
            return Blocks.all();
        }
        try {
            return Blocks.parse(blocks);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage().replace("unknown block", "unknown --blocks entry"));
        }
    }

    private List<BlockCheck> checks(List<Block> chosen, ArrayConfig cfg, Level lvl) {
        List<BlockCheck> all = new ArrayList<>();
        for (Block b : chosen) {
            try {
                all.addAll(b.checks(cfg, lvl));
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        if (only == null || only.isEmpty()) {
            return all;
        }
        List<BlockCheck> picked = new ArrayList<>();
        for (String name : only) {
            BlockCheck c = all.stream().filter(x -> x.name().equals(name.strip())).findFirst().orElseThrow(() -> usage(
                    "unknown --check '" + name + "' for this configuration and level; checks are named like "
                            + all.get(0).name() + " and " + all.get(all.size() - 1).name() + " (see report.txt)"));
            if (!picked.contains(c)) {
                picked.add(c);
            }
        }
        return picked;
    }

    /** Creates the output folder (and probes that it takes files) before anything is built. */
    private Path prepareOut(Path given) {
        if (given.toString().isBlank()) {
            throw usage("--out must not be empty");
        }
        Path dir = given.toAbsolutePath().normalize();
        try {
            DesignOutput.checkWritable(dir);
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-probe", "");
            Files.delete(probe);
        } catch (CliException e) {
            throw usage(e.getMessage());
        } catch (IOException e) {
            throw usage("cannot write into " + dir + ": " + reason(e));
        }
        return dir;
    }

    private Path prepareFile(Path given) {
        Path f = given.toAbsolutePath().normalize();
        if (Files.isDirectory(f)) {
            throw usage("cannot write --junit " + f + ": it is a folder");
        }
        Path parent = f.getParent();
        try {
            DesignOutput.checkWritable(parent);
            Files.createDirectories(parent);
        } catch (CliException e) {
            throw usage("cannot write --junit " + f + ": " + e.getMessage());
        } catch (IOException e) {
            throw usage("cannot write --junit " + f + ": " + reason(e));
        }
        return f;
    }

    /** Why a folder or file could not be created, in words (never a temporary name). */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "the file system refuses to create it";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private String replayLine(ArrayConfig cfg, Level lvl, String check) {
        return replayLine(cfg, lvl, seed, out, check);
    }

    /** The command line that reruns only {@code check} of this run, with every waveform, beside {@code out}. */
    static String replayLine(ArrayConfig cfg, Level lvl, long seed, Path out, String check) {
        String block = check.substring(0, check.indexOf('/'));
        return String.format(Locale.ROOT, "./sohu regress --array %dx%d --format %s --latency %d --depth %d --level %s "
                + "--seed %d --blocks %s --check %s --waves --out %s", cfg.rows(), cfg.cols(),
                cfg.format().name().toLowerCase(Locale.ROOT), cfg.latency(), cfg.aDepth(), lvl.label(), seed, block, check,
                replayOut(out));
    }

    /** Where a replay writes: beside this run's folder, so it does not replace this report. */
    private static Path replayOut(Path out) {
        Path abs = out.toAbsolutePath().normalize();
        Path name = abs.getFileName();
        Path replay = abs.resolveSibling((name == null ? "regress" : name.toString()) + "-replay");
        return out.isAbsolute() ? replay : Path.of("").toAbsolutePath().relativize(replay);
    }

    private static String describe(ArrayConfig cfg) {
        return cfg.rows() + "x" + cfg.cols() + " " + cfg.format().name().toLowerCase(Locale.ROOT) + ", FMA latency "
                + cfg.latency() + ", scratchpads " + cfg.aDepth() + " words per bank";
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
