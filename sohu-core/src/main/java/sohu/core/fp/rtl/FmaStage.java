package sohu.core.fp.rtl;

import java.util.EnumSet;
import java.util.Set;

/**
 * The four stages of the FMA datapath, and which of them end in a pipeline register at each
 * latency. The last stage always does (the tile's outputs are registered); the others get
 * registers in the order that best balances the logic between registers:
 *
 * <pre>
 * latency 1:  PRODUCT ADD NORMALIZE ROUND |
 * latency 2:  PRODUCT ADD | NORMALIZE ROUND |
 * latency 3:  PRODUCT | ADD | NORMALIZE ROUND |
 * latency 4:  PRODUCT | ADD | NORMALIZE | ROUND |
 * </pre>
 *
 * PRODUCT (input decode and normalisation, significand multiply, exponent compare) and ADD
 * (alignment shift with sticky, add or subtract, absolute value) are the two long stages;
 * NORMALIZE (leading-zero count, left shift) and ROUND (increment, pack, special values) are
 * shorter, so they share a stage until latency 4.
 */
public enum FmaStage {
    /** Decode, normalise subnormal inputs, multiply significands, compare top exponents. */
    PRODUCT,
    /** Align the smaller addend (sticky), add or subtract, take the magnitude. */
    ADD,
    /** Count leading zeros and shift left, stopping at the subnormal exponent. */
    NORMALIZE,
    /** Round to nearest even, pack, select NaN, infinity and zero results. */
    ROUND;

    /** Smallest supported latency. */
    public static final int MIN_LATENCY = 1;
    /** Largest supported latency. */
    public static final int MAX_LATENCY = 4;

    /** The stages followed by a register at {@code latency} (1..4): exactly {@code latency} of them. */
    public static Set<FmaStage> registeredAfter(int latency) {
        return switch (latency) {
            case 1 -> EnumSet.of(ROUND);
            case 2 -> EnumSet.of(ADD, ROUND);
            case 3 -> EnumSet.of(PRODUCT, ADD, ROUND);
            case 4 -> EnumSet.allOf(FmaStage.class);
            default -> throw new IllegalArgumentException("FMA latency must be 1..4, got " + latency);
        };
    }
}
