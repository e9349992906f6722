package sohu.cli.model;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;
import sohu.cli.CliException;
import sohu.cli.Main;
import sohu.core.compile.CoreConfig;
import sohu.core.fp.FpFormat;

/** The core a model runs on ({@code --array}, {@code --format}): shared by {@code run} and {@code serve}. */
public final class CoreOptions {
    private static final Pattern SIZE = Pattern.compile("(\\d+)x(\\d+)");

    @Option(names = "--array", paramLabel = "RxC", defaultValue = "8x8",
            description = "Core size for golden and rtl: a square array, rows = cols a power of two in 2..256 "
                    + "(default: ${DEFAULT-VALUE}); the vector unit has as many lanes.")
    String array;

    @Option(names = "--format", paramLabel = "F", defaultValue = "bf16",
            description = "Chip number format for golden and rtl: fp32, bf16, fp16, e4m3, e5m2 (default: ${DEFAULT-VALUE}).")
    String format;

    /** The core these options name; a usage error naming the option otherwise. */
    public CoreConfig core() {
        Matcher m = SIZE.matcher(array.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CliException("--array must be RxC, e.g. 8x8, got '" + array + "'", Main.EXIT_USAGE);
        }
        FpFormat f = null;
        for (FpFormat candidate : FpFormat.values()) {
            if (candidate.name().equalsIgnoreCase(format.strip())) {
                f = candidate;
            }
        }
        if (f == null) {
            throw new CliException("--format: unknown format '" + format + "'; valid: fp32, bf16, fp16, e4m3, e5m2",
                    Main.EXIT_USAGE);
        }
        try {
            int rows = Integer.parseInt(m.group(1));
            int cols = Integer.parseInt(m.group(2));
            CoreConfig square = CoreConfig.of(rows, f);
            return new CoreConfig(rows, cols, f, rows, square.aDepth(), square.wDepth(), square.cDepth(), square.vDepth(),
                    square.kvBlockTokens(), square.kvBlocks(), square.axiBytes());
        } catch (NumberFormatException e) {
            throw new CliException("--array " + array + ": sizes out of range", Main.EXIT_USAGE);
        } catch (IllegalArgumentException e) {
            throw new CliException("--array " + array + ": " + e.getMessage(), Main.EXIT_USAGE);
        }
    }
}
