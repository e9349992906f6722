package sohu.verilator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache's cleanup of abandoned builds while other builders work in the same folder. */
class BuildCacheTest {
    @TempDir
    Path root;

    @Test
    void removesOnlyFoldersOlderThanTheCutoff() throws IOException {
        BuildCache cache = new BuildCache(root);
        Path tmp = Files.createDirectories(root.resolve("tmp"));
        Path old = Files.createDirectories(tmp.resolve("killed-1/obj"));
        Files.writeString(old.resolve("a.o"), "x");
        Files.setLastModifiedTime(tmp.resolve("killed-1"), FileTime.from(Instant.now().minus(2, ChronoUnit.DAYS)));
        Path live = Files.createDirectories(tmp.resolve("building-2"));
        cache.removeAbandoned(System.currentTimeMillis() - 24L * 3600 * 1000);
        assertFalse(Files.exists(tmp.resolve("killed-1")));
        assertTrue(Files.isDirectory(live));
    }

    /**
     * The cause of a sweep test that failed once on a loaded machine: one builder lists the
     * temporary folder while another renames its finished build out of it (or cleans the same
     * folder). Every folder here counts as abandoned (cutoff in the future), so the cleanup
     * races the renames on every round; it must never fail.
     */
    @Test
    void cleanupToleratesFoldersRenamedOrDeletedMeanwhile() throws Exception {
        BuildCache cache = new BuildCache(root);
        Path tmp = Files.createDirectories(root.resolve("tmp"));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger renamed = new AtomicInteger();
        Thread other = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                try {
                    Path t = Files.createTempDirectory(tmp, "entry-");
                    Files.createDirectories(t.resolve("obj"));
                    Files.writeString(t.resolve("obj/x.o"), "x");
                    Files.move(t, root.resolve("done-" + i));
                    renamed.incrementAndGet();
                } catch (IOException e) {
                    // the cleanup deleted it first: fine for this test
                }
            }
        });
        other.start();
        try {
            for (int round = 0; round < 3000; round++) {
                cache.removeAbandoned(Long.MAX_VALUE);
            }
        } finally {
            stop.set(true);
            other.join();
        }
        assertTrue(renamed.get() > 0, "the other builder made progress");
        cache.removeAbandoned(Long.MAX_VALUE);
        try (var left = Files.list(tmp)) {
            assertEquals(0, left.count());
        }
    }
}
