package sohu.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import sohu.core.fp.FpFormat;

class ProgressTest {
    private final AtomicLong now = new AtomicLong();
    private final FakeEvaluator fake = new FakeEvaluator(SweepSettings.defaults());

    private PointResult point(int side) {
        return fake.evaluate(0, new SweepPoint(side, side, FpFormat.BF16, 1), java.nio.file.Path.of("."));
    }

    @Test
    void linesModePrintsOneLinePerPointWithEta() {
        StringWriter w = new StringWriter();
        Progress p = new Progress(new PrintWriter(w, true), false, 4, 2, now::get);
        p.begin();
        now.set(30_000_000_000L);
        p.finished(point(2), 30_000_000_000L);
        now.set(62_000_000_000L);
        p.finished(point(4), 32_000_000_000L);
        p.end();
        List<String> lines = w.toString().lines().toList();
        assertEquals(List.of(
                "[######..................] 1/4 points, elapsed 30s, ETA 45s; 2x2_bf16_l1 ok in 30s",
                "[############............] 2/4 points, elapsed 1m02s, ETA 31s; 4x4_bf16_l1 ok in 32s"), lines);
    }

    @Test
    void terminalModeRedrawsOneLineInPlace() {
        StringWriter w = new StringWriter();
        Progress p = new Progress(new PrintWriter(w, true), true, 2, 1, now::get);
        p.begin();
        now.set(5_000_000_000L);
        fake.failing.add("2x2_bf16_l1");
        p.finished(point(2), 5_000_000_000L);
        now.set(7_000_000_000L);
        p.tick();
        p.finished(point(4), 1_000_000_000L);
        p.end();
        String s = w.toString();
        assertTrue(s.startsWith("\r[........................] 0/2 points, elapsed 0s"), s);
        assertTrue(s.contains("\r[############............] 1/2 points (1 failed), elapsed 5s, ETA 5s; 2x2_bf16_l1 FAILED in 5s"), s);
        assertTrue(s.contains("\r[############............] 1/2 points (1 failed), elapsed 7s, ETA 5s; 2x2_bf16_l1 FAILED in 5s"),
                "a tick moves the elapsed time: " + s);
        assertTrue(s.contains("\r[########################] 2/2 points (1 failed), elapsed 7s; 4x4_bf16_l1 ok in 1s "), s);
        assertTrue(s.endsWith(" " + System.lineSeparator()), "padded over the longer line before:" + s);
        assertEquals(1, s.chars().filter(c -> c == '\n').count(), "one line, redrawn with \\r");
    }

    @Test
    void durations() {
        assertEquals("0s", Progress.duration(0));
        assertEquals("59s", Progress.duration(59_000_000_000L));
        assertEquals("3m07s", Progress.duration(187_000_000_000L));
        assertEquals("2h05m", Progress.duration(7_500_000_000_000L));
    }
}
