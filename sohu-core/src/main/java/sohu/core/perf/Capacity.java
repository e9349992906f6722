package sohu.core.perf;

/**
 * HBM use of one chip for a deployment.
 *
 * @param weightBytes     this chip's share of the weights
 * @param kvBytes         this chip's share of the KV cache of every sequence in the step
 * @param activationBytes live activations of one layer for one microbatch
 * @param usableBytes     HBM capacity x {@link HardwareSpec#USABLE_MEMORY}
 */
public record Capacity(double weightBytes, double kvBytes, double activationBytes, double usableBytes) {

    /** Weights, KV and activations. */
    public double usedBytes() {
        return weightBytes + kvBytes + activationBytes;
    }

    /** Whether everything fits in the usable HBM. */
    public boolean fits() {
        return usedBytes() <= usableBytes;
    }
}
