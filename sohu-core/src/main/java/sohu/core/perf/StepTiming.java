package sohu.core.perf;

/**
 * The cycle estimate of a step (or of a part of one) and where its cycles went.
 *
 * @param cycles    cycles from the first instruction's start to the last one's end
 * @param loss      the cycles by cause; {@code loss.total() == cycles}
 * @param loadBusy  cycles the load queue was busy
 * @param storeBusy cycles the store queue was busy
 */
public record StepTiming(double cycles, StepLoss loss, double loadBusy, double storeBusy) {

    /** Array utilization: ideal array cycles over cycles. */
    public double utilization() {
        return cycles == 0 ? 0 : loss.useful() / cycles;
    }

    /** Ideal array cycles, {@code Σ M·K·N / (R·C)}. */
    public double idealCycles() {
        return loss.useful();
    }

    /** Two parts one after the other. */
    public StepTiming then(StepTiming o) {
        return new StepTiming(cycles + o.cycles, loss.plus(o.loss), loadBusy + o.loadBusy, storeBusy + o.storeBusy);
    }

    /** This part {@code n} times in a row. */
    public StepTiming times(double n) {
        return new StepTiming(cycles * n, loss.times(n), loadBusy * n, storeBusy * n);
    }

    /** Nothing. */
    public static StepTiming zero() {
        return new StepTiming(0, StepLoss.zero(), 0, 0);
    }
}
