package sohu.cli.sweep;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import sohu.cli.CliException;
import sohu.cli.ToolInstaller;

/** Makes the evaluator of a sweep, after checking that the tools it needs are installed. */
interface Backend {
    /** Fails with a one-line {@link CliException} naming the install command when a tool is missing. */
    void checkTools(SweepGrid grid, SweepSettings settings, PrintWriter err);

    /** The evaluator for these settings. */
    PointEvaluator evaluator(SweepSettings settings);

    /** The real one: the matrix engine through Verilator and Yosys. */
    Backend ENGINE = new Backend() {
        @Override
        public void checkTools(SweepGrid grid, SweepSettings settings, PrintWriter err) {
            List<String> needed = new ArrayList<>(List.of("verilator"));
            if (grid.points().stream().anyMatch(settings::synthesizes)) {
                needed.add("yosys");
            }
            ToolInstaller tools = new ToolInstaller(err);
            List<String> missing = tools.missing().stream().filter(needed::contains).toList();
            if (!missing.isEmpty()) {
                List<String> packages = missing.stream().map(ToolInstaller.TOOLS::get).distinct().toList();
                throw new CliException(String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are")
                        + " not installed; install with: " + tools.manualCommand(packages)
                        + (missing.contains("yosys") && missing.size() == 1 ? " (or run with --no-synth)" : ""));
            }
        }

        @Override
        public PointEvaluator evaluator(SweepSettings settings) {
            return new EngineEvaluator(settings);
        }
    };
}
