package sohu.constraints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sohu.hdl.exec.ExternalCommand;
import sohu.hdl.exec.CommandResult;
import sohu.hdl.Elaborator;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.ir.Circuit;

/**
 * A real timing number: wraps the design in a {@link PinHarness} (4 pins), synthesizes it with
 * {@code synth_ice40} and places and routes it with {@code nextpnr-ice40 --hx8k --package ct256}
 * at a target frequency, reading the post-route "Max frequency for clock" from the log. Files go
 * to a work folder: {@code harness/} (the wrapper's RTL), {@code synth.ys}, {@code yosys.log},
 * {@code <harness>.json}, {@code nextpnr.log}.
 */
public final class Ice40Flow {
    private static final Pattern FMAX = Pattern.compile("Max frequency for clock '[^']*': ([0-9.]+) MHz");
    private static final Pattern LC = Pattern.compile("ICESTORM_LC:\\s+(\\d+)/\\s*(\\d+)");
    private static final Pattern RAM = Pattern.compile("ICESTORM_RAM:\\s+(\\d+)/");

    private Ice40Flow() { }

    /** Whether yosys and nextpnr-ice40 are on the PATH. */
    public static boolean available() {
        return ExternalCommand.which("nextpnr-ice40").isPresent() && ExternalCommand.which("yosys").isPresent();
    }

    /** Runs the flow on an emitted design at {@code targetMhz}, working in {@code <dir>/ice40}. */
    public static Ice40Report run(Emitted emitted, Circuit circuit, double targetMhz) {
        return run(emitted, circuit, targetMhz, emitted.dir().resolve("ice40"));
    }

    /** Runs the flow working in {@code workDir}; seed 1, so repeated runs give the same number. */
    public static Ice40Report run(Emitted emitted, Circuit circuit, double targetMhz, Path workDir) {
        Circuit harness = Elaborator.elaborate(PinHarness.class,
                new PinHarness.Params(circuit.top(), PortShape.of(circuit.topModule().ports())));
        try {
            Path dir = Files.createDirectories(workDir).toAbsolutePath().normalize();
            Emitted h = OutputWriter.write(harness, dir.resolve("harness"));
            List<Path> files = new ArrayList<>(emitted.svFiles());
            files.addAll(h.svFiles());
            String json = harness.top() + ".json";
            String script = YosysSynth.script(files, "synth_ice40 -top " + harness.top() + " -json " + json,
                    harness.top(), dir);
            Files.writeString(dir.resolve("synth.ys"), script);
            CommandResult y = ExternalCommand.of(List.of("yosys", "-q", "-l", "yosys.log", "-s", "synth.ys")).in(dir).log(dir.resolve("yosys.out")).run();
            String ylog = read(dir.resolve("yosys.log"));
            if (y.exit() != 0 || !Files.exists(dir.resolve(json))) {
                throw new ToolException("synth_ice40 failed on " + circuit.top() + "; log: " + dir.resolve("yosys.log"));
            }
            List<String> fatal = YosysSynth.fatalWarnings(ylog);
            if (!fatal.isEmpty()) {
                throw new ToolException("yosys found undriven signals in " + circuit.top() + ": " + fatal);
            }
            Path log = dir.resolve("nextpnr.log");
            CommandResult p = ExternalCommand.of(List.of("nextpnr-ice40", "--hx8k", "--package", "ct256",
                    "--json", json, "--freq", Tcl.ns(targetMhz), "--seed", "1", "--timing-allow-fail",
                    "-l", "nextpnr.log")).in(dir).log(dir.resolve("nextpnr.out")).run();
            String text = read(log);
            if (p.exit() != 0) {
                throw new ToolException("nextpnr-ice40 failed on " + circuit.top() + ": " + errorLine(text)
                        + "; log: " + log);
            }
            return parse(circuit.top(), targetMhz, text, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the iCE40 flow in " + workDir + ": " + e.getMessage(), e);
        }
    }

    /** Reads the last (post-route) maximum frequency and the utilisation from a nextpnr log. */
    static Ice40Report parse(String top, double targetMhz, String log, Path logPath) {
        Double fmax = null;
        int lcs = -1;
        int lcsAvail = -1;
        int rams = 0;
        for (String line : log.split("\\R")) {
            Matcher f = FMAX.matcher(line);
            if (f.find()) {
                fmax = Double.parseDouble(f.group(1));
            }
            Matcher l = LC.matcher(line);
            if (l.find()) {
                lcs = Integer.parseInt(l.group(1));
                lcsAvail = Integer.parseInt(l.group(2));
            }
            Matcher r = RAM.matcher(line);
            if (r.find()) {
                rams = Integer.parseInt(r.group(1));
            }
        }
        if (fmax == null || lcs < 0) {
            throw new ToolException("no 'Max frequency for clock' or utilisation in the nextpnr log " + logPath);
        }
        return new Ice40Report(top, targetMhz, fmax, lcs, lcsAvail, rams, logPath);
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }

    private static String errorLine(String log) {
        for (String line : log.split("\\R")) {
            if (line.startsWith("ERROR:")) {
                return line;
            }
        }
        return "no ERROR line in the log";
    }
}
