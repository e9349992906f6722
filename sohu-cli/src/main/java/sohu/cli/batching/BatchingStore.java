package sohu.cli.batching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import sohu.cli.sweep.AtomicFiles;

/**
 * The output folder of {@code sohu bench batching}:
 * <pre>
 *   DIR/points/&lt;key&gt;.csv   one finished point each, written atomically
 *   DIR/batching.csv        the points of the run (or of a merge), in table order
 *   DIR/batching.txt        the table as printed
 *   DIR/batching.png        the cycles of each point by cause
 * </pre>
 * A point whose file holds a successful row with the same settings is done: a rerun skips it.
 */
public final class BatchingStore {
    /** Name of the assembled CSV. */
    public static final String CSV = "batching.csv";
    /** Name of the printed table. */
    public static final String TABLE = "batching.txt";
    /** Name of the plot. */
    public static final String PLOT = "batching.png";

    private final Path dir;

    /** The store in {@code dir} (created on first write). */
    public BatchingStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    private Path pointFile(BatchingPoint p) {
        return dir.resolve("points").resolve(p.key() + ".csv");
    }

    /** The stored result of {@code p} if an earlier run finished it with the same settings. */
    public Optional<BatchingResult> done(BatchingPoint p, BatchingSettings s) {
        Path f = pointFile(p);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            List<BatchingResult> rs = BatchingCsv.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString());
            return rs.size() == 1 && rs.get(0).ok() && rs.get(0).point().equals(p) && rs.get(0).settings().equals(s)
                    ? Optional.of(rs.get(0)) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // unreadable: run the point again
        }
    }

    /** Records a finished point (failed ones too; they count as not done). */
    public void save(BatchingResult r) throws IOException {
        AtomicFiles.writeString(pointFile(r.point()), BatchingCsv.render(List.of(r)));
    }

    /** Every point file of the folder, in file-name order. */
    public List<BatchingResult> all() throws IOException {
        Path points = dir.resolve("points");
        List<BatchingResult> out = new ArrayList<>();
        if (!Files.isDirectory(points)) {
            return out;
        }
        try (Stream<Path> s = Files.list(points)) {
            for (Path f : s.filter(x -> x.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                out.addAll(BatchingCsv.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString()));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return out;
    }

    /** Writes the CSV, the table and the plot of {@code results} (in table order); returns the table. */
    public String writeAll(List<BatchingResult> results) throws IOException {
        String table = BatchingTable.render(results);
        AtomicFiles.writeString(dir.resolve(CSV), BatchingCsv.render(results));
        AtomicFiles.writeString(dir.resolve(TABLE), table);
        BatchingPlot.write(dir.resolve(PLOT), results);
        return table;
    }
}
