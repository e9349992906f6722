package sohu.cli.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import sohu.core.array.ArrayConfig;
import sohu.core.fp.FpFormat;
import sohu.verify.Level;

/** The replay line, parsed back as {@code sohu regress} options, selects the same run and only the failed check. */
class ReplayLineTest {
    @Test
    void theReplayLineParsesBackToTheSameConfigurationAndOneCheck() {
        ArrayConfig cfg = ArrayConfig.of(8, 4, FpFormat.E5M2).withLatency(2).withDepth(512);
        String line = RegressCommand.replayLine(cfg, Level.FULL, 42, Path.of("ci/regress"), "array/gemm-random-03");
        List<String> words = Arrays.asList(line.split(" "));
        assertEquals(List.of("./sohu", "regress"), words.subList(0, 2));
        RegressCommand c = new RegressCommand();
        new CommandLine(c).parseArgs(words.subList(2, words.size()).toArray(String[]::new));
        assertEquals("8x4", c.array);
        assertEquals("e5m2", c.format);
        assertEquals(2, c.latency);
        assertEquals(512, c.depth);
        assertEquals("full", c.level);
        assertEquals(42, c.seed);
        assertEquals("array", c.blocks);
        assertEquals(List.of("array/gemm-random-03"), c.only);
        assertEquals(true, c.waves);
        assertEquals(Path.of("ci/regress-replay"), c.out);
        assertEquals(Path.of("/tmp/regress-replay").toString(), RegressCommand.replayLine(cfg, Level.FULL, 42,
                Path.of("/tmp/regress"), "fma/boundary").replaceAll(".* --out ", ""));
    }
}
