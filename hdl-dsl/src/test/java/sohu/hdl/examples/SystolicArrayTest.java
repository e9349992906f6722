package sohu.hdl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sohu.hdl.Elaborator;
import sohu.hdl.emit.Emitted;
import sohu.hdl.exec.ExternalCommand;
import sohu.hdl.exec.CommandException;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.ir.Circuit;
import sohu.hdl.ir.Instance;
import sohu.hdl.ir.ModuleDef;
import sohu.hdl.ir.Port;
import sohu.hdl.ir.Signal;

/**
 * The benchmark array of docs/BENCH_ARRAY.md: structure, {@code verilator -Wall}
 * silence, Yosys synthesis without undriven wires, and equal checksums from Verilator,
 * Icarus and a Java reference model under the testbench of {@code bench/gen_tb.sh}.
 * Verilator, Icarus and Yosys must be on the PATH.
 */
class SystolicArrayTest {
    private static final Pattern CHECKSUM = Pattern.compile("CHECKSUM ([0-9a-f]{16}) CYCLES (\\d+)");

    @TempDir
    Path tmp;

    // ------------------------------------------------------------------ structure

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 8})
    void elaboratesOnePeModuleAndNamedInstances(int n) {
        Circuit c = Elaborator.elaborate(SystolicArray.class, new SystolicArray.Params(n));
        assertEquals("SystolicArray", c.top());
        assertEquals(List.of("Pe", "SystolicArray"), c.modules().stream().map(ModuleDef::name).toList());

        ModuleDef pe = c.module("Pe");
        assertEquals(List.of("clk", "aIn", "bIn", "accIn", "clear", "drain", "aOut", "bOut", "acc"),
                pe.ports().stream().map(Port::name).toList());
        List<Signal> regs = pe.signals().stream().filter(s -> s.kind() == Signal.Kind.REG).toList();
        assertEquals(List.of("aReg", "bReg", "accReg"), regs.stream().map(Signal::name).toList());
        assertTrue(regs.stream().allMatch(s -> s.reset() == null), "registers must have no reset");

        ModuleDef top = c.topModule();
        Set<String> expected = new HashSet<>(List.of("clk", "io_clear", "io_drain"));
        for (int i = 0; i < n; i++) {
            expected.add("io_a_" + i);
            expected.add("io_b_" + i);
            expected.add("io_result_" + i);
        }
        assertEquals(expected, new HashSet<>(top.ports().stream().map(Port::name).toList()));
        assertEquals(2 * n + 3, top.ports().stream().filter(Port::isInput).count());
        assertEquals(n * n, top.instances().size());
        Set<String> names = new HashSet<>();
        for (Instance inst : top.instances()) {
            assertEquals("Pe", inst.module());
            names.add(inst.name());
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertTrue(names.contains("pe_" + i + "_" + j), "missing pe_" + i + "_" + j);
            }
        }
    }

    // ------------------------------------------------------------------ tools

    @ParameterizedTest
    @ValueSource(ints = {4, 16})
    void verilatorLintWallIsSilent(int n) throws IOException {
        Emitted e = emit(n);
        String out = run(e.dir(), Map.of(), "verilator", "--lint-only", "-Wall", "--top-module", "SystolicArray",
                "-f", e.filelist().getFileName().toString());
        assertEquals("", out.strip(), "verilator --lint-only -Wall at N=" + n + " must print nothing");
    }

    @Test
    void verilatorChecksumMatchesReferenceModel() throws IOException {
        verilatorMatchesModel(4, 100_000);
    }

    /** N = 8 and 16 take 10-30 s more to build: run with -Dsohu.long=true. */
    @ParameterizedTest
    @ValueSource(ints = {8, 16})
    @EnabledIfSystemProperty(named = "sohu.long", matches = "true")
    void verilatorChecksumMatchesReferenceModelLarger(int n) throws IOException {
        verilatorMatchesModel(n, 100_000);
    }

    /**
     * Icarus is four-state: aReg/bReg have no reset and start X, which poisons the
     * accumulators until the second clear, so its checksum is the four-state model's
     * (Verilator's registers start at zero). 3000 cycles cover eleven clear/compute/drain periods.
     */
    @Test
    void icarusChecksumMatchesFourStateModel() throws IOException {
        int n = 4;
        int cycles = 3000;
        Emitted e = emit(n);
        Path tb = testbench(n, cycles);
        Path vvp = tmp.resolve("sim.vvp");
        List<String> cmd = new ArrayList<>(List.of("iverilog", "-g2012", "-s", "tb", "-o", vvp.toString(), tb.toString()));
        e.svFiles().forEach(f -> cmd.add(f.toString()));
        run(tmp, Map.of(), cmd.toArray(String[]::new));
        String out = run(tmp, Map.of(), "vvp", "-n", vvp.toString());
        assertEquals(hex(Model.checksum(n, cycles, true)), checksum(out, cycles), out);
    }

    @Test
    void yosysSynthesisHasNoUndrivenWires() throws IOException {
        Emitted e = emit(4);
        StringBuilder read = new StringBuilder("read_verilog -sv");
        e.svFiles().forEach(f -> read.append(' ').append(f));
        String out = run(tmp, Map.of(), "yosys", "-p", read + "; synth -top SystolicArray");
        assertTrue(!out.contains("used but has no driver"), "Yosys found undriven wires:\n" + out);
        assertTrue(Pattern.compile("(?m)^\\s+Pe\\s+16\\s*$").matcher(out).find(),
                "expected 16 Pe instances in Yosys's hierarchy:\n" + out);
    }

    // ------------------------------------------------------------------ helpers

    private void verilatorMatchesModel(int n, int cycles) throws IOException {
        Emitted e = emit(n);
        Path tb = testbench(n, cycles);
        Path obj = tmp.resolve("obj_" + n);
        List<String> cmd = new ArrayList<>(List.of("verilator", "--binary", "-j", "2", "--output-split-cfuncs", "2000",
                "--timescale", "1ns/1ps", "--top-module", "tb", "-Mdir", obj.toString(), tb.toString()));
        e.svFiles().forEach(f -> cmd.add(f.toString()));
        Map<String, String> env = new HashMap<>();
        if (ExternalCommand.which("ccache").isPresent()) {
            env.put("OBJCACHE", "ccache");
        }
        run(tmp, env, cmd.toArray(String[]::new));
        String out = run(tmp, Map.of(), obj.resolve("Vtb").toString());
        assertEquals(hex(Model.checksum(n, cycles)), checksum(out, cycles), out);
    }

    private Emitted emit(int n) {
        Circuit c = Elaborator.elaborate(SystolicArray.class, new SystolicArray.Params(n));
        return OutputWriter.write(c, tmp.resolve("rtl_" + n));
    }

    /** The testbench written by bench/gen_tb.sh (a copy of shared/bench/tb/gen_tb.sh). */
    private Path testbench(int n, int cycles) throws IOException {
        Path tb = tmp.resolve("tb_" + n + "_" + cycles + ".sv");
        String text = run(tmp, Map.of(), "bash", genTb().toString(), String.valueOf(n), String.valueOf(cycles));
        Files.writeString(tb, text);
        return tb;
    }

    private static Path genTb() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("bench").resolve("gen_tb.sh");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return fail("bench/gen_tb.sh not found above " + Path.of("").toAbsolutePath());
    }

    private static String checksum(String out, int cycles) {
        Matcher m = CHECKSUM.matcher(out);
        assertTrue(m.find(), "no CHECKSUM line in the simulation output:\n" + out);
        assertEquals(String.valueOf(cycles), m.group(2), out);
        return m.group(1);
    }

    private static String hex(long v) {
        return String.format("%016x", v);
    }


    /** Runs a command (the project's runner, default timeout); fails the test with its output unless it exits 0. */
    private static String run(Path dir, Map<String, String> env, String... cmd) {
        try {
            return ExternalCommand.of(cmd).in(dir).env(env).check(cmd[0]).output();
        } catch (CommandException e) {
            return fail(e.getMessage());
        }
    }

    // ------------------------------------------------------------------ reference model

    /**
     * Cycle-accurate Java reference of the N x N systolic MAC array (docs/BENCH_ARRAY.md)
     * under the stimulus of bench/gen_tb.sh: returns the checksum that the testbench prints.
     */
    static final class Model {
        private Model() { }

        static long xs64(long x) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            return x;
        }

        /**
         * The value the testbench prints after {@code CHECKSUM} for an n x n array run for
         * {@code cycles} cycles in a two-state simulator whose registers start at zero (Verilator).
         */
        static long checksum(int n, int cycles) {
            return checksum(n, cycles, false);
        }

        /**
         * The checksum; with {@code fourState} the registers start unknown (X), as in Icarus: an
         * X operand makes a whole product, sum or register X, and folding an X result into the
         * two-state {@code longint} checksum gives 0.
         */
        static long checksum(int n, int cycles, boolean fourState) {
            int period = Math.max(256, 4 * n);
            byte[][] aReg = new byte[n][n];
            byte[][] bReg = new byte[n][n];
            int[][] acc = new int[n][n];
            boolean[][] aKnown = new boolean[n][n];
            boolean[][] bKnown = new boolean[n][n];
            boolean[][] accKnown = new boolean[n][n];
            for (int i = 0; i < n; i++) {
                java.util.Arrays.fill(aKnown[i], !fourState);
                java.util.Arrays.fill(bKnown[i], !fourState);
                java.util.Arrays.fill(accKnown[i], !fourState);
            }
            State st = new State(n, aReg, bReg, acc, aKnown, bKnown, accKnown);
            byte[] a = new byte[n];
            byte[] b = new byte[n];
            long s = 0x9E3779B97F4A7C15L;
            long chk = 0xCBF29CE484222325L;
            // Before the first falling edge: a = b = 0, clear = 1, drain = 0 (registers start unknown / zero).
            posedge(st, a, b, true, false);
            int cyc = 0;
            while (true) {
                for (int i = 0; i < n; i++) {
                    chk = accKnown[i][n - 1] ? (chk ^ (acc[i][n - 1] & 0xFFFFFFFFL)) * 0x100000001B3L : 0;
                }
                for (int i = 0; i < n; i++) {
                    if (i % 4 == 0) {
                        s = xs64(s);
                    }
                    a[i] = (byte) (s >>> ((i % 4) * 16));
                    b[i] = (byte) (s >>> ((i % 4) * 16 + 8));
                }
                boolean clear = cyc % period == 0;
                boolean drain = cyc % period >= period - n;
                cyc++;
                if (cyc == cycles) {
                    return chk;
                }
                posedge(st, a, b, clear, drain);
            }
        }

        /** Register state: values and, for four-state simulation, whether each value is known. */
        private record State(int n, byte[][] aReg, byte[][] bReg, int[][] acc,
                             boolean[][] aKnown, boolean[][] bKnown, boolean[][] accKnown) { }

        /** One rising edge; updated in reverse order so that every read sees the old value. */
        private static void posedge(State st, byte[] a, byte[] b, boolean clear, boolean drain) {
            int n = st.n();
            byte[][] aReg = st.aReg();
            byte[][] bReg = st.bReg();
            int[][] acc = st.acc();
            for (int i = n - 1; i >= 0; i--) {
                for (int j = n - 1; j >= 0; j--) {
                    byte aIn = j == 0 ? a[i] : aReg[i][j - 1];
                    byte bIn = i == 0 ? b[j] : bReg[i - 1][j];
                    int accIn = j == 0 ? 0 : acc[i][j - 1];
                    boolean aInKnown = j == 0 || st.aKnown()[i][j - 1];
                    boolean bInKnown = i == 0 || st.bKnown()[i - 1][j];
                    boolean accInKnown = j == 0 || st.accKnown()[i][j - 1];
                    if (clear) {
                        acc[i][j] = 0;
                        st.accKnown()[i][j] = true;
                    } else if (drain) {
                        acc[i][j] = accIn;
                        st.accKnown()[i][j] = accInKnown;
                    } else {
                        acc[i][j] += (short) (aIn * bIn);
                        st.accKnown()[i][j] &= aInKnown && bInKnown;
                    }
                    aReg[i][j] = aIn;
                    bReg[i][j] = bIn;
                    st.aKnown()[i][j] = aInKnown;
                    st.bKnown()[i][j] = bInKnown;
                }
            }
        }

        /** Prints the checksum for {@code N CYCLES [--four-state]} in the testbench's format. */
        public static void main(String[] args) {
            int n = Integer.parseInt(args[0]);
            int cycles = Integer.parseInt(args[1]);
            boolean fourState = args.length > 2 && args[2].equals("--four-state");
            System.out.printf("CHECKSUM %016x CYCLES %d%n", checksum(n, cycles, fourState), cycles);
        }
    }
}
