package sohu.hdl;

import sohu.hdl.exec.CommandResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.examples.CheckedCounter;

/**
 * Assertions in Icarus (the Verilator runs are in verilator-tests): the emitted immediate
 * assertion fires at the expected cycle with the Java location, and the print runs; Yosys
 * reads the same file (under SYNTHESIS the checks disappear).
 */
class VerificationToolsTest {
    @TempDir
    Path tmp;

    /** Counts with en high from the first edge after reset; returns Icarus's output. */
    private String simulate(CheckedCounter.Params p, int cycles) throws IOException {
        Emitted e = OutputWriter.write(Elaborator.elaborate(CheckedCounter.class, p), tmp.resolve("rtl"));
        Path tb = e.dir().resolve("tb.sv");
        Files.writeString(tb, """
                module tb;
                  logic clk = 1'b0, rst = 1'b1, en = 1'b1, clear = 1'b0;
                  logic [3:0] count;
                  %s dut (.clk(clk), .rst(rst), .en(en), .clear(clear), .count(count));
                  integer cycle = 0;
                  always #1 clk = ~clk;
                  always @(posedge clk) begin
                    cycle <= cycle + 1;
                    $display("edge %%0d", cycle + 1);
                  end
                  initial begin
                    #2 rst = 1'b0;
                    #%d $finish;
                  end
                endmodule
                """.formatted(e.top(), 2 * cycles));
        List<String> cmd = new ArrayList<>(List.of("iverilog", "-g2012", "-o", "sim.vvp", "-s", "tb"));
        e.svFiles().forEach(f -> cmd.add(f.getFileName().toString()));
        cmd.add("tb.sv");
        CommandResult c = Tools.run(e.dir(), cmd);
        assertEquals(0, c.exit(), c.output());
        return Tools.run(e.dir(), List.of("vvp", "-n", "sim.vvp")).output();
    }

    @Test
    void icarusReportsTheFailingAssertionWithItsJavaLine() throws IOException {
        // Reset covers edge 1; value is k-1 at edge k+1 after it, so value 5 is checked at edge 7.
        String log = simulate(new CheckedCounter.Params(4, 9, 5), 10);
        int fail = log.indexOf("sohu assert at CheckedCounter.java:");
        assertTrue(fail > 0, log);
        assertTrue(log.substring(fail).contains("counted to the forbidden value 5"), log);
        // edge k is at time 2k - 1
        assertTrue(log.substring(fail).contains("Time: 13 "), "the assertion must fail at edge 7:\n" + log);
    }

    @Test
    void icarusRunsThePrintAndAPassingAssertionStaysQuiet() throws IOException {
        String log = simulate(new CheckedCounter.Params(4, 9, 12), 25);
        assertTrue(!log.contains("sohu assert"), log);
        // value reaches 9 at edge 11 and edge 21 (it wraps to 0 at the next edge)
        assertEquals(2, log.split("wrapped after 9", -1).length - 1, log);
        Emitted e = OutputWriter.write(Elaborator.elaborate(CheckedCounter.class, new CheckedCounter.Params(4, 9, 12)),
                tmp.resolve("y"));
        CommandResult y = Tools.yosys(e.dir(), e.top(), e.svFiles(), "synth");
        assertEquals(0, y.exit(), y.output());
    }
}
