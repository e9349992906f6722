package sohu.core.perf;

/**
 * Where the cycles of a step went, from the array's point of view; the parts add up to the step's
 * cycles. The matrix engine's own losses come from its cycle model
 * ({@link sohu.core.array.EngineTiming}); the rest is the compute queue doing other work or
 * waiting.
 *
 * @param useful       ideal array cycles, {@code Σ M·K·N / (R·C)} over the GEMMs
 * @param padding      rows and columns of partial tiles (K not a multiple of R, N of C)
 * @param fill         command check and first weight load of each GEMM (and any per-command cycles a
 *                     {@link Calibration} adds)
 * @param drain        the array emptying after each GEMM's last row
 * @param weights      waits inside GEMMs for the next tile's weights (M rows too few to hide their load)
 * @param sums         waits inside GEMMs for partial sums to be written back (the accumulator hazard)
 * @param vector       vector-unit instructions (row operations, softmax, scaling) on the compute queue
 * @param moves        accumulator-to-vector-memory moves
 * @param scalar       scalar-lane operations and synchronisation instructions
 * @param waiting      the compute queue idle, waiting for loads or stores (HBM traffic, dependencies)
 */
public record StepLoss(double useful, double padding, double fill, double drain, double weights, double sums, double vector,
                       double moves, double scalar, double waiting) {

    /** Names of the parts, in the order of {@link #parts()}. */
    public static final String[] NAMES = {"useful", "padding", "fill", "drain", "weights", "sums", "vector", "moves",
        "scalar", "waiting"};

    /** The parts in the order of {@link #NAMES}. */
    public double[] parts() {
        return new double[] {useful, padding, fill, drain, weights, sums, vector, moves, scalar, waiting};
    }

    /** Sum of the parts: the step's cycles. */
    public double total() {
        double s = 0;
        for (double p : parts()) {
            s += p;
        }
        return s;
    }

    /** Element-wise sum (steps or segments added together). */
    public StepLoss plus(StepLoss o) {
        return scaled(1).add(o, 1);
    }

    /** This loss {@code times} times (a segment repeated). */
    public StepLoss times(double times) {
        return scaled(times);
    }

    private StepLoss scaled(double k) {
        return new StepLoss(useful * k, padding * k, fill * k, drain * k, weights * k, sums * k, vector * k,
                moves * k, scalar * k, waiting * k);
    }

    private StepLoss add(StepLoss o, double k) {
        return new StepLoss(useful + k * o.useful, padding + k * o.padding, fill + k * o.fill, drain + k * o.drain,
                weights + k * o.weights, sums + k * o.sums, vector + k * o.vector, moves + k * o.moves, scalar + k * o.scalar,
                waiting + k * o.waiting);
    }

    /** Nothing. */
    public static StepLoss zero() {
        return new StepLoss(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
