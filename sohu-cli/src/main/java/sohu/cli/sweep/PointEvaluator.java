package sohu.cli.sweep;

import java.nio.file.Path;

/**
 * Evaluates one point of a sweep. Implementations must be safe to call from several threads at
 * once for different points, and report problems in the result ({@link PointResult#ok()} false
 * with a note) rather than by throwing.
 */
@FunctionalInterface
public interface PointEvaluator {
    /**
     * Measures {@code point}.
     *
     * @param index   the point's position in the full grid
     * @param point   the configuration
     * @param workDir an empty scratch folder for this point (RTL, logs)
     */
    PointResult evaluate(int index, SweepPoint point, Path workDir);
}
