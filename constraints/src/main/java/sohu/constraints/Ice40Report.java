package sohu.constraints;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Result of placing and routing a design (inside its {@link PinHarness}) on an iCE40 HX8K.
 *
 * @param top the wrapped design
 * @param targetMhz the frequency nextpnr was asked for
 * @param maxMhz the post-route maximum frequency nextpnr reports for the clock
 * @param logicCells ICESTORM_LC used (of {@code logicCellsAvailable})
 * @param rams ICESTORM_RAM used
 * @param log the nextpnr log
 */
public record Ice40Report(String top, double targetMhz, double maxMhz, int logicCells, int logicCellsAvailable,
                          int rams, Path log) {
    /** Whether the target frequency is met. */
    public boolean met() {
        return maxMhz >= targetMhz;
    }

    /** "Counter_w8_lim200 on iCE40 HX8K: 284.6 MHz (target 100.0, met), 22/7680 LCs, 0 RAMs". */
    public String summary() {
        return String.format(Locale.ROOT, "%s on iCE40 HX8K: %.1f MHz (target %.1f, %s), %d/%d LCs, %d RAMs",
                top, maxMhz, targetMhz, met() ? "met" : "missed", logicCells, logicCellsAvailable, rams);
    }
}
