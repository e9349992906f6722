package sohu.verilator.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.verilator.BuildResult;
import sohu.verilator.Sim;
import sohu.verilator.SimBuilder;
import sohu.verilator.SimOptions;
import sohu.verilator.SimSource;

// Counts Verilator runs process-wide, so no other test class may build at the same time.
@org.junit.jupiter.api.parallel.Isolated
class CacheTest {

    @Test
    void concurrentColdBuildsThenHitsInThisAndANewJvm(@TempDir Path cache) throws Exception {
        SimBuilder builder = new SimBuilder(cache);
        SimOptions o = SimOptions.defaults();
        long runs0 = SimBuilder.verilatorRuns();
        // Two designs, each requested twice at once: each is built exactly once, both in parallel.
        List<SimSource> requests = List.of(Designs.counter(), Designs.adder100(), Designs.counter(), Designs.adder100());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<BuildResult>> futures = new ArrayList<>();
        try {
            for (SimSource s : requests) futures.add(pool.submit(() -> builder.build(s, o)));
            List<BuildResult> results = new ArrayList<>();
            for (Future<BuildResult> f : futures) results.add(f.get());
            assertEquals(2, SimBuilder.verilatorRuns() - runs0);
            assertEquals(results.get(0).library(), results.get(2).library());
            assertEquals(results.get(1).library(), results.get(3).library());
        } finally {
            pool.shutdownNow();
        }

        BuildResult hit = builder.build(Designs.counter(), o);
        assertTrue(hit.cached());
        assertEquals(2, SimBuilder.verilatorRuns() - runs0);
        assertTrue(hit.elapsed().toMillis() < 500, "cache hit took " + hit.elapsed());
        try (Sim sim = Sim.open(hit, o)) {
            sim.reset(1);
            assertEquals(0, sim.peek("count"));
        }

        BuildResult other = builder.build(Designs.counter(), o.withOptFast("-O0"));
        assertFalse(other.cached(), "a different OPT_FAST is a different build");

        String out = runProbe(cache, Designs.counter());
        Matcher m = Pattern.compile("cached=(\\w+) runs=(\\d+) ms=(\\d+)").matcher(out);
        assertTrue(m.find(), out);
        assertEquals("true", m.group(1), out);
        assertEquals("0", m.group(2), out);
        assertTrue(Long.parseLong(m.group(3)) < 1000, "new JVM: build + open + step took " + m.group(3) + " ms");
    }

    private static String runProbe(Path cache, SimSource src) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CacheProbe.class.getName(), cache.toString(), src.top()));
        src.files().forEach(f -> cmd.add(f.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
