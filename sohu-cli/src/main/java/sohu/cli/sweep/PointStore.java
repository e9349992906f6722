package sohu.cli.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The output folder of a sweep:
 * <pre>
 *   DIR/points/&lt;key&gt;.csv   one finished point each (header + one row), written atomically
 *   DIR/work/&lt;key&gt;/        scratch of a point: RTL, lint and Yosys logs
 *   DIR/sweep.csv           the points of this run in grid order, rewritten at the end
 *   DIR/*.png               the plots
 * </pre>
 * A point whose file exists is done; a restarted sweep skips it. Only successful points are kept
 * as done, so failures run again.
 */
public final class PointStore {
    /** Name of the assembled CSV. */
    public static final String SWEEP_CSV = "sweep.csv";

    private final Path dir;

    /** The store in {@code dir} (created on first write). */
    public PointStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** The result file of a point. */
    public Path pointFile(SweepPoint p) {
        return dir.resolve("points").resolve(p.key() + ".csv");
    }

    /** The scratch folder of a point. */
    public Path workDir(SweepPoint p) {
        return dir.resolve("work").resolve(p.key());
    }

    /** The stored result of a point, if it finished successfully in an earlier run. */
    public Optional<PointResult> done(SweepPoint p) {
        Path f = pointFile(p);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            List<PointResult> rs = ResultCsv.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString());
            return rs.size() == 1 && rs.get(0).point().equals(p) && rs.get(0).ok() ? Optional.of(rs.get(0))
                    : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // unreadable: run the point again
        }
    }

    /** Records a finished point atomically; failed points are recorded too but count as not done. */
    public void save(PointResult r) throws IOException {
        AtomicFiles.writeString(pointFile(r.point()), ResultCsv.render(List.of(r)));
    }

    /** Every point file in the folder, in no particular order. */
    public List<PointResult> all() throws IOException {
        Path points = dir.resolve("points");
        List<PointResult> out = new ArrayList<>();
        if (!Files.isDirectory(points)) {
            return out;
        }
        try (Stream<Path> s = Files.list(points)) {
            for (Path f : s.filter(x -> x.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                out.addAll(ResultCsv.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString()));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return out;
    }

    /** Writes {@code sweep.csv} atomically. */
    public Path writeSweepCsv(List<PointResult> results) throws IOException {
        Path f = dir.resolve(SWEEP_CSV);
        AtomicFiles.writeString(f, ResultCsv.render(results));
        return f;
    }
}
