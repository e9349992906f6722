package sohu.hdl.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sohu.hdl.exec.FileTrees;
import sohu.hdl.ir.Circuit;
import sohu.hdl.ir.ModuleDef;
import sohu.hdl.ir.Port;
import sohu.hdl.ir.Stmt;

/**
 * Writes a circuit as one {@code .sv} file per distinct module, a filelist
 * {@code <top>.f} (dependency order, relative paths) and {@code manifest.json}. Files
 * are written into a temporary folder beside the destination and moved into place only
 * when all of them are complete, so a failure leaves nothing half-written.
 */
public final class OutputWriter {
    /** Version recorded in manifests. */
    public static final String VERSION = "sohu-hdl 0.1.0";

    private OutputWriter() { }

    /** Writes the circuit into {@code dir}. */
    public static Emitted write(Circuit circuit, Path dir) {
        return write(circuit, dir, Map.of());
    }

    /**
     * Writes the circuit into {@code dir}; {@code attributes} (e.g. latency) are added to
     * the manifest. Returns what was written.
     */
    public static Emitted write(Circuit circuit, Path dir, Map<String, Object> attributes) {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        try {
            Files.createDirectories(parent);
            Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
            try {
                Emitted e = writeInto(circuit, tmp, attributes);
                List<String> names = new ArrayList<>();
                for (Path f : e.svFiles()) {
                    names.add(f.getFileName().toString());
                }
                names.add(e.filelist().getFileName().toString());
                names.add(e.manifest().getFileName().toString());
                publish(tmp, target, names);
                return relocate(e, target);
            } finally {
                FileTrees.delete(tmp);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the design into " + target + ": " + ex.getMessage(), ex);
        }
    }

    private static Emitted writeInto(Circuit circuit, Path dir, Map<String, Object> attributes) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Object> modules = new ArrayList<>();
        MessageDigest sha = sha256();
        long lines = 0;
        for (ModuleDef m : circuit.modules()) {
            String text = m.isBlackBox() ? m.blackBoxSource() : SvEmitter.emit(m);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("name", m.name());
            if (text != null) {
                Path f = dir.resolve(m.name() + ".sv");
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                Files.write(f, bytes);
                sha.update(bytes);
                files.add(f);
                info.put("file", f.getFileName().toString());
                lines += text.chars().filter(c -> c == '\n').count();
            } else {
                info.put("file", null);
                info.put("external", true);
            }
            info.put("blackBox", m.isBlackBox());
            info.put("params", new LinkedHashMap<>(m.params()));
            info.put("ports", ports(m.ports()));
            info.put("instances", m.instances().size());
            modules.add(info);
        }
        Path filelist = dir.resolve(circuit.top() + ".f");
        StringBuilder fl = new StringBuilder();
        for (Path f : files) {
            fl.append(f.getFileName()).append('\n');
        }
        Files.writeString(filelist, fl.toString());

        ModuleDef top = circuit.topModule();
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("generator", VERSION);
        manifest.put("top", circuit.top());
        manifest.put("sourcesSha256", HexFormat.of().formatHex(sha.digest()));
        manifest.put("filelist", filelist.getFileName().toString());
        manifest.put("clock", top.port("clk") != null ? "clk" : null);
        manifest.put("reset", top.port("rst") != null ? reset("rst", false, top.resetAsync()) : null);
        if (!top.clockDomains().isEmpty()) {
            manifest.put("clocks", clocks(top)); // absent for one clock: those manifests stay as they were
        }
        Json.ordered(attributes).forEach(a -> manifest.put(a.getKey(), a.getValue())); // Map.of order changes per JVM
        manifest.put("ports", ports(top.ports()));
        manifest.put("modules", modules);
        Path man = dir.resolve("manifest.json");
        Files.writeString(man, Json.write(manifest));
        return new Emitted(dir, circuit.top(), files, filelist, man, top.ports(), lines);
    }

    private static Map<String, Object> reset(String port, boolean activeLow, boolean async) {
        Map<String, Object> reset = new LinkedHashMap<>();
        reset.put("port", port);
        reset.put("activeHigh", !activeLow);
        reset.put("kind", async ? "async" : "sync");
        return reset;
    }

    /**
     * Every clock domain of the top: the implicit one first when it has a {@code clk} port, then
     * the named ones; each with its clock port, reset and the data ports it owns.
     */
    private static List<Object> clocks(ModuleDef top) {
        List<Object> out = new ArrayList<>();
        java.util.Set<String> owned = new java.util.HashSet<>();
        for (Stmt.ClockDomain d : top.clockDomains()) {
            owned.add(d.clock());
            owned.add(d.reset());
            owned.addAll(d.members());
        }
        if (top.port("clk") != null && !owned.contains("clk")) {
            List<String> rest = new ArrayList<>();
            top.ports().stream().map(Port::name).filter(n -> !owned.contains(n) && !n.equals("clk") && !n.equals("rst"))
                    .forEach(rest::add);
            out.add(clock("clk", top.port("rst") != null ? reset("rst", false, top.resetAsync()) : null, rest));
        }
        for (Stmt.ClockDomain d : top.clockDomains()) {
            List<String> mine = new ArrayList<>();
            top.ports().stream().map(Port::name).filter(d.members()::contains).forEach(mine::add);
            out.add(clock(d.clock(), d.reset() == null ? null : reset(d.reset(), d.resetActiveLow(), d.resetAsync()),
                    mine));
        }
        return out;
    }

    private static Map<String, Object> clock(String port, Map<String, Object> reset, List<String> ports) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("port", port);
        c.put("reset", reset);
        c.put("ports", new ArrayList<Object>(ports));
        return c;
    }

    private static List<Object> ports(List<Port> ports) {
        List<Object> out = new ArrayList<>();
        for (Port p : ports) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("name", p.name());
            j.put("direction", p.isInput() ? "input" : "output");
            j.put("width", p.width());
            j.put("signed", p.signed());
            out.add(j);
        }
        return out;
    }

    private static void publish(Path tmp, Path target, List<String> names) throws IOException {
        if (!Files.exists(target)) {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                openPermissions(target);
                return;
            } catch (AtomicMoveNotSupportedException e) {
                Files.createDirectories(target);
            }
        }
        if (!Files.isDirectory(target) || !Files.isWritable(target)) {
            throw new IOException(target + " is not a writable folder");
        }
        for (String n : names) {
            Files.move(tmp.resolve(n), target.resolve(n), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Temporary folders are private (rwx------); a published design folder is not. */
    private static void openPermissions(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static Emitted relocate(Emitted e, Path target) {
        List<Path> files = e.svFiles().stream().map(f -> target.resolve(f.getFileName())).toList();
        return new Emitted(target, e.top(), files, target.resolve(e.filelist().getFileName()),
                target.resolve(e.manifest().getFileName()), e.topPorts(), e.lines());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
