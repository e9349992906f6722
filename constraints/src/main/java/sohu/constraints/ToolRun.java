package sohu.constraints;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external command in a folder; output goes to a file so a chatty tool cannot block. */
final class ToolRun {
    private ToolRun() { }

    /** Exit status of a finished command. */
    record Result(int exit) { }

    /** Runs {@code cmd} in {@code dir}, stdout and stderr into {@code output}, with a timeout. */
    static Result run(Path dir, List<String> cmd, Path output, long timeoutSeconds) {
        File out = output.toFile();
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ToolException("cannot run " + cmd.get(0) + " (is it installed and on the PATH?): "
                    + e.getMessage(), e);
        }
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ToolException(cmd.get(0) + " did not finish within " + timeoutSeconds + " s; output in "
                        + output);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while running " + cmd.get(0), e);
        }
        return new Result(p.exitValue());
    }

    /** Whether {@code program} is an executable on the PATH. */
    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isEmpty() && new File(d, program).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
