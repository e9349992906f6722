package sohu.verilator;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Owns a {@link Sim} and steps its {@link Agent}s, single-threaded and deterministically: each
 * cycle runs every agent's drive phase in registration order, one clock edge, then every agent's
 * monitor phase in registration order.
 */
public final class Testbench implements AutoCloseable {
    private final Sim sim;
    private final List<Agent> agents = new ArrayList<>();

    /** A testbench over {@code sim}; closing the testbench closes the simulation. */
    public Testbench(Sim sim) {
        this.sim = sim;
    }

    /** Registers an agent; returns this testbench. */
    public Testbench add(Agent agent) {
        agents.add(agent);
        return this;
    }

    /** The simulation. */
    public Sim sim() {
        return sim;
    }

    /** Clock cycles run so far. */
    public long cycle() {
        return sim.cycle();
    }

    /** Runs {@code cycles} clock cycles with all agents. */
    public void run(long cycles) {
        for (long i = 0; i < cycles; i++) runCycle();
    }

    /**
     * Runs cycles until {@code done} is true (checked before each cycle, so a condition already true
     * runs none) and returns the number of cycles run.
     *
     * @throws AssertionError if {@code done} is still false after {@code timeout} cycles
     */
    public long runUntil(BooleanSupplier done, long timeout) {
        for (long i = 0; i < timeout; i++) {
            if (done.getAsBoolean()) return i;
            runCycle();
        }
        if (done.getAsBoolean()) return timeout;
        throw sim.failure("timeout: condition still false after " + timeout + " cycles");
    }

    private void runCycle() {
        long c = sim.cycle();
        for (Agent a : agents) a.onCycle(sim, c);
        sim.step();
        for (Agent a : agents) a.monitor(sim, c);
    }

    /** Fails with cycle, signal, expected/actual in hex and recent port values unless they are equal. */
    public void check(String signal, long expected, long actual) {
        if (expected != actual) {
            throw sim.mismatch(signal, new BigInteger(Long.toUnsignedString(expected)),
                    new BigInteger(Long.toUnsignedString(actual)));
        }
    }

    /** Checks a port of the top against {@code expected}. */
    public void check(String port, long expected) {
        sim.expect(port, expected);
    }

    /** Checks a wide value. */
    public void check(String signal, BigInteger expected, BigInteger actual) {
        if (!expected.equals(actual)) throw sim.mismatch(signal, expected, actual);
    }

    /** Closes the simulation. */
    @Override
    public void close() {
        sim.close();
    }
}
