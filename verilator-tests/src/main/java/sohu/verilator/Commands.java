package sohu.verilator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs build tools, capturing their merged output. */
final class Commands {
    private Commands() {}

    /** Output of a finished command. */
    record Result(int exit, String output) {}

    /** Runs {@code command} in {@code dir}; never throws for a non-zero exit. */
    static Result run(List<String> command, Path dir) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) pb.directory(dir.toFile());
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Result(p.waitFor(), out);
        } catch (IOException e) {
            throw new SimBuildException("cannot start " + command.get(0) + ": " + e.getMessage(), command, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimException("interrupted while running " + command.get(0), e);
        }
    }

    /** Runs {@code command} and throws a {@link SimBuildException} with its output if it fails. */
    static String check(String what, List<String> command, Path dir) {
        Result r = run(command, dir);
        if (r.exit() != 0) throw new SimBuildException(what + " failed (exit " + r.exit() + ")", command, r.output());
        return r.output();
    }
}
