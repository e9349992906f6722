package sohu.core.compile;

/**
 * Where one weight matrix lives in HBM: {@code W[in][out]} row-major in the chip's format (the
 * transpose of Hugging Face's {@code [out][in]}, so a tile is the GEMM's W operand), and for FP8
 * formats an FP32 scale per output channel at {@code scaleAddr} (else {@code -1}).
 *
 * @param name      the Hugging Face tensor name
 * @param addr      first byte of {@code W}
 * @param in        rows (the GEMM's K)
 * @param out       columns (the GEMM's N)
 * @param scaleAddr first byte of the scales, or -1 when unscaled
 */
public record ChipMatrix(String name, long addr, int in, int out, long scaleAddr) {
    /** Whether the accumulator is multiplied by a per-output-channel scale. */
    public boolean scaled() {
        return scaleAddr >= 0;
    }
}
