package sohu.core.array;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import sohu.core.fp.FpFormat;

/**
 * Parameters of the matrix engine ({@link MatrixEngine}): an {@code rows × cols} weight-stationary
 * array of FMA tiles for one input format, and the depth (words per bank) of its three scratchpads.
 *
 * @param rows    array rows R (2..256): the K extent of one weight tile
 * @param cols    array columns C (2..256): the N extent of one weight tile
 * @param format  input format of activations and weights (BF16, FP16, E4M3, E5M2 or FP32); sums are FP32
 * @param latency FMA tile latency L in cycles (1..4)
 * @param aDepth  words per activation bank (R banks); a power of two, 2..65536
 * @param wDepth  words per weight bank (C banks); a power of two, 2..65536
 * @param cDepth  words per accumulator bank (C banks of FP32); a power of two, 2..65536
 */
public record ArrayConfig(int rows, int cols, FpFormat format, int latency, int aDepth, int wDepth, int cDepth) {
    /** Default FMA latency. */
    public static final int DEFAULT_LATENCY = 3;
    /** Default words per bank of each scratchpad. */
    public static final int DEFAULT_DEPTH = 4096;
    /** Width of the command's size, base and stride fields. */
    public static final int FIELD_BITS = 16;

    /** Validates the parameters. */
    public ArrayConfig {
        if (rows < 2 || rows > 256 || cols < 2 || cols > 256) {
            throw new IllegalArgumentException("array rows and cols must be 2..256, got " + rows + "x" + cols);
        }
        if (format == null) {
            throw new IllegalArgumentException("format must be BF16, FP16, E4M3, E5M2 or FP32, got null");
        }
        if (latency < 1 || latency > 4) {
            throw new IllegalArgumentException("FMA latency must be 1..4, got " + latency);
        }
        checkDepth("aDepth", aDepth);
        checkDepth("wDepth", wDepth);
        checkDepth("cDepth", cDepth);
    }

    /** An array with the default latency and scratchpad depths. */
    public static ArrayConfig of(int rows, int cols, FpFormat format) {
        return new ArrayConfig(rows, cols, format, DEFAULT_LATENCY, DEFAULT_DEPTH, DEFAULT_DEPTH, DEFAULT_DEPTH);
    }

    /** The same array with another FMA latency. */
    public ArrayConfig withLatency(int l) {
        return new ArrayConfig(rows, cols, format, l, aDepth, wDepth, cDepth);
    }

    /** The same array with all three scratchpads {@code depth} words per bank. */
    public ArrayConfig withDepth(int depth) {
        return new ArrayConfig(rows, cols, format, latency, depth, depth, depth);
    }

    private static void checkDepth(String name, int d) {
        if (d < 2 || d > 65536 || Integer.bitCount(d) != 1) {
            throw new IllegalArgumentException(name + " must be a power of two in 2..65536, got " + d);
        }
    }

    /** Bits of an activation or weight element. */
    public int elementBits() {
        return format.width();
    }

    /** Address bits of an activation bank. */
    public int aAddrBits() {
        return Integer.numberOfTrailingZeros(aDepth);
    }

    /** Address bits of a weight bank. */
    public int wAddrBits() {
        return Integer.numberOfTrailingZeros(wDepth);
    }

    /** Address bits of an accumulator bank. */
    public int cAddrBits() {
        return Integer.numberOfTrailingZeros(cDepth);
    }

    /** Host data lanes: one per bank of the widest scratchpad, {@code max(R, C)}. */
    public int lanes() {
        return Math.max(rows, cols);
    }

    /**
     * Minimum distance in cycles between the starts of two consecutive weight tiles that accumulate
     * into the same outputs: a partial sum leaves the bottom {@code R·L + 1} cycles after its row
     * was issued, and the memory reads the old word on a same-cycle write.
     */
    public int accHazardDistance() {
        return rows * latency + 2;
    }

    /**
     * Minimum distance from the start of tile t to the first weight read of tile t+1: the bottom row
     * must have used tile t-1's weights (same buffer) before the shift overwrites them.
     */
    public int weightReuseDistance() {
        return (rows - 1) * latency;
    }

    /** Cycles from the last issued row to the last accumulator write (the pipeline drain). */
    public int drainCycles() {
        return rows * latency + cols;
    }

    /** The engine's order of accumulation, as the manifest states it (see {@link GemmGolden}). */
    public static final String ACCUMULATION_ORDER = "C[m][n] = fma chain over k = 0..K-1 in FP32, one rounding per step, "
            + "starting from the existing C (accumulate) or +0; K padded to a multiple of rows with -0 products, "
            + "which change no sum, so the result equals the plain sequential order bit for bit";

    /** Attributes for the manifest of an emitted engine ({@code OutputWriter.write(circuit, dir, attributes)}). */
    public Map<String, Object> manifestAttributes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "matrix-engine");
        m.put("rows", rows);
        m.put("cols", cols);
        m.put("format", format.name());
        m.put("accumulator", FpFormat.FP32.name());
        m.put("latency", latency);
        m.put("aDepth", aDepth);
        m.put("wDepth", wDepth);
        m.put("cDepth", cDepth);
        m.put("accumulationOrder", ACCUMULATION_ORDER);
        return m;
    }

    /** A readable, stable name part, e.g. {@code 8x8_bf16_l3}. */
    public String tag() {
        return rows + "x" + cols + "_" + format.name().toLowerCase(Locale.ROOT) + "_l" + latency;
    }
}
