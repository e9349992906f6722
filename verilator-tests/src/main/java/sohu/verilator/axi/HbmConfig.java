package sohu.verilator.axi;

import java.util.List;

/**
 * Behaviour of an {@link HbmModel}.
 *
 * @param latency      cycles from a burst's address to its first data beat (or from a write's last beat to
 *                     its response), before bank timing: 1..10000 (HBM-like: 100..600)
 * @param jitter       extra cycles drawn uniformly from 0..jitter per burst
 * @param beatsPerCycle data beats per cycle on each of R and W (a fraction models a narrower pseudo-channel): (0, 1]
 * @param banks        banks (a power of two); consecutive rows of {@code rowBytes} go to consecutive banks
 * @param rowBytes     bytes of a DRAM row (a power of two, at least 64)
 * @param cl           CAS latency: a row hit's access, cycles
 * @param tRcd         activate to access, cycles
 * @param tRp          precharge, cycles (a row miss pays tRP + tRCD + CL)
 * @param tRc          activate to activate in one bank, cycles
 * @param tCcd         column command to column command in one bank, cycles: a row hit's CL is latency, not
 *                     occupancy, so hits to an open row follow each other every max(tCCD, beats) cycles
 * @param reorder      how responses of different IDs may overtake each other (per-ID order is always kept)
 * @param stalls       probability (0..1) that each channel stalls a cycle: AWREADY, WREADY, ARREADY low or
 *                     RVALID, BVALID held back
 * @param errors       address ranges answered with an error response
 * @param seed         the random seed (runs are deterministic)
 */
public record HbmConfig(int latency, int jitter, double beatsPerCycle, int banks, int rowBytes, int cl, int tRcd,
                        int tRp, int tRc, int tCcd, Reorder reorder, Stalls stalls, List<ErrorRange> errors, long seed) {

    /** The order in which ready responses (read bursts, write responses) of different IDs go out. */
    public enum Reorder {
        /** In the order of their addresses: a response waits for every older one. */
        NONE,
        /**
         * The oldest ready one first: a younger response overtakes an older one of another ID only
         * while that one is not ready (its bank busy, its jitter longer), as a memory controller does.
         */
        OLDEST_READY,
        /** Any ready one, chosen at random: the hardest order for a master. */
        RANDOM
    }

    /** Per-channel stall probabilities. */
    public record Stalls(double aw, double w, double b, double ar, double r) {
        /** The same probability on every channel. */
        public static Stalls all(double p) {
            return new Stalls(p, p, p, p, p);
        }

        /** No stalls. */
        public static Stalls none() {
            return all(0);
        }
    }

    /**
     * Bursts touching {@code [from, to)} get {@code resp} (2 SLVERR, 3 DECERR); their writes are dropped.
     */
    public record ErrorRange(long from, long to, int resp, boolean onReads, boolean onWrites) {
        boolean hits(long lo, long hi, boolean read) {
            return (read ? onReads : onWrites) && lo < to && hi > from;
        }
    }

    /** Validates. */
    public HbmConfig {
        if (latency < 1 || latency > 10000 || jitter < 0) {
            throw new IllegalArgumentException("HBM latency must be 1..10000 and jitter >= 0, got " + latency + ", " + jitter);
        }
        if (!(beatsPerCycle > 0 && beatsPerCycle <= 1)) {
            throw new IllegalArgumentException("HBM beats per cycle must be in (0, 1], got " + beatsPerCycle);
        }
        if (banks < 1 || Integer.bitCount(banks) != 1 || rowBytes < 64 || Integer.bitCount(rowBytes) != 1) {
            throw new IllegalArgumentException("HBM banks and row bytes must be powers of two (row >= 64), got " + banks + ", " + rowBytes);
        }
        if (tCcd < 1) {
            throw new IllegalArgumentException("HBM tCCD must be at least 1 cycle, got " + tCcd);
        }
        errors = List.copyOf(errors);
        java.util.Objects.requireNonNull(reorder, "reorder");
    }

    /**
     * An HBM3-like pseudo-channel at {@code latency}: 16 banks of 1 KiB rows, CL 14, tRCD 14, tRP 14,
     * tRC 45, tCCD 4 cycles (HBM3's tCCD_L: the model has no bank groups, so every bank gets the
     * longer same-group spacing), full bandwidth, random reordering across IDs, no stalls, no errors.
     */
    public static HbmConfig hbm3(int latency) {
        return new HbmConfig(latency, 0, 1.0, 16, 1024, 14, 14, 14, 45, 4, Reorder.RANDOM, Stalls.none(), List.of(), 1);
    }

    /** The same with stalls. */
    public HbmConfig withStalls(Stalls s) {
        return new HbmConfig(latency, jitter, beatsPerCycle, banks, rowBytes, cl, tRcd, tRp, tRc, tCcd, reorder, s, errors, seed);
    }

    /** The same with jitter. */
    public HbmConfig withJitter(int j) {
        return new HbmConfig(latency, j, beatsPerCycle, banks, rowBytes, cl, tRcd, tRp, tRc, tCcd, reorder, stalls, errors, seed);
    }

    /** The same with error ranges. */
    public HbmConfig withErrors(List<ErrorRange> e) {
        return new HbmConfig(latency, jitter, beatsPerCycle, banks, rowBytes, cl, tRcd, tRp, tRc, tCcd, reorder, stalls, e, seed);
    }

    /** The same with another reordering policy. */
    public HbmConfig withReorder(Reorder r) {
        return new HbmConfig(latency, jitter, beatsPerCycle, banks, rowBytes, cl, tRcd, tRp, tRc, tCcd, r, stalls, errors, seed);
    }

    /** The same with another seed. */
    public HbmConfig withSeed(long s) {
        return new HbmConfig(latency, jitter, beatsPerCycle, banks, rowBytes, cl, tRcd, tRp, tRc, tCcd, reorder, stalls, errors, s);
    }
}
