package sohu.core.compile;

import sohu.core.array.ArrayConfig;
import sohu.core.fp.FpFormat;

/**
 * The parameters of one SohuCore that the compiler and the simulators need.
 *
 * @param rows          array rows R
 * @param cols          array columns C (equal to R: the vector unit's words line up with both
 *                      the activation and the accumulator word lines)
 * @param format        activation and weight format (FP32, BF16, FP16, E4M3, E5M2)
 * @param lanes         vector lanes L (equal to C)
 * @param aDepth        words per activation bank (power of two, at most 4096)
 * @param wDepth        words per weight bank (power of two, at most 65536)
 * @param cDepth        words per accumulator bank (power of two, at most 65536)
 * @param vDepth        words of the vector memory (power of two, at most 4096)
 * @param kvBlockTokens tokens per KV-cache block (1..1023)
 * @param kvBlocks      KV-cache blocks in HBM (the pool shared by all sequences)
 * @param axiBytes      bytes per cycle of the HBM port (the cycle estimate's DMA rate)
 */
public record CoreConfig(int rows, int cols, FpFormat format, int lanes, int aDepth, int wDepth, int cDepth,
                         int vDepth, int kvBlockTokens, int kvBlocks, int axiBytes) {
    /** Validates the parameters, naming the one that is wrong and the allowed values. */
    public CoreConfig {
        if (rows < 2 || rows > 256 || Integer.bitCount(rows) != 1) {
            throw new IllegalArgumentException("core: array rows must be a power of two in 2..256, got " + rows);
        }
        if (cols != rows) {
            throw new IllegalArgumentException("core: the array must be square (rows = cols) so one vector word is one "
                    + "activation and one accumulator word line; got " + rows + "x" + cols);
        }
        if (lanes != cols) {
            throw new IllegalArgumentException("core: vector lanes must equal the array columns (" + cols + "), got "
                    + lanes);
        }
        if (format == null) {
            throw new IllegalArgumentException("core: format is missing (fp32, bf16, fp16, e4m3 or e5m2)");
        }
        depth("aDepth", aDepth, 4096);
        depth("wDepth", wDepth, 65536);
        depth("cDepth", cDepth, 65536);
        depth("vDepth", vDepth, 4096);
        if ((long) aDepth * rows > 1 << 20 || (long) wDepth * cols > 1 << 20 || (long) cDepth * cols > 1 << 20
                || (long) vDepth * lanes > 1 << 20) {
            throw new IllegalArgumentException("core: a memory holds more than 2^20 elements, beyond the DMA's "
                    + "20-bit element address; use smaller depths");
        }
        if (kvBlockTokens < 1 || kvBlockTokens > 1023) {
            throw new IllegalArgumentException("core: kvBlockTokens must be 1..1023, got " + kvBlockTokens);
        }
        if (kvBlocks < 1) {
            throw new IllegalArgumentException("core: kvBlocks must be at least 1, got " + kvBlocks);
        }
        if (axiBytes < 1) {
            throw new IllegalArgumentException("core: axiBytes must be at least 1, got " + axiBytes);
        }
    }

    /** A square {@code n × n} core with 1024-word memories, 16-token KV blocks, 64 blocks, a 32-byte port. */
    public static CoreConfig of(int n, FpFormat format) {
        return new CoreConfig(n, n, format, n, 1024, 1024, 1024, 1024, 16, 64, 32);
    }

    /** The same core with another KV pool size. */
    public CoreConfig withKvBlocks(int blocks) {
        return new CoreConfig(rows, cols, format, lanes, aDepth, wDepth, cDepth, vDepth, kvBlockTokens, blocks, axiBytes);
    }

    /** The same core with every memory {@code depth} words deep (the vector memory at most 4096, its address field). */
    public CoreConfig withMemories(int depth) {
        return new CoreConfig(rows, cols, format, lanes, depth, depth, depth, Math.min(depth, 4096), kvBlockTokens, kvBlocks,
                axiBytes);
    }

    /** The same core with an HBM port of {@code bytes} bytes per cycle. */
    public CoreConfig withAxiBytes(int bytes) {
        return new CoreConfig(rows, cols, format, lanes, aDepth, wDepth, cDepth, vDepth, kvBlockTokens, kvBlocks, bytes);
    }

    /** Bytes of an activation or weight element. */
    public int elementBytes() {
        return format.width() / 8;
    }

    /** Elements of each on-chip memory: activation, weight, accumulator, vector. */
    public int actElements() {
        return aDepth * rows;
    }

    /** Elements of the weight scratchpad. */
    public int wgtElements() {
        return wDepth * cols;
    }

    /** Elements of the accumulator memory. */
    public int accElements() {
        return cDepth * cols;
    }

    /** Elements of the vector memory. */
    public int vmemElements() {
        return vDepth * lanes;
    }

    /**
     * The matrix engine's configuration (also its cycle model's: the schedule depends on the FMA
     * latency, the same for every input format, FP32 included).
     */
    public ArrayConfig arrayConfig() {
        return new ArrayConfig(rows, cols, format, ArrayConfig.DEFAULT_LATENCY, aDepth, wDepth, cDepth);
    }

    /** A short name, e.g. {@code 8x8_bf16}. */
    public String tag() {
        return rows + "x" + cols + "_" + format.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static void depth(String name, int d, int max) {
        if (d < 2 || d > max || Integer.bitCount(d) != 1) {
            throw new IllegalArgumentException("core: " + name + " must be a power of two in 2.." + max + ", got " + d);
        }
    }
}
