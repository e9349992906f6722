package sohu.verify.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.core.mem.KvCacheConfig;
import sohu.core.mem.KvLayout;
import sohu.core.mem.rtl.BankedScratchpad;
import sohu.core.mem.rtl.KvCache;
import sohu.core.mem.rtl.MemorySystem;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.exec.CommandResult;
import sohu.hdl.exec.ExternalCommand;
import sohu.hdl.ir.Circuit;

/**
 * {@code verilator --lint-only -Wall} prints nothing for the KV cache unit and the banked scratchpad,
 * and Yosys synthesizes them without an undriven or multiply driven signal.
 */
class MemLintTest {

    @Test
    void kvCacheAndScratchpadAreLintClean(@TempDir Path dir) throws Exception {
        List<Circuit> designs = List.of(
                KvCache.elaborate(new KvCacheConfig(new KvLayout(16, 80, 8, 128, 2, 1L << 40, 1 << 20), 256, 256, 8)),
                KvCache.elaborate(new KvCacheConfig(new KvLayout(2, 1, 1, 1, 1, 0, 1), 2, 2, 2)),
                BankedScratchpad.elaborate(new BankedScratchpad.Params(4, 64, 1024, false)),
                BankedScratchpad.elaborate(new BankedScratchpad.Params(2, 1, 2, true)),
                MemorySystem.elaborate(MemorySystem.Params.of(new KvCacheConfig(new KvLayout(16, 2, 2, 8, 2, 0, 32), 4, 4, 4), 19)));
        List<String> problems = new ArrayList<>();
        for (Circuit c : designs) {
            Emitted e = OutputWriter.write(c, dir.resolve(c.top()));
            List<String> cmd = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module", e.top()));
            e.svFiles().forEach(f -> cmd.add(f.toAbsolutePath().toString()));
            CommandResult r = ExternalCommand.of(cmd).in(dir).timeout(Duration.ofHours(12)).run();
            if (r.exit() != 0 || !r.output().isBlank()) {
                problems.add(e.top() + ": exit " + r.exit() + "\n" + r.output());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void yosysSynthesizesThemWithoutDriverWarnings(@TempDir Path dir) throws Exception {
        List<Circuit> designs = List.of(
                KvCache.elaborate(new KvCacheConfig(new KvLayout(16, 2, 2, 64, 2, 0x1000, 64), 4, 8, 4)),
                BankedScratchpad.elaborate(new BankedScratchpad.Params(4, 8, 16, true)));
        for (Circuit c : designs) {
            Emitted e = OutputWriter.write(c, dir.resolve(c.top()));
            StringBuilder script = new StringBuilder();
            e.svFiles().forEach(f -> script.append("read_verilog -sv ").append(f.toAbsolutePath()).append('\n'));
            script.append("synth -top ").append(e.top()).append("\nstat\n");
            Path ys = dir.resolve(c.top() + ".ys");
            java.nio.file.Files.writeString(ys, script);
            CommandResult r = ExternalCommand.of(List.of("yosys", "-s", ys.toString())).in(dir).timeout(Duration.ofHours(12)).run();
            assertEquals(0, r.exit(), e.top() + ":\n" + r.output());
            for (String bad : List.of("has no driver", "conflicting drivers", "Latch inferred")) {
                assertEquals(-1, r.output().indexOf(bad), e.top() + ": " + bad);
            }
        }
    }
}
