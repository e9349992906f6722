package sohu.cli.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import sohu.cli.sweep.PointResult.Area;
import sohu.cli.sweep.PointResult.SynthStatus;
import sohu.constraints.SynthReport;
import sohu.constraints.SynthTarget;
import sohu.constraints.YosysSynth;
import sohu.hdl.emit.Emitted;

/**
 * Area from Yosys generic synthesis ({@code synth}, technology-independent gates): cells and
 * flip-flops of the whole design and of one submodule (for the engine: the processing-element
 * grid), both from one run. Scratchpads become flip-flops in generic synthesis, so the whole-design
 * numbers include them.
 */
public final class AreaSynth {
    private AreaSynth() { }

    /**
     * Synthesizes {@code e} (in {@code <rtl>/yosys_generic}) and counts the cells of the top and
     * of the first module whose name starts with {@code partPrefix}.
     *
     * @throws sohu.constraints.ToolException when Yosys fails
     * @throws IOException when the report cannot be read
     */
    public static Area run(Emitted e, String partPrefix) throws IOException {
        SynthReport whole = YosysSynth.run(e, e.top(), SynthTarget.GENERIC);
        String stat = Files.readString(whole.log().resolveSibling("stat.txt"), StandardCharsets.UTF_8);
        StatHierarchy h = StatHierarchy.parse(stat);
        String part = h.find(partPrefix).orElseThrow(() -> new IOException(
                "no module " + partPrefix + "* in the Yosys report of " + e.top() + " (modules: " + h.modules() + ")"));
        Map<String, Long> partCells = h.flatten(part);
        SynthReport partReport = SynthReport.of(part, SynthTarget.GENERIC, (int) h.cells(part), toInt(partCells),
                whole.log());
        return new Area(SynthStatus.DONE, whole.cells(), whole.flipFlops(), partReport.cells(), partReport.flipFlops());
    }

    private static Map<String, Integer> toInt(Map<String, Long> m) {
        Map<String, Integer> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, Math.toIntExact(v)));
        return out;
    }
}
