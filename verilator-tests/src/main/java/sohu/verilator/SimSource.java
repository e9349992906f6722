package sohu.verilator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to simulate: the top module, its source files and its ports.
 *
 * <p>{@code ports} may be empty: the bridge then takes the ports Verilator finds on the top. When
 * given, they are checked against the Verilated model and any difference fails the build.
 *
 * @param top   name of the top module
 * @param files SystemVerilog sources, in compile order; include files ({@code .svh}/{@code .vh})
 *              next to them are found and hashed automatically
 * @param ports expected ports of the top (may be empty)
 */
public record SimSource(String top, List<Path> files, List<SimPort> ports) {

    /** Validates and copies the components. */
    public SimSource {
        Objects.requireNonNull(top, "top");
        if (top.isBlank()) throw new IllegalArgumentException("blank top module name");
        files = files.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        ports = List.copyOf(ports);
        if (files.isEmpty()) throw new IllegalArgumentException("no source files for " + top);
    }

    /** A source whose ports are discovered from the Verilated model. */
    public static SimSource of(String top, Path... files) {
        return new SimSource(top, List.of(files), List.of());
    }

    /**
     * Reads a file list: one source path per line, relative to the list's folder; blank lines and
     * lines starting with {@code #} or {@code //} are skipped. Tool options are rejected.
     */
    public static SimSource fromFilelist(String top, Path filelist, List<SimPort> ports) {
        List<String> lines;
        try {
            lines = Files.readAllLines(filelist);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read file list " + filelist, e);
        }
        Path base = filelist.toAbsolutePath().getParent();
        List<Path> files = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("//")) continue;
            if (line.startsWith("-") || line.startsWith("+")) {
                throw new IllegalArgumentException(filelist + ": options are not supported in a file list: " + line);
            }
            files.add(base.resolve(line));
        }
        return new SimSource(top, files, ports);
    }
}
