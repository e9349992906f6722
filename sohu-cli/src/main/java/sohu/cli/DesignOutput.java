package sohu.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import sohu.constraints.FlowFiles;
import sohu.constraints.FlowSpec;
import sohu.constraints.FlowTarget;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.ir.Circuit;

/**
 * Writes elaborated designs for the {@code generate} commands, all or nothing: every design is
 * written into a temporary folder beside the destination and moved into place only when all are
 * complete, so a failure leaves no half-written output.
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

    /** What was written for one design. */
    public record Written(String name, String top, Path dir, int modules, int files, long lines) {
        /** "counter: top Counter_w8_lim200, 1 module, 31 lines in 1 file". */
        public String summary() {
            return name + ": top " + top + ", " + plural(modules, "module") + ", " + plural(lines, "line")
                    + " of SystemVerilog in " + plural(files, "file");
        }
    }

    /**
     * Writes each design into its own subfolder {@code dir/<name>} (RTL, filelist, manifest and
     * the target's constraint and flow files); other contents of {@code dir} are left alone, an
     * existing subfolder of the same name is replaced.
     */
    public static List<Written> writeAll(List<Design> designs, Path dir, GenerateOptions options) {
        Path target = dir.toAbsolutePath().normalize();
        Set<String> names = new HashSet<>();
        for (Design d : designs) {
            if (!d.name().matches("[A-Za-z0-9][A-Za-z0-9_.-]*") || !names.add(d.name())) {
                throw new IllegalArgumentException("bad or duplicate design folder name '" + d.name() + "'");
            }
        }
        return staged(target, tmp -> {
            List<Written> written = new ArrayList<>();
            for (Design d : designs) {
                written.add(emit(d, tmp.resolve(d.name()), target.resolve(d.name()), options));
            }
            makePublic(tmp);
            publish(tmp, target, designs.stream().map(Design::name).toList());
            return written;
        });
    }

    /** Writes one design directly into {@code dir}, all or nothing; other files in {@code dir} stay. */
    public static Written writeOne(Design d, Path dir, GenerateOptions options) {
        Path target = dir.toAbsolutePath().normalize();
        return staged(target, tmp -> {
            Path staged = tmp.resolve("design");
            Written w = emit(d, staged, target, options);
            List<String> files;
            try (Stream<Path> s = Files.list(staged)) {
                files = s.map(f -> f.getFileName().toString()).sorted().toList();
            }
            publish(staged, target, files);
            return w;
        });
    }

    /** Work that writes into a temporary folder and publishes from it. */
    private interface StagedWrite<T> {
        T run(Path tmp) throws IOException;
    }

    /**
     * Runs {@code work} on a temporary folder beside {@code target}, turning any I/O failure
     * into a one-line error and always removing the temporary folder.
     */
    private static <T> T staged(Path target, StagedWrite<T> work) {
        checkWritable(target);
        Path tmp = createTempBeside(target);
        try {
            return work.run(tmp);
        } catch (IOException e) {
            throw new CliException("cannot write into " + target + ": " + reason(e));
        } catch (UncheckedIOException e) {
            throw new CliException("cannot write into " + target + ": " + reason(e.getCause()));
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Emits the RTL and the target's flow files into {@code staged}; reports them as if in {@code finalDir}. */
    private static Written emit(Design d, Path staged, Path finalDir, GenerateOptions options) {
        Emitted e = OutputWriter.write(d.circuit(), staged, merge(options.manifestAttributes(), d.attributes()));
        FlowFiles.write(e, d.circuit(), FlowTarget.parse(options.target().id()), FlowSpec.ofMhz(options.clockMhz()));
        makePublic(staged);
        return new Written(d.name(), e.top(), finalDir, d.circuit().modules().size(), e.svFiles().size(), e.lines());
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

    /**
     * Fails with a one-line message unless {@code target} is, or can be created as, a writable
     * folder.
     */
    public static void checkWritable(Path target) {
        Path p = target;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            throw new CliException("cannot write into " + target + ": no existing parent folder");
        }
        if (!Files.isDirectory(p)) {
            throw new CliException("cannot write into " + target + ": " + p
                    + (p.equals(target) ? " exists and is not a folder" : " is a file, not a folder"));
        }
        if (!Files.isWritable(p)) {
            throw new CliException("cannot write into " + target + ": " + p + " is not writable");
        }
    }

    private static Path createTempBeside(Path target) {
        Path parent = target.getParent();
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
        } catch (IOException e) {
            throw new CliException("cannot write into " + target + ": " + reason(e));
        }
    }

    /** Moves the finished subfolders of {@code tmp} into {@code target}. */
    private static void publish(Path tmp, Path target, List<String> names) throws IOException {
        if (!Files.exists(target)) {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                Files.createDirectories(target);
            }
        }
        if (!Files.isDirectory(target)) {
            throw new IOException(target + " is not a folder");
        }
        Path old = tmp.resolve(".replaced");
        Files.createDirectories(old);
        for (String n : names) {
            Path dest = target.resolve(n);
            if (Files.exists(dest)) {
                Files.move(dest, old.resolve(n), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp.resolve(n), dest, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * Temporary folders are created private (rwx------); published folders get the usual
     * rwxr-xr-x like any folder made by mkdir.
     */
    private static void makePublic(Path dir) {
        try {
            if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // keep the default permissions
        }
    }

    private static Map<String, Object> merge(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> m = new LinkedHashMap<>(a);
        m.putAll(b);
        return m;
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return (f.getFile() == null ? "" : f.getFile() + ": ") + f.getReason();
        }
        return m == null ? e.toString() : Main.oneLine(m);
    }

    private static void deleteQuietly(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        } catch (IOException e) {
            // best effort: a leftover hidden temp folder is harmless
        }
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
