package sohu.hdl;

import sohu.hdl.ir.SourceLoc;

/**
 * A clock and its reset, declared by {@link Module#clockDomain}. Registers, memories,
 * instances and ports declared inside {@link Module#withClock} belong to the domain: they
 * are clocked by its clock and reset by its reset; the clock-crossing check flags any
 * value that reaches them from another domain without a library synchronizer.
 */
public final class ClockDomain {
    /** How the reset acts. */
    public enum Reset {
        /** Active high, sampled at the clock edge. */
        SYNC_HIGH,
        /** Active high, acts at once. */
        ASYNC_HIGH,
        /** Active low ({@code aresetn}), sampled at the clock edge. */
        SYNC_LOW,
        /** Active low, acts at once. */
        ASYNC_LOW;

        /** Whether the reset is asserted at 0. */
        public boolean activeLow() {
            return this == SYNC_LOW || this == ASYNC_LOW;
        }

        /** Whether the reset acts without waiting for the clock. */
        public boolean async() {
            return this == ASYNC_HIGH || this == ASYNC_LOW;
        }
    }

    final ModuleBuilder owner;
    final String clockName;
    final String resetName;
    final Reset reset;
    final SourceLoc loc;
    final java.util.List<String> members = new java.util.ArrayList<>();
    /** The active-high copy of an active-low reset, made when an instance needs it. */
    Bool resetHigh;

    ClockDomain(ModuleBuilder owner, String clockName, String resetName, Reset reset, SourceLoc loc) {
        this.owner = owner;
        this.clockName = clockName;
        this.resetName = resetName;
        this.reset = reset;
        this.loc = loc;
    }

    /** The clock port. */
    public Bool clock() {
        return (Bool) owner.ref(clockName, 1, false);
    }

    /** The reset port as declared (active low for {@code *_LOW}); a collected error (and a stand-in) if the domain has no reset. */
    public Bool reset() {
        if (resetName == null) {
            owner.usage("clock domain '" + clockName + "' has no reset", "declare it with clockDomain(clock, reset, kind)");
            return (Bool) owner.poison(1, false, true);
        }
        return (Bool) owner.ref(resetName, 1, false);
    }

    /** Whether the domain has a reset. */
    public boolean hasReset() {
        return resetName != null;
    }

    /** The name of the clock port (also the domain's name). */
    public String name() {
        return clockName;
    }

    /** How the reset acts (null without reset). */
    public Reset resetKind() {
        return reset;
    }

    @Override
    public String toString() {
        return "clock domain " + clockName;
    }
}
