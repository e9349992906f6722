package sohu.cli.batching;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sohu.cli.CliException;
import sohu.cli.OutputFolder;

/** {@code sohu bench batching merge}: joins the shards of a run into one CSV, table and plot. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Joins the results of several bench batching runs (shards): reads each folder's "
                + "points/*.csv (or a batching.csv given directly), keeps one row per step (a successful row beats "
                + "a failed one, else the first input wins), and writes batching.csv, batching.txt and batching.png "
                + "into the output folder. Rows run with other settings (prefill, decode, layers, engine) than the "
                + "first input's are refused."})
public final class BatchingMergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "bench-batching",
            description = "Output folder (default: ${DEFAULT-VALUE}); may be one of the inputs.")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Bench batching folders or CSV files.")
    List<Path> inputs;

    @Override
    public Integer call() {
        if (out.toString().isBlank()) {
            throw new ParameterException(spec.commandLine(), "--out must name a folder, got an empty path");
        }
        OutputFolder.checkWritable(out);
        Map<BatchingPoint, BatchingResult> kept = new LinkedHashMap<>();
        try {
            for (Path in : inputs) {
                for (BatchingResult r : read(in)) {
                    BatchingResult first = kept.values().stream().findFirst().orElse(r);
                    if (!first.settings().equals(r.settings())) {
                        throw new IllegalArgumentException(in + ": step " + r.point().key() + " ran with " + r.settings()
                                + ", the first input with " + first.settings() + "; merge runs of one setting");
                    }
                    BatchingResult old = kept.get(r.point());
                    if (old == null || (!old.ok() && r.ok())) {
                        kept.put(r.point(), r);
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException e) {
            throw new CliException("cannot read the inputs: " + e.getMessage());
        }
        List<BatchingResult> merged = new ArrayList<>(kept.values());
        merged.sort((a, b) -> BatchingPoint.ORDER.compare(a.point(), b.point()));
        BatchingStore store = new BatchingStore(out);
        String table;
        try {
            table = store.writeAll(merged);
        } catch (IOException e) {
            throw new CliException("cannot write into " + store.dir() + ": " + e.getMessage());
        }
        var o = spec.commandLine().getOut();
        o.print(table);
        o.println("Merged " + merged.size() + " steps from " + inputs.size() + " input(s) into " + store.dir());
        o.flush();
        return 0;
    }

    private static List<BatchingResult> read(Path in) throws IOException {
        if (Files.isRegularFile(in)) {
            return BatchingCsv.parse(Files.readString(in, StandardCharsets.UTF_8), in.toString());
        }
        if (!Files.isDirectory(in)) {
            throw new IllegalArgumentException(in + " does not exist");
        }
        List<BatchingResult> rs = new BatchingStore(in).all();
        if (rs.isEmpty()) {
            throw new IllegalArgumentException(in + " holds no bench batching results (no points/*.csv)");
        }
        return rs;
    }
}
