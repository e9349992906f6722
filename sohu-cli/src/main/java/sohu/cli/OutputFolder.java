package sohu.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import sohu.hdl.exec.FileTrees;

/**
 * All-or-nothing output folders: work is written into a hidden temporary folder beside the
 * destination and published with one rename per design folder, so a failure leaves nothing
 * half-written and a regenerated folder holds no stale files. Errors are one line that says why
 * (permission, missing or non-folder parent, a file system that takes no folders) and never name
 * the temporary folder.
 */
public final class OutputFolder {
    private OutputFolder() { }

    /** Work on a temporary folder. */
    public interface Work<T> {
        T run(Path tmp) throws IOException;
    }

    /**
     * Runs {@code work} on a fresh temporary folder beside {@code target}, turning any I/O failure
     * into a one-line {@link CliException} about {@code target}; the temporary folder is always
     * removed.
     */
    public static <T> T staged(Path target, Work<T> work) {
        checkWritable(target);
        Path tmp = createTempBeside(target);
        try {
            return work.run(tmp);
        } catch (IOException e) {
            throw new CliException("cannot write into " + target + ": " + why(e, tmp));
        } catch (UncheckedIOException e) {
            throw new CliException("cannot write into " + target + ": " + why(e.getCause(), tmp));
        } finally {
            FileTrees.deleteQuietly(tmp);
        }
    }

    /**
     * Fails with a one-line message unless {@code target} is, or can be created as, a writable
     * folder.
     */
    public static void checkWritable(Path target) {
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new CliException("cannot write into " + target + ": it exists and is not a folder");
        }
        Path p = target.toAbsolutePath().normalize(); // a relative name's parent is the current folder, not null
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            throw new CliException("cannot write into " + target + ": no part of the path exists");
        }
        if (!Files.isDirectory(p)) {
            throw new CliException("cannot write into " + target + ": " + p + " is a file, not a folder");
        }
        if (!Files.isWritable(p)) {
            throw new CliException("cannot write into " + target + ": permission denied (" + p + " is not writable)");
        }
    }

    /**
     * Publishes {@code staged} as {@code dest} with one rename; an existing {@code dest} is first
     * renamed into {@code tmp} (deleted with it) and put back if the rename fails.
     */
    public static void replace(Path staged, Path dest, Path tmp) throws IOException {
        openPermissions(staged);
        Path old = null;
        if (Files.exists(dest)) {
            old = Files.createTempDirectory(tmp, ".replaced-").resolve("old");
            Files.move(dest, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staged, dest, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (old != null) {
                Files.move(old, dest, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
    }

    private static Path createTempBeside(Path target) {
        Path parent = target.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new CliException("cannot write into " + target + ": cannot create " + parent + ": " + why(e, null));
        }
        try {
            return Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
        } catch (IOException e) {
            throw new CliException("cannot write into " + target + ": cannot create a folder in " + parent + ": "
                    + why(e, parent)); // never the temporary name
        }
    }

    /**
     * Why an I/O operation failed, in words, naming the file only when it is not inside
     * {@code hidden} (the temporary folder; null: name any file).
     */
    static String why(Throwable e, Path hidden) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            reason = "the file system does not allow it";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            reason = f.getReason().toLowerCase(Locale.ROOT);
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : Main.oneLine(e.getMessage());
        }
        if (e instanceof FileSystemException f && f.getFile() != null && (hidden == null || !Path.of(f.getFile()).startsWith(hidden))
                && !(e instanceof NoSuchFileException)) {
            return f.getFile() + ": " + reason;
        }
        return hidden != null ? reason.replace(hidden.toString(), "") : reason;
    }

    /** Temporary folders are private (rwx------); a published folder gets the usual rwxr-xr-x. */
    private static void openPermissions(Path dir) {
        try {
            if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // keep the default permissions
        }
    }
}
