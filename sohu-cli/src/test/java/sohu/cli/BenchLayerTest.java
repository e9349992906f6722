package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code sohu bench layer}: the per-phase rows add up to the layer's cycles; bad options exit 2. */
class BenchLayerTest {
    @Test
    void aSmallLayerPrintsPhasesThatAddUp() {
        CliRun r = CliRun.of("bench", "layer", "--tokens", "40", "--hidden", "64", "--head-dim", "16",
                "--intermediate", "176", "--array", "4x4");
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.out().lines().toList();
        String total = lines.stream().filter(l -> l.startsWith("total ")).findFirst().orElseThrow();
        long cycles = Long.parseLong(total.trim().split("\\s+")[1]);
        long sum = 0;
        boolean in = false;
        for (String l : lines) {
            if (l.startsWith("phase ")) {
                in = true;
            } else if (in && !l.startsWith("total ")) {
                String[] f = l.trim().split("\\s+");
                long row = 0;
                for (int i = 3; i < f.length; i++) {
                    row += Long.parseLong(f[i]);
                }
                assertEquals(Long.parseLong(f[1]), row, "the kinds add up to the phase's cycles: " + l);
                sum += row;
            }
        }
        assertEquals(cycles, sum, r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("attention ")), r.out());
        assertEquals(r.out(), CliRun.of("bench", "layer", "--tokens", "40", "--hidden", "64", "--head-dim", "16",
                "--intermediate", "176", "--array", "4x4").out(), "deterministic");
    }

    @Test
    void badOptionsExitTwo() {
        CliRun r = CliRun.of("bench", "layer", "--tokens", "0");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.firstErrLine().startsWith("sohu: --tokens must be 1..4095, got 0"), r.toString());
        r = CliRun.of("bench", "layer", "--act-depth", "100");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.firstErrLine().contains("aDepth must be a power of two"), r.toString());
    }
}
