package sohu.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

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

    @Option(names = "--clock-mhz", paramLabel = "F",
            description = "Clock frequency in MHz, in (0, 10000] (default: 500 generic, 250 xilinx, 1000 asic).")
    void setClockMhz(double mhz) {
        if (!(mhz > 0 && mhz <= MAX_CLOCK_MHZ)) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "--clock-mhz must be in (0, %.0f], got %s", MAX_CLOCK_MHZ, fmt(mhz)));
        }
        clockMhz = mhz;
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

    /** Manifest attributes recording these options. */
    public Map<String, Object> manifestAttributes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", target.id());
        m.put("clockMhz", clockMhz());
        return m;
    }

    /** "target generic, clock 500 MHz". */
    public String describe() {
        return "target " + target.id() + ", clock " + fmt(clockMhz()) + " MHz";
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
