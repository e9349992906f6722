package sohu.verify.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.core.array.ArrayConfig;
import sohu.core.array.EngineStatus;
import sohu.core.array.EngineTiming;
import sohu.core.array.GemmCommand;
import sohu.core.array.GemmGolden;
import sohu.core.fp.FpFormat;
import sohu.verilator.Sim;

/**
 * Commands taken back to back: the engine takes the next command the cycle after a command's last
 * row ({@code status_ready}) while that one drains. Random runs on the RTL, many commands reading
 * what the one before still writes (the same accumulator layout, as a K split does, and overlapping
 * other layouts), rejected ones among them, some started at once, some after a gap: every command
 * retires in order at the cycle {@link EngineTiming.Schedule} gives, the accumulators equal the
 * golden model applied in program order, and the counters add up over the run.
 */
class EnginePipelineSimTest {
    private static final int WINDOW = 160;

    @Test
    void commandsTakenWhileThePreviousDrainsRetireInOrderAndComputeWhatTheyWouldAlone() {
        ArrayConfig cfg = ArrayConfig.of(4, 4, FpFormat.BF16).withDepth(1024);
        try (EngineDriver d = EngineDriver.open(cfg)) {
            for (int seed = 1; seed <= 6; seed++) {
                run(d, cfg, new Random(seed));
            }
        }
    }

    private static void run(EngineDriver d, ArrayConfig cfg, Random rnd) {
        int r = cfg.rows();
        int c = cfg.cols();
        int mask = (1 << cfg.format().width()) - 1;
        long[][][] mem = new long[3][WINDOW][];
        for (int sel = 0; sel < 3; sel++) {
            for (int a = 0; a < WINDOW; a++) {
                long[] lanes = new long[Math.max(r, c)];
                for (int i = 0; i < lanes.length; i++) {
                    lanes[i] = sel == 2 ? fp32(rnd) : bf16(rnd, cfg) & mask;
                }
                mem[sel][a] = lanes;
                d.hostWrite(sel, a, lanes);
            }
        }
        List<GemmCommand> cmds = commands(cfg, rnd, 30);
        int[] gaps = new int[cmds.size()];
        for (int i = 0; i < gaps.length; i++) {
            double g = rnd.nextDouble();
            gaps[i] = g < 0.6 ? 0 : g < 0.8 ? 1 + rnd.nextInt(5) : 10 + rnd.nextInt(50);
        }

        Sim sim = d.sim;
        Sim.Port start = sim.port("cmd_start");
        Sim.Port ready = sim.port("status_ready");
        Sim.Port retire = sim.port("status_retire");
        Sim.Port error = sim.port("status_error");
        String[] names = {"m", "k", "n", "a_base", "a_stride", "w_base", "w_stride", "c_base", "c_stride"};
        EngineTiming.Schedule schedule = new EngineTiming.Schedule(cfg);
        List<EngineTiming.Timing> predicted = new ArrayList<>();
        List<Long> readyAt = new ArrayList<>();
        List<Long> retires = new ArrayList<>();
        List<Integer> errors = new ArrayList<>();
        int next = 0;
        long readySince = -1;
        long limit = sim.cycle() + 200_000;
        while (retires.size() < cmds.size()) {
            assertTrue(sim.cycle() < limit, "the run did not finish");
            long now = sim.cycle();
            if (ready.get() == 1 && readySince < 0) {
                readySince = now;
            }
            boolean go = next < cmds.size() && readySince >= 0 && now >= readySince + gaps[next];
            if (go) {
                GemmCommand cmd = cmds.get(next);
                int[] v = {cmd.m(), cmd.k(), cmd.n(), cmd.aBase(), cmd.aStride(), cmd.wBase(), cmd.wStride(), cmd.cBase(),
                        cmd.cStride()};
                for (int i = 0; i < v.length; i++) {
                    sim.port("cmd_" + names[i]).set(v[i]);
                }
                sim.port("cmd_accumulate").set(cmd.accumulate() ? 1 : 0);
                readyAt.add(readySince);
                try {
                    predicted.add(schedule.take(cmd, now));
                } catch (IllegalArgumentException e) {
                    throw new AssertionError("command " + next + " " + cmd + " after " + cmds.get(next - 1) + " taken at "
                            + predicted.get(next - 1).accept() + ": " + e.getMessage());
                }
                readySince = -1;
                next++;
            }
            start.set(go ? 1 : 0);
            sim.step();
            if (retire.get() == 1) {
                retires.add(sim.cycle());
                errors.add((int) error.get());
            }
        }
        start.set(0);
        sim.step();

        for (int i = 0; i < cmds.size(); i++) {
            EngineTiming.Timing t = predicted.get(i);
            String what = "command " + i + " " + cmds.get(i) + " taken at " + t.accept();
            if (i > 0) {
                assertEquals(predicted.get(i - 1).ready(), (long) readyAt.get(i), "ready before " + what);
            }
            assertEquals(t.retire(), (long) retires.get(i), "retire of " + what);
            assertEquals(cmds.get(i).check(cfg).code(), (int) errors.get(i), "status_error of " + what);
        }
        assertEquals(0, sim.port("status_busy").get(), "busy after the last retire");

        // the counters run from the last command taken from idle
        int fresh = 0;
        for (int i = 1; i < cmds.size(); i++) {
            if (predicted.get(i).accept() + EngineTiming.CHECK_CYCLES >= retires.get(i - 1)) {
                fresh = i;
            }
        }
        long issued = 0;
        for (int i = fresh; i < cmds.size(); i++) {
            issued += EngineTiming.predict(cfg, cmds.get(i)).busy();
        }
        long cycles = sim.peek("perf_cycles");
        assertEquals(retires.get(cmds.size() - 1) - predicted.get(fresh).accept() - 1, cycles, "perf_cycles over the run");
        assertEquals(issued, sim.peek("perf_busy"), "perf_busy over the run");
        assertEquals(cycles, sim.peek("perf_busy") + sim.peek("perf_fill") + sim.peek("perf_drain")
                + sim.peek("perf_stall_weights") + sim.peek("perf_stall_acc"), "every busy cycle counted once");

        // golden: the commands one after another on the memories
        for (GemmCommand cmd : cmds) {
            if (cmd.check(cfg) == EngineStatus.OK) {
                apply(cfg, cmd, mem);
            }
        }
        for (int a = 0; a < WINDOW; a++) {
            int[] got = d.hostReadC(a);
            int[] want = new int[c];
            for (int i = 0; i < c; i++) {
                want[i] = (int) mem[2][a][i];
            }
            assertArrayEquals(want, got, "accumulator word " + a);
        }
    }

    /** Random commands in the window: many accumulate on the previous one's layout, some overlap it, a few are rejected. */
    private static List<GemmCommand> commands(ArrayConfig cfg, Random rnd, int count) {
        int r = cfg.rows();
        int c = cfg.cols();
        List<GemmCommand> out = new ArrayList<>();
        GemmCommand prev = null;
        while (out.size() < count) {
            double layout = rnd.nextDouble();
            boolean split = prev != null && layout < 0.4;   // a K split: the same outputs, accumulated
            int m = split ? prev.m() : 1 + rnd.nextInt(rnd.nextBoolean() ? 6 : 24);
            int k = 1 + rnd.nextInt(3 * r);
            int n = split ? prev.n() : 1 + rnd.nextInt(3 * c);
            int kt = (k + r - 1) / r;
            int nt = (n + c - 1) / c;
            int aStride = kt + rnd.nextInt(2);
            int wStride = nt + rnd.nextInt(2);
            int aBase = rnd.nextInt(Math.max(1, WINDOW - (m - 1) * aStride - kt));
            int wBase = rnd.nextInt(Math.max(1, WINDOW - (k - 1) * wStride - nt));
            int cBase;
            int cStride;
            boolean acc;
            if (split) {
                cBase = prev.cBase();
                cStride = prev.cStride();
                acc = true;
            } else {
                cStride = nt + rnd.nextInt(2);
                int span = (m - 1) * cStride + nt;
                cBase = prev != null && layout < 0.6
                        ? Math.max(0, Math.min(WINDOW - span, prev.cBase() + rnd.nextInt(5) - 2))   // overlapping the previous
                        : rnd.nextInt(Math.max(1, WINDOW - span));
                acc = rnd.nextBoolean();
            }
            GemmCommand cmd = new GemmCommand(m, k, n, aBase, aStride, wBase, wStride, cBase, cStride, acc);
            if (rnd.nextDouble() < 0.06) {   // rejected: out of range
                cmd = new GemmCommand(m + 1, k, n, aBase, aStride, wBase, wStride, cfg.cDepth() - 1, cStride, acc);
            }
            if (cmd.check(cfg) == EngineStatus.OK && (aBase + (m - 1) * aStride + kt > WINDOW
                    || wBase + (k - 1) * wStride + nt > WINDOW || cBase + (m - 1) * cStride + nt > WINDOW)) {
                continue;
            }
            out.add(cmd);
            prev = cmd.check(cfg) == EngineStatus.OK ? cmd : prev;
        }
        return out;
    }

    private static void apply(ArrayConfig cfg, GemmCommand cmd, long[][][] mem) {
        int r = cfg.rows();
        int c = cfg.cols();
        int[][] a = new int[cmd.m()][cmd.k()];
        int[][] w = new int[cmd.k()][cmd.n()];
        int[][] old = new int[cmd.m()][cmd.n()];
        for (int i = 0; i < cmd.m(); i++) {
            for (int j = 0; j < cmd.k(); j++) {
                a[i][j] = (int) mem[0][cmd.aAddr(cfg, i, j)][j % r];
            }
            for (int j = 0; j < cmd.n(); j++) {
                old[i][j] = (int) mem[2][cmd.cAddr(cfg, i, j)][j % c];
            }
        }
        for (int i = 0; i < cmd.k(); i++) {
            for (int j = 0; j < cmd.n(); j++) {
                w[i][j] = (int) mem[1][cmd.wAddr(cfg, i, j)][j % c];
            }
        }
        int[][] out = GemmGolden.gemm(cfg, a, w, cmd.accumulate() ? old : null);
        for (int i = 0; i < cmd.m(); i++) {
            for (int j = 0; j < cmd.n(); j++) {
                mem[2][cmd.cAddr(cfg, i, j)][j % c] = out[i][j] & 0xFFFF_FFFFL;
            }
        }
    }

    private static long bf16(Random rnd, ArrayConfig cfg) {
        return EngineDriver.randomMatrix(rnd, cfg.format(), 1, 1, 1.0, 0.0)[0][0];
    }

    private static long fp32(Random rnd) {
        return Float.floatToRawIntBits((float) rnd.nextGaussian()) & 0xFFFF_FFFFL;
    }
}
