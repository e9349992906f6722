package sohu.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import sohu.constraints.ClockSpec;
import sohu.constraints.FlowFiles;
import sohu.constraints.FlowTarget;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.ir.Circuit;

/**
 * Writes elaborated designs for the {@code generate} commands, all or nothing: every design is
 * written into a temporary folder beside the destination and each design folder is published
 * with one rename only when all are complete ({@link OutputFolder}), so a failure leaves no
 * half-written output and a regenerated folder no stale files.
 */
public final class DesignOutput {
    private DesignOutput() { }

    /** A design to write: its folder name, circuit and extra manifest attributes. */
    public record Design(String name, Circuit circuit, Map<String, Object> attributes) {
        public Design {
            // Keep the caller's order: Map.copyOf iterates in a per-JVM random order, and the
            // manifest must be byte-identical across runs.
            attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }

        /** A design with no extra manifest attributes. */
        public Design(String name, Circuit circuit) {
            this(name, circuit, Map.of());
        }
    }

    /** What was written for one design; {@code clocks} are its clock ports. */
    public record Written(String name, String top, Path dir, int modules, int files, long lines, List<String> clocks) {
        public Written {
            clocks = List.copyOf(clocks);
        }

        /** "counter: top Counter_w8_lim200, 1 module, 31 lines in 1 file". */
        public String summary() {
            return name + ": top " + top + ", " + plural(modules, "module") + ", " + plural(lines, "line")
                    + " of SystemVerilog in " + plural(files, "file");
        }
    }

    /**
     * Writes each design into its own subfolder {@code dir/<name>} (RTL, filelist, manifest and
     * the target's constraint and flow files); other contents of {@code dir} are left alone, an
     * existing subfolder of the same name is replaced as a whole (one rename, no stale files).
     */
    public static List<Written> writeAll(List<Design> designs, Path dir, GenerateOptions options) {
        Path target = dir.toAbsolutePath().normalize();
        Set<String> names = new HashSet<>();
        for (Design d : designs) {
            if (!d.name().matches("[A-Za-z0-9][A-Za-z0-9_.-]*") || !names.add(d.name())) {
                throw new IllegalArgumentException("bad or duplicate design folder name '" + d.name() + "'");
            }
        }
        return OutputFolder.staged(target, tmp -> {
            Path staged = Files.createDirectory(tmp.resolve("out"));
            List<Written> written = new ArrayList<>();
            for (Design d : designs) {
                written.add(emit(d, staged.resolve(d.name()), target.resolve(d.name()), options));
            }
            checkClocksNamed(written, options);
            if (!Files.exists(target)) {
                OutputFolder.replace(staged, target, tmp);
            } else {
                for (Design d : designs) {
                    OutputFolder.replace(staged.resolve(d.name()), target.resolve(d.name()), tmp);
                }
            }
            return written;
        });
    }

    /**
     * Writes one design as the folder {@code dir} itself, all or nothing, published with one
     * rename. An existing {@code dir} is replaced as a whole when it is empty or an earlier
     * design folder (it has a sohu {@code manifest.json}); any other folder is refused rather
     * than emptied.
     */
    public static Written writeOne(Design d, Path dir, GenerateOptions options) {
        Path target = dir.toAbsolutePath().normalize();
        refuseForeignFolder(target);
        return OutputFolder.staged(target, tmp -> {
            Path staged = tmp.resolve("design");
            Written w = emit(d, staged, target, options);
            checkClocksNamed(List.of(w), options);
            OutputFolder.replace(staged, target, tmp);
            return w;
        });
    }

    /** A folder {@code writeOne} may replace: missing, empty, or holding a design sohu wrote. */
    private static void refuseForeignFolder(Path target) {
        if (!Files.isDirectory(target)) {
            return;
        }
        try (Stream<Path> s = Files.list(target)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            if (names.isEmpty()) {
                return;
            }
            Path manifest = target.resolve("manifest.json");
            if (Files.isRegularFile(manifest) && Files.readString(manifest).contains("\"generator\": \"sohu-hdl")) {
                return;
            }
            throw new CliException("cannot write into " + target + ": it holds files sohu did not write ("
                    + String.join(", ", names.subList(0, Math.min(3, names.size())))
                    + (names.size() > 3 ? ", ..." : "") + "), which the new design would replace; "
                    + "choose a new or empty folder with --out");
        } catch (IOException e) {
            throw new CliException("cannot write into " + target + ": " + OutputFolder.why(e, null));
        }
    }

    /** Emits the RTL and the target's flow files into {@code staged}; reports them as if in {@code finalDir}. */
    private static Written emit(Design d, Path staged, Path finalDir, GenerateOptions options) {
        Emitted e = OutputWriter.write(d.circuit(), staged, merge(options.manifestAttributes(), d.attributes()));
        FlowFiles.Written f = FlowFiles.write(e, d.circuit(), FlowTarget.parse(options.target().id()), options.flowSpec());
        List<String> clocks = f.timing().portClocks().stream().map(ClockSpec::port).toList();
        return new Written(d.name(), e.top(), finalDir, d.circuit().modules().size(), e.svFiles().size(), e.lines(),
                clocks);
    }

    /** A {@code --clock-mhz PORT=F} whose port is no clock of any design written is a typo: refused before publishing. */
    private static void checkClocksNamed(List<Written> written, GenerateOptions options) {
        Set<String> all = new java.util.TreeSet<>();
        written.forEach(w -> all.addAll(w.clocks()));
        for (String port : options.clocksMhz().keySet()) {
            if (!all.contains(port)) {
                throw new CliException("--clock-mhz " + port + "=...: no design written has a clock port " + port
                        + "; their clock ports are " + (all.isEmpty() ? "none" : String.join(", ", all))
                        + ". Name one of them, or give every clock the same frequency with --clock-mhz F", Main.EXIT_USAGE);
            }
        }
    }

    /** See {@link OutputFolder#checkWritable}. */
    public static void checkWritable(Path target) {
        OutputFolder.checkWritable(target);
    }

    /** Prints one summary line per design and the folder the files went to. */
    public static void report(PrintWriter out, List<Written> written, Path dir, String options) {
        for (Written w : written) {
            out.println("  " + w.summary());
        }
        out.println("Wrote " + plural(written.size(), "design") + " (" + options + ") into "
                + dir.toAbsolutePath().normalize());
        out.flush();
    }

    private static Map<String, Object> merge(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> m = new LinkedHashMap<>(a);
        m.putAll(b);
        return m;
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
