package sohu.core.perf;

/**
 * Number formats of a deployment: weights (and the matrix math) and KV cache. Activations cross
 * chips in at least 16 bits.
 *
 * @param weights format of weights and matrix multiplies
 * @param kv      format of the KV cache
 */
public record Precision(NumberFormat weights, NumberFormat kv) {
    public Precision {
        if (weights == null || kv == null) {
            throw new IllegalArgumentException("formats are required");
        }
    }

    /** Everything in {@code f}. */
    public static Precision of(NumberFormat f) {
        return new Precision(f, f);
    }

    /** Bytes of one activation element sent between chips: 2, or 4 for FP32. */
    public double activationBytes() {
        return Math.max(2, weights.bytes());
    }

    @Override
    public String toString() {
        return weights == kv ? weights.name() : weights + " weights, " + kv + " KV";
    }
}
