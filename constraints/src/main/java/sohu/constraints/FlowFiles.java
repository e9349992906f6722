package sohu.constraints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sohu.hdl.emit.Emitted;
import sohu.hdl.ir.Circuit;

/**
 * The single entry point: writes a target's constraint and integration files beside the RTL
 * that {@code OutputWriter} emitted. Every file is derived from one {@link DesignTiming}, has
 * deterministic bytes and names files only relative to its own folder. A design with several
 * clock domains gets one clock per domain, the clocks made asynchronous to each other, and
 * each port timed against its domain's clock; a design with one clock gets the files it
 * always had, byte for byte.
 *
 * <ul>
 *   <li>GENERIC: {@code <top>.sdc}, {@code <top>.core} (the filelist is already there)</li>
 *   <li>XILINX: {@code <top>_ooc.xdc}, {@code <top>.xdc}, {@code <top>.core}</li>
 *   <li>ASIC: {@code <top>.sdc}, {@code config.json} (OpenLane), {@code <top>.core}</li>
 * </ul>
 */
public final class FlowFiles {
    private FlowFiles() { }

    /** What was written: the timing description used and the files, in writing order. */
    public record Written(DesignTiming timing, List<Path> files) {
        public Written {
            files = List.copyOf(files);
        }
    }

    /** Writes the files for {@code target} into {@code emitted.dir()}. */
    public static Written write(Emitted emitted, Circuit circuit, FlowTarget target, FlowSpec spec) {
        if (!emitted.top().equals(circuit.top())) {
            throw new IllegalArgumentException("emitted top " + emitted.top() + " is not the circuit's top "
                    + circuit.top());
        }
        DesignTiming t = DesignTiming.of(circuit.topModule(), spec);
        Map<String, String> files = render(t, rtlNames(emitted), target);
        List<Path> written = new ArrayList<>();
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = emitted.dir().resolve(f.getKey());
                Files.write(p, f.getValue().getBytes(StandardCharsets.UTF_8));
                written.add(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write flow files into " + emitted.dir() + ": " + e.getMessage(), e);
        }
        return new Written(t, written);
    }

    /** The files for {@code target} by name, without writing them; {@code rtl} in dependency order. */
    public static Map<String, String> render(DesignTiming t, List<String> rtl, FlowTarget target) {
        String top = t.top();
        Map<String, String> out = new LinkedHashMap<>();
        List<FuseSocCore.ConstraintFile> constraints = new ArrayList<>();
        switch (target) {
            case GENERIC -> {
                out.put(top + ".sdc", SdcWriter.write(t, false));
                constraints.add(new FuseSocCore.ConstraintFile(top + ".sdc", "SDC"));
            }
            case ASIC -> {
                out.put(top + ".sdc", SdcWriter.write(t, true));
                out.put("config.json", OpenLaneConfig.write(t, rtl, top + ".sdc"));
                constraints.add(new FuseSocCore.ConstraintFile(top + ".sdc", "SDC"));
            }
            case XILINX -> {
                out.put(top + "_ooc.xdc", XdcWriter.outOfContext(t));
                out.put(top + ".xdc", XdcWriter.exceptions(t));
                constraints.add(new FuseSocCore.ConstraintFile(top + "_ooc.xdc", "xdc"));
                constraints.add(new FuseSocCore.ConstraintFile(top + ".xdc", "xdc"));
            }
            default -> throw new IllegalArgumentException("unknown target " + target);
        }
        out.put(top + ".core", FuseSocCore.write(top, rtl, constraints));
        return out;
    }

    private static List<String> rtlNames(Emitted e) {
        List<String> names = new ArrayList<>();
        for (Path f : e.svFiles()) {
            names.add(e.dir().toAbsolutePath().relativize(f.toAbsolutePath()).toString().replace('\\', '/'));
        }
        return names;
    }
}
