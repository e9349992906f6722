package sohu.constraints;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sohu.hdl.emit.Json;

/**
 * Writes an OpenLane {@code config.json} that sits beside the RTL: paths use OpenLane's
 * {@code dir::} prefix (relative to the config's folder), and the generated SDC drives both
 * place-and-route and sign-off, since OpenLane's own base SDC constrains only the first clock
 * and uses {@code [all_inputs]}. A design with several clocks lists every clock port in
 * {@code CLOCK_PORT}; {@code CLOCK_PERIOD} is the first clock's (the SDC gives each its own).
 */
public final class OpenLaneConfig {
    private OpenLaneConfig() { }

    /**
     * The config for {@code t}; {@code verilogFiles} and {@code sdcFile} are file names in the
     * config's folder, the Verilog files in dependency order.
     */
    public static String write(DesignTiming t, List<String> verilogFiles, String sdcFile) {
        List<Object> files = new ArrayList<>();
        verilogFiles.forEach(f -> files.add("dir::" + f));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("DESIGN_NAME", t.top());
        m.put("VERILOG_FILES", files);
        // null (unset) for a design without a clock; the SDC then times its I/O on a virtual clock.
        List<ClockSpec> clocks = t.portClocks();
        ClockSpec first = clocks.isEmpty() ? t.clock() : clocks.get(0);
        m.put("CLOCK_PORT", clocks.size() > 1 ? new ArrayList<Object>(clocks.stream().map(ClockSpec::port).toList())
                : first.port());
        m.put("CLOCK_PERIOD", first.periodNs());
        m.put("PNR_SDC_FILE", "dir::" + sdcFile);
        m.put("SIGNOFF_SDC_FILE", "dir::" + sdcFile);
        return Json.write(m);
    }
}
