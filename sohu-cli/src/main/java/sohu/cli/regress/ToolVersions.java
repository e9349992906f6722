package sohu.cli.regress;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The versions of the tools a regression depends on, for its header and report. */
final class ToolVersions {
    private ToolVersions() {
    }

    /** "Verilator 5.006 2023-01-22; g++ (Debian 12.2.0-14) 12.2.0; Java 17.0.9+9". */
    static String describe() {
        String cxx = System.getenv().getOrDefault("CXX", "g++");
        return firstLine("verilator", "--version") + "; " + firstLine(cxx, "--version") + "; Java " + Runtime.version();
    }

    /** The first line a tool prints, or "TOOL: not found". */
    static String firstLine(String tool, String arg) {
        Path out = null;
        try {
            out = Files.createTempFile("sohu-version", ".txt");
            Process p = new ProcessBuilder(tool, arg).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return tool + ": no answer to " + arg;
            }
            String s = Files.readString(out, StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? tool : s.lines().findFirst().orElse(tool);
        } catch (IOException e) {
            return tool + ": not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return tool + ": interrupted";
        } finally {
            if (out != null) {
                out.toFile().delete();
            }
        }
    }
}
