package sohu.constraints;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Cell counts of one Yosys synthesis of a whole design (submodules counted once per instance).
 *
 * @param top the top module
 * @param target which synthesis ran
 * @param cells total cells
 * @param cellsByType cells by type name, sorted
 * @param luts LUTs (Xilinx LUT1..LUT6, iCE40 SB_LUT4)
 * @param flipFlops flip-flops (Xilinx FD*, Yosys {@code $_DFF*}/{@code $_SDFF*}/..., iCE40 SB_DFF*)
 * @param dsps DSP blocks (DSP48*, SB_MAC16)
 * @param brams block RAMs (RAMB18/RAMB36, SB_RAM40_4K)
 * @param lutRams distributed-RAM primitives (RAM32M, RAM64X1D, ...)
 * @param log the Yosys log
 */
public record SynthReport(String top, SynthTarget target, int cells, SortedMap<String, Integer> cellsByType,
                          int luts, int flipFlops, int dsps, int brams, int lutRams, Path log) {
    private static final Pattern LUT = Pattern.compile("LUT[1-6]|SB_LUT4|\\$lut");
    private static final Pattern FF = Pattern.compile("FD[A-Z]{2}(_1)?|\\$_[A-Z]*DFF[A-Z]*_[A-Z0-9]*_|\\$_FF_|SB_DFF[A-Z]*");
    private static final Pattern DSP = Pattern.compile("DSP48[A-Z0-9]*|SB_MAC16");
    private static final Pattern BRAM = Pattern.compile("RAMB(18|36)[A-Z0-9]*|SB_RAM40_4K[A-Z]*");
    private static final Pattern LUTRAM = Pattern.compile("RAM\\d+(M|X)[A-Z0-9]*");

    public SynthReport {
        cellsByType = Collections.unmodifiableSortedMap(new TreeMap<>(cellsByType));
    }

    /** Classifies the cell types of one stat. */
    public static SynthReport of(String top, SynthTarget target, int cells, Map<String, Integer> byType, Path log) {
        return new SynthReport(top, target, cells, new TreeMap<>(byType), sum(byType, LUT), sum(byType, FF),
                sum(byType, DSP), sum(byType, BRAM), sum(byType, LUTRAM), log);
    }

    private static int sum(Map<String, Integer> byType, Pattern p) {
        int n = 0;
        for (Map.Entry<String, Integer> e : byType.entrySet()) {
            if (p.matcher(e.getKey()).matches()) {
                n += e.getValue();
            }
        }
        return n;
    }

    /** "counter (xilinx): 20 cells, 9 LUTs, 8 FFs, 0 DSPs, 0 BRAMs". */
    public String summary() {
        return top + " (" + target.id() + "): " + cells + " cells, " + luts + " LUTs, " + flipFlops + " FFs, "
                + dsps + " DSPs, " + brams + " BRAMs" + (lutRams > 0 ? ", " + lutRams + " LUT RAMs" : "");
    }
}
