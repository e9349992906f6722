package sohu.cli.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sohu.cli.CliException;
import sohu.cli.DesignOutput;

/** {@code sohu sweep merge}: joins the results of sweeps (shards) and redraws the plots. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Joins the results of several sweeps, e.g. the shards of one grid: reads each folder's "
                + "points/*.csv and sweep.csv (or a CSV file given directly), keeps one row per point "
                + "(a successful row beats a failed one, else the first input wins), orders them by grid "
                + "index and writes sweep.csv and the plots into the output folder."})
public final class SweepMergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "sweep",
            description = "Output folder (default: ${DEFAULT-VALUE}); may be one of the inputs.")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Sweep folders or sweep CSV files.")
    List<Path> inputs;

    @Override
    public Integer call() {
        if (out.toString().isBlank()) {
            throw new ParameterException(spec.commandLine(),
                    "--out must name a folder, got an empty path (the default is --out sweep)");
        }
        Path dir = out.toAbsolutePath().normalize();
        DesignOutput.checkWritable(dir);
        PrintWriter err = spec.commandLine().getErr();
        List<PointResult> merged;
        try {
            merged = SweepMerge.merge(inputs, err);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException e) {
            throw new CliException("cannot read the inputs: " + e.getMessage());
        }
        Path csv;
        List<Path> plots;
        try {
            PointStore store = new PointStore(dir);
            csv = store.writeSweepCsv(merged);
            plots = SweepPlots.write(dir, merged);
        } catch (IOException e) {
            throw new CliException("cannot write into " + dir + ": " + e.getMessage());
        }
        long failed = merged.stream().filter(r -> !r.ok()).count();
        PrintWriter o = spec.commandLine().getOut();
        o.println("Merged " + SweepRunner.plural(merged.size(), "point") + " from "
                + SweepRunner.plural(inputs.size(), "input") + (failed > 0 ? " (" + failed + " failed)" : "")
                + " into " + csv + " and " + plots.size() + " plots");
        o.flush();
        return 0;
    }
}
