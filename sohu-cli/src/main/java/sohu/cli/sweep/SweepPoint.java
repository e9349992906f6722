package sohu.cli.sweep;

import java.util.Comparator;
import java.util.Locale;
import sohu.core.fp.FpFormat;

/**
 * One configuration of a sweep: an {@code rows × cols} matrix engine for one input format and FMA
 * latency.
 *
 * @param rows    array rows R, 2..256
 * @param cols    array columns C, 2..256
 * @param format  input format: BF16, FP16, E4M3 or E5M2
 * @param latency FMA tile latency in cycles, 1..4
 */
public record SweepPoint(int rows, int cols, FpFormat format, int latency) {
    /** Smallest and largest array side the engine accepts. */
    public static final int MIN_SIDE = 2;
    /** Largest array side the engine accepts. */
    public static final int MAX_SIDE = 256;
    /** Smallest FMA latency. */
    public static final int MIN_LATENCY = 1;
    /** Largest FMA latency. */
    public static final int MAX_LATENCY = 4;

    /** A stable order independent of any grid: size, shape, format, latency. */
    public static final Comparator<SweepPoint> NATURAL = Comparator.comparingInt(SweepPoint::pes)
            .thenComparingInt(SweepPoint::rows).thenComparing(SweepPoint::format).thenComparingInt(SweepPoint::latency);

    /** Validates the ranges, with messages that name the option. */
    public SweepPoint {
        checkSide("rows", rows);
        checkSide("cols", cols);
        if (format == null || format == FpFormat.FP32) {
            throw new IllegalArgumentException("format must be one of " + FORMAT_NAMES + ", got " + name(format));
        }
        if (latency < MIN_LATENCY || latency > MAX_LATENCY) {
            throw new IllegalArgumentException("latency must be " + MIN_LATENCY + ".." + MAX_LATENCY + ", got " + latency);
        }
    }

    /** Valid format names as written on the command line. */
    public static final String FORMAT_NAMES = "bf16, fp16, e4m3, e5m2";

    /** Parses a format name (case-insensitive): bf16, fp16, e4m3 or e5m2. */
    public static FpFormat parseFormat(String s) {
        String t = s.strip().toUpperCase(Locale.ROOT);
        for (FpFormat f : FpFormat.values()) {
            if (f != FpFormat.FP32 && f.name().equals(t)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + s.strip() + "'; valid: " + FORMAT_NAMES);
    }

    /** The format's name as written on the command line and in the CSV, e.g. {@code bf16}. */
    public static String name(FpFormat f) {
        return f == null ? "none" : f.name().toLowerCase(Locale.ROOT);
    }

    /** Processing elements, {@code rows · cols}. */
    public int pes() {
        return rows * cols;
    }

    /** "8x8". */
    public String size() {
        return rows + "x" + cols;
    }

    /** The point's key, unique within a sweep and stable across runs: {@code 8x8_bf16_l3}. */
    public String key() {
        return size() + "_" + name(format) + "_l" + latency;
    }

    /** Parses a key made by {@link #key()}. */
    public static SweepPoint parseKey(String key) {
        String[] p = key.split("_");
        String[] rc = p.length == 3 ? p[0].split("x") : new String[0];
        if (rc.length != 2 || !p[2].startsWith("l")) {
            throw new IllegalArgumentException("bad point key '" + key + "', expected e.g. 8x8_bf16_l3");
        }
        try {
            return new SweepPoint(Integer.parseInt(rc[0]), Integer.parseInt(rc[1]), parseFormat(p[1]),
                    Integer.parseInt(p[2].substring(1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad point key '" + key + "', expected e.g. 8x8_bf16_l3");
        }
    }

    private static void checkSide(String what, int v) {
        if (v < MIN_SIDE || v > MAX_SIDE) {
            throw new IllegalArgumentException(what + " must be " + MIN_SIDE + ".." + MAX_SIDE + ", got " + v);
        }
    }
}
