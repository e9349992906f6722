package sohu.hdl.exec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
    @TempDir
    Path tmp;

    @Test
    void deletesATreeButNotWhatALinkPointsTo() throws Exception {
        Path outside = Files.writeString(tmp.resolve("keep.txt"), "keep");
        Path root = Files.createDirectories(tmp.resolve("tree/a/b"));
        Files.writeString(root.resolve("f.txt"), "x");
        Files.createSymbolicLink(tmp.resolve("tree/a/link"), outside);
        Files.createSymbolicLink(tmp.resolve("tree/dirlink"), tmp);
        FileTrees.delete(tmp.resolve("tree"));
        assertFalse(Files.exists(tmp.resolve("tree")));
        assertTrue(Files.isRegularFile(outside));
        FileTrees.delete(tmp.resolve("tree")); // gone already: not an error
    }

    // Several builders cleaning the same abandoned folder at once (the Verilator cache does this)
    // must all succeed; a walk that lists first and deletes later throws NoSuchFileException here.
    @Test
    void concurrentDeletesOfOneTreeAllSucceed() throws Exception {
        for (int round = 0; round < 5; round++) {
            Path root = tmp.resolve("big" + round);
            for (int d = 0; d < 40; d++) {
                Path dir = Files.createDirectories(root.resolve("d" + d).resolve("sub"));
                for (int f = 0; f < 25; f++) {
                    Files.writeString(dir.resolve("f" + f), "x");
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Void>> fs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    Callable<Void> job = () -> {
                        FileTrees.delete(root);
                        return null;
                    };
                    fs.add(pool.submit(job));
                }
                for (Future<Void> f : fs) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertFalse(Files.exists(root));
        }
    }
}
