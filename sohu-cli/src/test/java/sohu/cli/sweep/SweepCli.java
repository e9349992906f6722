package sohu.cli.sweep;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;
import sohu.cli.Main;

/** Runs {@code sohu} in-process with a chosen sweep backend and captures what it prints. */
record SweepCli(int code, String out, String err) {
    /** Runs with the real backend. */
    static SweepCli run(String... args) {
        return run(null, args);
    }

    /** Runs with {@code backend} for {@code sweep} (null: the real one). */
    static SweepCli run(Backend backend, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        CommandLine cl = Main.commandLine(o, e);
        if (backend != null) {
            SweepCommand sweep = cl.getSubcommands().get("sweep").getCommand();
            sweep.backend = backend;
        }
        int code = cl.execute(args);
        o.flush();
        e.flush();
        return new SweepCli(code, out.toString(), err.toString());
    }

    /** A backend of fake evaluators that share one call log. */
    static Backend fake(List<String> evaluated, String... failing) {
        return new Backend() {
            @Override
            public void checkTools(SweepGrid grid, SweepSettings settings, PrintWriter err) {
            }

            @Override
            public PointEvaluator evaluator(SweepSettings settings) {
                FakeEvaluator f = new FakeEvaluator(settings);
                f.failing.addAll(List.of(failing));
                return (index, point, work) -> {
                    evaluated.add(point.key());
                    return f.evaluate(index, point, work);
                };
            }
        };
    }

    String firstErrLine() {
        return err.lines().findFirst().orElse("");
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
