package sohu.verilator;

/**
 * A testbench component stepped by {@link Testbench} once per clock cycle, in registration order.
 * {@link #onCycle} drives inputs before the rising edge; {@link #monitor} observes after it.
 * Both receive the number of the edge: {@code cycle} edges have happened before this one.
 */
@FunctionalInterface
public interface Agent {

    /** Drive phase: set inputs that the coming rising edge will sample. */
    void onCycle(Sim sim, long cycle);

    /** Monitor phase: registers hold post-edge values, combinational outputs have settled. */
    default void monitor(Sim sim, long cycle) {
        // Most drivers do not monitor.
    }

    /** An agent that only monitors, running {@code body} after each edge. */
    static Agent monitor(Agent body) {
        return new Agent() {
            @Override
            public void onCycle(Sim sim, long cycle) {
                // Monitors do not drive.
            }

            @Override
            public void monitor(Sim sim, long cycle) {
                body.onCycle(sim, cycle);
            }
        };
    }
}
