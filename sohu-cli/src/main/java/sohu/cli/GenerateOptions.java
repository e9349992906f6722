package sohu.cli;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sohu.constraints.FlowSpec;

/**
 * Options shared by {@code generate} and its subcommands ({@code @Mixin GenerateOptions opts;}):
 * output folder, target and clock.
 */
public final class GenerateOptions {
    /** Highest accepted clock frequency. */
    public static final double MAX_CLOCK_MHZ = 10_000;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    Path out;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "out",
            description = "Output folder (default: ${DEFAULT-VALUE}, relative to the current folder).")
    void setOut(String dir) {
        if (dir.isBlank()) {
            throw new ParameterException(spec.commandLine(),
                    "--out must name a folder, got an empty path (the default is --out out)");
        }
        out = Path.of(dir);
    }

    @Option(names = "--target", paramLabel = "T", defaultValue = "generic",
            description = "Target flow: generic, xilinx, asic (default: ${DEFAULT-VALUE}).")
    Target target;

    private Double clockMhz;
    private final Map<String, Double> clocksMhz = new TreeMap<>();

    @Option(names = "--clock-mhz", paramLabel = "F|PORT=F",
            description = "Clock frequency in MHz, in (0, 10000] (default: 500 generic, 250 xilinx, 1000 asic), for "
                    + "every clock; PORT=F (repeatable) gives the clock entering by port PORT its own, e.g. clk_b=125.")
    void setClockMhz(List<String> values) {
        // picocli passes every value given so far, once per occurrence: rebuild from all of them.
        clockMhz = null;
        clocksMhz.clear();
        for (String v : values) {
            int eq = v.indexOf('=');
            String port = eq < 0 ? null : v.substring(0, eq).trim();
            double mhz = parseMhz(eq < 0 ? v : v.substring(eq + 1), v);
            if (port == null) {
                if (clockMhz != null) {
                    throw usage("--clock-mhz F is given twice (" + fmt(clockMhz) + " and " + fmt(mhz)
                            + "); give one default, and PORT=F for each clock that differs");
                }
                clockMhz = mhz;
            } else if (!port.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw usage("--clock-mhz " + v + ": '" + port + "' is not a port name; write PORT=F, e.g. clk_b=125");
            } else if (clocksMhz.put(port, mhz) != null) {
                throw usage("--clock-mhz gives clock " + port + " twice; give each clock once");
            }
        }
    }

    private double parseMhz(String text, String given) {
        double mhz;
        try {
            mhz = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw usage("--clock-mhz " + given + ": '" + text + "' is not a number; write F or PORT=F, e.g. 500 or clk_b=125");
        }
        if (!(mhz > 0 && mhz <= MAX_CLOCK_MHZ)) {
            throw usage(String.format(Locale.ROOT, "--clock-mhz must be in (0, %.0f], got %s", MAX_CLOCK_MHZ,
                    given.contains("=") ? given : fmt(mhz)));
        }
        return mhz;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** The output folder, absolute and normalized. */
    public Path out() {
        return out.toAbsolutePath().normalize();
    }

    /** The target flow. */
    public Target target() {
        return target;
    }

    /** The clock frequency: the option's value or the target's default. */
    public double clockMhz() {
        return clockMhz != null ? clockMhz : target.defaultClockMhz();
    }

    /** The frequencies given to particular clocks ({@code --clock-mhz PORT=F}), by port, sorted. */
    public Map<String, Double> clocksMhz() {
        return Collections.unmodifiableMap(clocksMhz);
    }

    /** The timing intent of the flow files: the default clock and each clock's own. */
    public FlowSpec flowSpec() {
        FlowSpec s = FlowSpec.ofMhz(clockMhz());
        for (Map.Entry<String, Double> c : clocksMhz.entrySet()) {
            s = s.withClockMhz(c.getKey(), c.getValue());
        }
        return s;
    }

    /** Manifest attributes recording these options. */
    public Map<String, Object> manifestAttributes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", target.id());
        m.put("clockMhz", clockMhz());
        if (!clocksMhz.isEmpty()) {
            m.put("clocksMhz", new LinkedHashMap<String, Object>(clocksMhz));
        }
        return m;
    }

    /** "target generic, clock 500 MHz" (", clk_b 125 MHz" for each clock of its own). */
    public String describe() {
        StringBuilder sb = new StringBuilder("target " + target.id() + ", clock " + fmt(clockMhz()) + " MHz");
        clocksMhz.forEach((port, mhz) -> sb.append(", ").append(port).append(' ').append(fmt(mhz)).append(" MHz"));
        return sb.toString();
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
