package sohu.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** Runs the CLI in-process and captures what it prints. */
record CliRun(int code, String out, String err) {
    static CliRun of(String... args) {
        return of(null, args);
    }

    /** Runs with {@code customize} applied to the command line first (e.g. to add a test subcommand). */
    static CliRun of(java.util.function.Consumer<CommandLine> customize, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        CommandLine cl = Main.commandLine(o, e);
        if (customize != null) {
            customize.accept(cl);
            cl.setOut(o); // streams reach subcommands added by customize too
            cl.setErr(e);
        }
        int code = cl.execute(args);
        o.flush();
        e.flush();
        return new CliRun(code, out.toString(), err.toString());
    }

    List<String> errLines() {
        return err.lines().toList();
    }

    String firstErrLine() {
        return errLines().isEmpty() ? "" : errLines().get(0);
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
