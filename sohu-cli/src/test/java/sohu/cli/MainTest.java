package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohu.hdl.Types.UInt;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import sohu.hdl.Elaborator;
import sohu.hdl.Module;
import sohu.hdl.UInt;

class MainTest {
    @Test
    void unknownCommandFailsWithOneClearLine() {
        CliRun r = CliRun.of("bogus");
        assertNotEquals(0, r.code());
        assertEquals("sohu: unknown command 'bogus'; choose one of: generate, perf, test, sweep, regress, bench, model, run, serve", r.firstErrLine(), r::toString);
        assertFalse(r.err().contains("Exception"), r::toString);
        assertTrue(r.out().isEmpty(), r::toString);
    }

    @Test
    void misspelledCommandGetsASuggestion() {
        CliRun r = CliRun.of("gen");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("Did you mean: generate"), r::toString);
    }

    @Test
    void unknownOptionFails() {
        CliRun r = CliRun.of("perf", "--bogus");
        assertEquals(2, r.code());
        assertEquals("sohu: unknown option '--bogus' for 'sohu perf'", r.firstErrLine(), r::toString);
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun r = CliRun.of();
        assertEquals(2, r.code());
        assertTrue(r.firstErrLine().startsWith("sohu: missing command"), r::toString);
    }

    @Test
    void everyCommandHasHelp() {
        List<String[]> paths = new ArrayList<>();
        collect(Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
                new ArrayList<>(), paths);
        assertTrue(paths.size() >= 5, "commands found: " + paths.size());
        for (String[] path : paths) {
            List<String> args = new ArrayList<>(List.of(path));
            args.add("--help");
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, r.code(), () -> String.join(" ", args) + "\n" + r);
            assertTrue(r.out().startsWith("Usage: sohu"), () -> String.join(" ", args) + "\n" + r);
        }
    }

    private static void collect(CommandLine cl, List<String> prefix, List<String[]> out) {
        out.add(prefix.toArray(String[]::new));
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> p = new ArrayList<>(prefix);
                p.add(name);
                collect(sub, p, out);
            }
        });
    }

    @Test
    void versionNamesTheProjectVersion() {
        CliRun r = CliRun.of("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("sohu 0."), r::toString);
        assertFalse(r.out().contains("unknown"), r::toString);
    }

    /** A design with a width error: an 8-bit constant into a 4-bit output. */
    public static final class BadWidth extends Module {
        public BadWidth() {
            UInt o = output("o", UInt(4));
            o.set(uint(1, 8));
        }
    }

    @Command(name = "bad")
    static final class BadCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            Elaborator.elaborate(BadWidth.class);
            return 0;
        }
    }

    @Test
    void designErrorsPrintTheirDiagnosticsAndExit2() {
        CliRun r = CliRun.of(cl -> cl.addSubcommand("bad", new BadCommand()), "bad");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.firstErrLine().matches("sohu: \\d+ error\\(s\\) in the design:"), r::toString);
        assertTrue(r.err().contains("MainTest.java:"), "diagnostic without the user's file:line\n" + r);
        assertFalse(r.err().contains("\tat "), r::toString);
    }

    @Command(name = "crash")
    static final class CrashCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new NullPointerException("oops");
        }
    }

    @Test
    void unexpectedExceptionsAreOneLine() {
        CliRun r = CliRun.of(cl -> cl.addSubcommand("crash", new CrashCommand()), "crash");
        assertEquals(1, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.firstErrLine().startsWith("sohu: internal error: java.lang.NullPointerException: oops"),
                r::toString);
    }
}
