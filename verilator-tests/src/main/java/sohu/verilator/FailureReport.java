package sohu.verilator;

import java.math.BigInteger;

/** Formats check failures: what differed, when, recent port values and where the waveform is. */
final class FailureReport {
    private FailureReport() {}

    static String mismatch(Sim sim, String signal, BigInteger expected, BigInteger actual) {
        int width = Math.max(1, Math.max(expected.bitLength(), actual.bitLength()));
        try {
            width = sim.port(signal).width();
        } catch (IllegalArgumentException notAPort) {
            // An internal signal or a computed value: size the digits from the values.
        }
        return failure(sim, "mismatch on '" + signal + "': expected " + hex(expected, width)
                + ", actual " + hex(actual, width));
    }

    static String failure(Sim sim, String what) {
        StringBuilder sb = new StringBuilder();
        sb.append(sim.build().top()).append(" at cycle ").append(sim.cycle()).append(": ").append(what).append('\n');
        String table = sim.historyTable();
        if (!table.isEmpty()) {
            sb.append("last cycles (ports after each rising edge; inputs as sampled by it):\n").append(table);
        }
        sim.flushWaves();
        sim.wavePath().ifPresent(p -> sb.append("waveform: ").append(p).append('\n'));
        return sb.toString().stripTrailing();
    }

    /** {@code 0x..} with as many digits as the width needs; single bits print as 0/1. */
    static String hex(BigInteger v, int width) {
        if (width == 1) return v.toString();
        String h = v.toString(16);
        int digits = (width + 3) / 4;
        return "0x" + "0".repeat(Math.max(0, digits - h.length())) + h;
    }
}
