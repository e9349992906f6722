package sohu.verilator.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.hdl.exec.ExternalCommand;
import sohu.verilator.BuildResult;
import sohu.verilator.Sim;
import sohu.verilator.SimBuilder;
import sohu.verilator.SimOptions;
import sohu.verilator.SimSource;

// Counts Verilator runs process-wide, so no other test class may build at the same time.
@org.junit.jupiter.api.parallel.Isolated
class CacheTest {
    private static final Pattern PROBE = Pattern.compile("cached=(\\w+) runs=(\\d+) library=(\\S+)");

    @Test
    void concurrentColdBuildsThenHitsInThisAndANewJvm(@TempDir Path cache) throws Exception {
        SimBuilder builder = new SimBuilder(cache);
        SimOptions o = SimOptions.defaults();
        long runs0 = SimBuilder.verilatorRuns();
        // Two designs, each requested twice at once: each is built exactly once, both in parallel.
        List<SimSource> requests = List.of(Designs.counter(), Designs.adder100(), Designs.counter(), Designs.adder100());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<BuildResult>> futures = new ArrayList<>();
        List<BuildResult> results = new ArrayList<>();
        try {
            for (SimSource s : requests) futures.add(pool.submit(() -> builder.build(s, o)));
            for (Future<BuildResult> f : futures) results.add(f.get());
            assertEquals(2, SimBuilder.verilatorRuns() - runs0);
            assertEquals(results.get(0).library(), results.get(2).library());
            assertEquals(results.get(1).library(), results.get(3).library());
        } finally {
            pool.shutdownNow();
        }
        FileTime built = Files.getLastModifiedTime(results.get(0).library());

        BuildResult hit = builder.build(Designs.counter(), o);
        assertTrue(hit.cached());
        assertEquals(2, SimBuilder.verilatorRuns() - runs0, "a hit runs no Verilator");
        assertEquals(results.get(0).library(), hit.library());
        assertEquals(built, Files.getLastModifiedTime(hit.library()), "a hit does not rewrite the library");
        try (Sim sim = Sim.open(hit, o)) {
            sim.reset(1);
            assertEquals(0, sim.peek("count"));
        }

        BuildResult other = builder.build(Designs.counter(), o.withOptFast("-O0"));
        assertFalse(other.cached(), "a different OPT_FAST is a different build");

        Matcher m = probe(cache, Designs.counter());
        assertEquals("true", m.group(1), m.group());
        assertEquals("0", m.group(2), "a new JVM finds the entry and runs no Verilator: " + m.group());
        assertEquals(hit.library().toString(), m.group(3));
        assertEquals(built, Files.getLastModifiedTime(hit.library()));
    }

    /**
     * Several JVMs share one cache folder (all helpers' test runs share ~/.cache/sohu-verilator):
     * four JVMs build two designs at once, while a pile of abandoned temporary folders (builds
     * killed days ago) waits to be cleaned by whichever builder comes first. Each design is built
     * by exactly one JVM, every JVM succeeds, and nothing is left in the temporary folder.
     */
    @Test
    void severalJvmsBuildingAtOnceBuildEachDesignOnce(@TempDir Path cache) throws Exception {
        Path tmp = Files.createDirectories(cache.resolve("tmp"));
        FileTime old = FileTime.from(Instant.now().minus(3, ChronoUnit.DAYS));
        for (int i = 0; i < 30; i++) {
            Path d = Files.createDirectories(tmp.resolve("killed-" + i).resolve("obj"));
            for (int f = 0; f < 20; f++) Files.writeString(d.resolve("f" + f + ".o"), "x");
            Files.setLastModifiedTime(tmp.resolve("killed-" + i), old);
        }
        List<SimSource> designs = List.of(Designs.counter(), Designs.adder100(), Designs.counter(), Designs.adder100());
        ExecutorService pool = Executors.newFixedThreadPool(designs.size());
        List<Matcher> out = new ArrayList<>();
        try {
            List<Future<Matcher>> fs = new ArrayList<>();
            for (SimSource s : designs) fs.add(pool.submit(() -> probe(cache, s)));
            for (Future<Matcher> f : fs) out.add(f.get());
        } finally {
            pool.shutdownNow();
        }
        for (int d = 0; d < 2; d++) {
            Matcher a = out.get(d);
            Matcher b = out.get(d + 2);
            assertEquals(a.group(3), b.group(3), "one entry per design");
            assertEquals(1, Integer.parseInt(a.group(2)) + Integer.parseInt(b.group(2)),
                    "exactly one JVM ran Verilator for " + designs.get(d).top() + ": " + a.group() + " / " + b.group());
            assertTrue(a.group(1).equals("true") != b.group(1).equals("true"), a.group() + " / " + b.group());
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "abandoned and finished temporary folders are gone");
        }
    }

    /** Builds {@code src} into {@code cache} in a new JVM ({@link CacheProbe}) and returns its report line. */
    private static Matcher probe(Path cache, SimSource src) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CacheProbe.class.getName(), cache.toString(), src.top()));
        src.files().forEach(f -> cmd.add(f.toString()));
        String out = ExternalCommand.of(cmd).check("the cache probe JVM").output();
        Matcher m = PROBE.matcher(out);
        assertTrue(m.find(), out);
        return m;
    }
}
