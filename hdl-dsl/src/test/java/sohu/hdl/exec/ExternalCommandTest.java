package sohu.hdl.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The process runner on real processes (sh, sleep, head). */
class ExternalCommandTest {
    @TempDir
    Path tmp;

    @Test
    void outputLargerThanAPipeBufferIsKeptWhole() {
        CommandResult r = ExternalCommand.of("sh", "-c", "head -c 1000000 /dev/zero | tr '\\0' x; echo; echo err >&2").run();
        assertTrue(r.ok());
        assertEquals(1_000_000 + "\nerr\n".length(), r.output().length());
        assertTrue(r.output().endsWith("x\nerr\n"), "stderr merged after stdout");
        assertNull(r.log(), "the temporary capture file is not reported");
    }

    // If output were read to the end before waiting, this would block on the grandchild's open
    // pipe for ten minutes; the JUnit limit makes that a failure instead of a hang. The 15 s
    // timeout leaves a loaded machine ample time to start the shell and the sleeper first.
    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void timeoutFiresAndKillsTheWholeTree() throws Exception {
        Path pidFile = tmp.resolve("pid");
        ExternalCommand c = ExternalCommand.of("sh", "-c", "sleep 600 & echo $! > " + pidFile + "; echo started; wait")
                .timeout(Duration.ofSeconds(15));
        CommandException e = assertThrows(CommandException.class, c::run);
        assertEquals(CommandException.Kind.TIMED_OUT, e.kind());
        assertTrue(e.getMessage().contains("sh did not finish within 15 s"), e.getMessage());
        assertTrue(e.getMessage().contains("started"), "the output so far is in the message: " + e.getMessage());
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        var sleeper = ProcessHandle.of(pid);
        if (sleeper.isPresent()) {
            sleeper.get().onExit().get(60, TimeUnit.SECONDS);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the grandchild was killed");
    }

    @Test
    void checkFailsWithTheToolsLastLines() {
        StringBuilder script = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            script.append("echo line").append(i).append("; ");
        }
        script.append("echo 'fatal: boom' >&2; exit 3");
        Path log = tmp.resolve("logs/tool.log");
        CommandException e = assertThrows(CommandException.class,
                () -> ExternalCommand.of("sh", "-c", script.toString()).log(log).check("the tool"));
        assertEquals(CommandException.Kind.FAILED, e.kind());
        assertEquals(3, e.result().exit());
        assertTrue(e.getMessage().startsWith("the tool failed (exit 3): sh -c"), e.getMessage());
        assertTrue(e.getMessage().endsWith("line100\nfatal: boom"), e.getMessage());
        assertTrue(e.getMessage().contains("(61 earlier lines in " + log + ")"), e.getMessage());
        assertFalse(e.getMessage().contains("line61\n"), "only the last lines are shown");
        assertTrue(e.output().startsWith("line1\n"), "the whole output is kept");
        assertTrue(Files.isRegularFile(log), "an explicit log file stays");
    }

    @Test
    void aMissingProgramSaysSo() {
        CommandException e = assertThrows(CommandException.class,
                () -> ExternalCommand.of("sohu-no-such-tool", "-x").in(tmp).run());
        assertEquals(CommandException.Kind.CANNOT_START, e.kind());
        assertTrue(e.getMessage().startsWith("cannot run sohu-no-such-tool (in " + tmp + "; is it installed"),
                e.getMessage());
        assertTrue(ExternalCommand.which("sohu-no-such-tool").isEmpty());
        assertTrue(ExternalCommand.which("sh").isPresent());
    }

    @Test
    void folderEnvironmentAndEmptyInput() {
        CommandResult r = ExternalCommand.of("sh", "-c", "pwd; echo $SOHU_X; cat; echo end").in(tmp)
                .env(Map.of("SOHU_X", "y")).run();
        assertEquals(tmp.toAbsolutePath() + "\ny\nend\n", r.output(), "stdin is empty, so cat returns at once");
    }
}
