package sohu.verilator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import sohu.hdl.exec.FileTrees;

/**
 * A folder of finished builds. An entry is built in a private temporary folder and renamed into
 * place atomically, so a visible entry is always complete and a hit needs no lock. Builds of one
 * entry are serialized by a thread lock (same JVM) plus a file lock (other JVMs); different entries
 * build in parallel.
 */
final class BuildCache {
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();
    private static final long LOCK_POLL_MILLIS = 200;
    private static final long ABANDONED_AFTER_MILLIS = 24L * 3600 * 1000;

    /** Builds the content of an entry into an empty folder. */
    @FunctionalInterface
    interface Builder {
        void build(Path into) throws IOException;
    }

    private final Path root;

    BuildCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The cache folder: system property {@code sohu.verilator.cache}, else {@code ~/.cache/sohu-verilator}. */
    static Path defaultRoot() {
        String prop = System.getProperty("sohu.verilator.cache");
        if (prop != null && !prop.isBlank()) return Path.of(prop);
        return Path.of(System.getProperty("user.home"), ".cache", "sohu-verilator");
    }

    Path root() {
        return root;
    }

    Path entry(String name) {
        return root.resolve(name);
    }

    /** Ensures entry {@code name} exists, building it if needed; returns {@code true} if it was built now. */
    boolean ensure(String name, Builder builder) {
        Path dst = entry(name);
        if (Files.isDirectory(dst)) return false;
        ReentrantLock threadLock = LOCKS.computeIfAbsent(dst, k -> new ReentrantLock());
        threadLock.lock();
        try {
            Files.createDirectories(root.resolve("locks"));
            Files.createDirectories(root.resolve("tmp"));
            try (FileChannel ch = FileChannel.open(root.resolve("locks").resolve(name + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = acquire(ch, dst); // released when the channel closes
                if (lock == null || Files.isDirectory(dst)) return false; // another JVM finished it meanwhile
                removeAbandoned(System.currentTimeMillis() - ABANDONED_AFTER_MILLIS);
                Path tmp = Files.createTempDirectory(root.resolve("tmp"), name + "-");
                try {
                    builder.build(tmp);
                    Files.move(tmp, dst, StandardCopyOption.ATOMIC_MOVE);
                    return true;
                } finally {
                    FileTrees.delete(tmp);
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("build cache " + root + ": " + e.getMessage(), e);
        } finally {
            threadLock.unlock();
        }
    }

    /**
     * Takes the entry's file lock, polling rather than blocking: the kernel's deadlock check sees
     * all threads of a JVM as one process, so a blocking lock() can fail with "Resource deadlock
     * avoided" when two JVMs each build two entries at once, though no thread waits on itself.
     * Returns {@code null} when the entry appeared meanwhile.
     */
    private static FileLock acquire(FileChannel ch, Path dst) throws IOException {
        while (true) {
            FileLock lock = ch.tryLock();
            if (lock != null) return lock;
            if (Files.isDirectory(dst)) return null;
            try {
                Thread.sleep(LOCK_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the build of " + dst, e);
            }
        }
    }

    /**
     * Deletes temporary folders of builds killed more than a day ago (live ones are younger).
     * Other builders, in this JVM or others, list and rename the same folder at the same time: a
     * folder that vanishes between the listing and its deletion (a finished build renamed into
     * place, or another builder's cleanup), or that gains a file while it is being deleted, is
     * skipped, never an error.
     */
    void removeAbandoned(long cutoffMillis) throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("tmp"))) {
            for (Path p : s.toList()) {
                FileTime t;
                try {
                    t = Files.getLastModifiedTime(p);
                } catch (NoSuchFileException e) {
                    continue;
                }
                if (t.toMillis() < cutoffMillis) {
                    try {
                        FileTrees.delete(p);
                    } catch (DirectoryNotEmptyException e) {
                        // a file appeared in it while it was being deleted: someone still writes there, so not abandoned
                    }
                }
            }
        }
    }
}
