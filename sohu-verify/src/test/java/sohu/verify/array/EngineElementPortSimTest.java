package sohu.verify.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sohu.core.array.ArrayConfig;
import sohu.core.array.EngineStatus;
import sohu.core.array.EngineTiming;
import sohu.core.array.GemmCommand;
import sohu.core.array.GemmGolden;
import sohu.core.fp.FpFormat;

/**
 * The matrix engine's element ports ({@code mp_act_*}, {@code mp_wgt_*}, {@code mp_acc_*}) in
 * Verilator on a 4×4 BF16 array of 256-word banks. While a GEMM on the lower half of the
 * scratchpads runs, the next GEMM's A and W tiles are written element by element into the upper
 * half at random cycles and random bank subsets (some words twice, a stale value first), mixed
 * with random reads checked against the test's own model of the memories; the running GEMM must
 * still equal GemmGolden bit for bit with the counters of EngineTiming (the array never waited),
 * and the written tiles must read back through the ports and give the next GEMM's golden result.
 * The accumulator's port works while idle; while busy it takes reads (its own read port: a MOVE
 * of one tile's sums beside the GEMM of another's) and holds off requests that write (ready low,
 * request not taken).
 */
class EngineElementPortSimTest {
    private static final ArrayConfig CFG = ArrayConfig.of(4, 4, FpFormat.BF16).withLatency(2).withDepth(256);
    private static final int HALF = 128;
    private static EngineDriver d;
    private static ElementPortDriver act;
    private static ElementPortDriver wgt;
    private static ElementPortDriver acc;

    @BeforeAll
    static void open() {
        d = EngineDriver.open(CFG);
        act = new ElementPortDriver(d.sim, "act", CFG.rows());
        wgt = new ElementPortDriver(d.sim, "wgt", CFG.cols());
        acc = new ElementPortDriver(d.sim, "acc", CFG.cols());
    }

    @AfterAll
    static void close() {
        d.close();
    }

    /** Each test starts with the engine idle and the ports quiet (after a failed one, too). */
    @BeforeEach
    void idle() {
        act.idle();
        wgt.idle();
        acc.idle();
        for (int i = 0; i < 100_000 && d.sim.peek("status_busy") != 0; i++) {
            d.sim.step();
        }
    }

    /** One element write: bank, word, value. */
    private record Write(int bank, int addr, long value) { }

    /** A memory's contents as the test knows them (null: never written). */
    private static final class Model {
        final Long[][] words;

        Model(int banks, int depth) {
            words = new Long[banks][depth];
        }
    }

    /** The traffic on one port: per-bank queues of pending writes, the model, reads in flight. */
    private static final class Traffic {
        final ElementPortDriver port;
        final Model model;
        final List<ArrayDeque<Write>> pending = new ArrayList<>();
        final Integer[] readAddr;
        long readsChecked;

        Traffic(ElementPortDriver port, Model model) {
            this.port = port;
            this.model = model;
            readAddr = new Integer[port.banks()];
            for (int b = 0; b < port.banks(); b++) {
                pending.add(new ArrayDeque<>());
            }
        }

        boolean done() {
            return pending.stream().allMatch(ArrayDeque::isEmpty);
        }

        /** Presents one random cycle's request: each bank writes its next element, reads, or rests. */
        void present(Random rnd, int depth) {
            int banks = port.banks();
            int[] addr = new int[banks];
            long[] data = new long[banks];
            long we = 0;
            long re = 0;
            for (int b = 0; b < banks; b++) {
                int roll = rnd.nextInt(10);
                if (roll < 7 && !pending.get(b).isEmpty()) {
                    Write w = pending.get(b).peek();
                    addr[b] = w.addr();
                    data[b] = w.value();
                    we |= 1L << b;
                } else if (roll < 9) {
                    addr[b] = rnd.nextBoolean() ? rnd.nextInt(depth) : knownAddress(b, rnd);
                    re |= 1L << b;
                }
            }
            port.request(we, re, addr, data);
            for (int b = 0; b < banks; b++) {
                readAddr[b] = (re >> b & 1) != 0 ? addr[b] : null;
            }
            lastWe = we;
        }

        private long lastWe;

        /** A word of bank b whose value the model knows (0 if none). */
        private int knownAddress(int b, Random rnd) {
            Long[] bank = model.words[b];
            for (int tries = 0; tries < 64; tries++) {
                int a = rnd.nextInt(bank.length);
                if (bank[a] != null) {
                    return a;
                }
            }
            return 0;
        }

        /** After the clock edge: the cycle's writes were taken (ready was high), check the reads. */
        void taken() {
            for (int b = 0; b < port.banks(); b++) {
                if (readAddr[b] != null) {
                    Long want = model.words[b][readAddr[b]];
                    if (want != null) {
                        assertEquals((long) want, port.rdata(b), port.rdataName(b) + " word " + readAddr[b]);
                        readsChecked++;
                    }
                }
                if ((lastWe >> b & 1) != 0) {
                    Write w = pending.get(b).poll();
                    model.words[b][w.addr()] = w.value();
                }
            }
        }
    }

    @Test
    void nextTilesWrittenWhileAGemmRunsNeverStallIt() {
        Random rnd = new Random(7);
        int r = CFG.rows();
        int c = CFG.cols();
        GemmCommand run = GemmCommand.packed(CFG, 64, 2 * r, 2 * c, false);
        GemmCommand next = run.withBases(HALF, HALF, HALF);
        int[][] a1 = EngineDriver.randomMatrix(rnd, CFG.format(), run.m(), run.k(), 1.0, 0.02);
        int[][] w1 = EngineDriver.randomMatrix(rnd, CFG.format(), run.k(), run.n(), 1.0, 0.02);
        int[][] a2 = EngineDriver.randomMatrix(rnd, CFG.format(), next.m(), next.k(), 1.0, 0.02);
        int[][] w2 = EngineDriver.randomMatrix(rnd, CFG.format(), next.k(), next.n(), 1.0, 0.02);
        d.loadA(run, a1);
        d.loadW(run, w1);
        Model actModel = new Model(r, CFG.aDepth());
        Model wgtModel = new Model(c, CFG.wDepth());
        List<Write> actWrites = new ArrayList<>();
        List<Write> wgtWrites = new ArrayList<>();
        for (int m = 0; m < run.m(); m++) {
            for (int k = 0; k < run.k(); k++) {
                actModel.words[k % r][run.aAddr(CFG, m, k)] = (long) a1[m][k];
                actWrites.add(new Write(k % r, next.aAddr(CFG, m, k), a2[m][k]));
            }
        }
        for (int k = 0; k < run.k(); k++) {
            for (int n = 0; n < run.n(); n++) {
                wgtModel.words[n % c][run.wAddr(CFG, k, n)] = (long) w1[k][n];
                wgtWrites.add(new Write(n % c, next.wAddr(CFG, k, n), w2[k][n]));
            }
        }
        Traffic actT = traffic(act, actModel, actWrites, rnd);
        Traffic wgtT = traffic(wgt, wgtModel, wgtWrites, rnd);

        d.startOnly(run);
        long busyCycles = 0;
        while (d.sim.peek("status_done") == 0) {
            actT.present(rnd, CFG.aDepth());
            wgtT.present(rnd, CFG.wDepth());
            assertTrue(act.ready() && wgt.ready(), "mp_act_ready and mp_wgt_ready are always high");
            d.sim.step();
            actT.taken();
            wgtT.taken();
            busyCycles++;
            assertTrue(busyCycles < 100_000, "GEMM never finished");
        }
        act.idle();
        wgt.idle();
        assertTrue(actT.done() && wgtT.done(), "the next tiles were written while the GEMM ran (" + busyCycles + " cycles)");
        assertEquals(EngineStatus.OK, EngineStatus.of(d.sim.peek("status_error")));
        assertArrayEquals(GemmGolden.gemm(CFG, a1, w1, null), d.readC(run), "the running GEMM's C");
        EngineDriver.Counters hw = d.counters();
        EngineTiming.Counters model = EngineTiming.predict(CFG, run);
        assertEquals(model, new EngineTiming.Counters(hw.cycles(), hw.busy(), hw.macs(), hw.fill(), hw.drain(),
                hw.stallWeights(), hw.stallAcc()), "counters (the array never waited)");
        assertTrue(actT.readsChecked > 100 && wgtT.readsChecked > 100, "reads checked during the GEMM");

        // Every written element reads back through the ports, then feeds the next GEMM.
        readBack(act, actModel, actWrites);
        readBack(wgt, wgtModel, wgtWrites);
        EngineDriver.Outcome o = d.run(next, 100_000);
        assertEquals(EngineStatus.OK, o.status());
        assertArrayEquals(GemmGolden.gemm(CFG, a2, w2, null), d.readC(next), "the next GEMM on the tiles written");
    }

    /** Per-bank queues of the writes in random order, a stale random value first for one in eight words. */
    private static Traffic traffic(ElementPortDriver port, Model model, List<Write> writes, Random rnd) {
        Traffic t = new Traffic(port, model);
        List<Write> order = new ArrayList<>(writes);
        Collections.shuffle(order, rnd);
        for (Write w : order) {
            if (rnd.nextInt(8) == 0) {
                t.pending.get(w.bank()).add(new Write(w.bank(), w.addr(), rnd.nextInt(1 << CFG.elementBits())));
            }
            t.pending.get(w.bank()).add(w);
        }
        return t;
    }

    /** Reads every written element back, all banks at once where the addresses allow. */
    private static void readBack(ElementPortDriver port, Model model, List<Write> writes) {
        for (Write w : writes) {
            int[] addr = new int[port.banks()];
            addr[w.bank()] = w.addr();
            port.request(0, 1L << w.bank(), addr, new long[port.banks()]);
            d.sim.step();
            assertEquals(w.value(), port.rdata(w.bank()), port.rdataName(w.bank()) + " word " + w.addr());
            assertEquals(w.value(), (long) model.words[w.bank()][w.addr()]);
        }
        port.idle();
    }

    @Test
    void accumulatorPortWorksWhileIdle() {
        Random rnd = new Random(11);
        int c = CFG.cols();
        Long[][] model = new Long[c][CFG.cDepth()];
        for (int cycle = 0; cycle < 200; cycle++) {
            int[] addr = new int[c];
            long[] data = new long[c];
            long we = 0;
            for (int b = 0; b < c; b++) {
                if (rnd.nextBoolean()) {
                    addr[b] = rnd.nextInt(CFG.cDepth());
                    data[b] = rnd.nextInt() & 0xFFFF_FFFFL;
                    we |= 1L << b;
                }
            }
            assertTrue(acc.ready(), "mp_acc_ready while idle");
            acc.request(we, 0, addr, data);
            d.sim.step();
            for (int b = 0; b < c; b++) {
                if ((we >> b & 1) != 0) {
                    model[b][addr[b]] = data[b];
                }
            }
        }
        acc.idle();
        long checked = 0;
        for (int word = 0; word < CFG.cDepth(); word++) {
            long re = 0;
            int[] addr = new int[c];
            for (int b = 0; b < c; b++) {
                addr[b] = word;
                re |= model[b][word] != null ? 1L << b : 0;
            }
            acc.request(0, re, addr, new long[c]);
            d.sim.step();
            long[] host = hostRead(word);
            for (int b = 0; b < c; b++) {
                if ((re >> b & 1) != 0) {
                    assertEquals((long) model[b][word], acc.rdata(b), acc.rdataName(b) + " word " + word);
                    assertEquals((long) model[b][word], host[b], "host_rdata_" + b + " word " + word);
                    checked++;
                }
            }
        }
        acc.idle();
        assertTrue(checked > 100, "words checked: " + checked);
    }

    /** Reads accumulator word {@code addr} of every bank through the host port. */
    private static long[] hostRead(int addr) {
        acc.idle();
        d.sim.poke("host_sel", 2);
        d.sim.poke("host_addr", addr);
        d.sim.poke("host_re", 1);
        d.sim.step();
        d.sim.poke("host_re", 0);
        long[] out = new long[CFG.cols()];
        for (int b = 0; b < out.length; b++) {
            out[b] = d.sim.peek("host_rdata_" + b);
        }
        return out;
    }

    @Test
    void accumulatorReadsWhileBusyAreTakenAndLeaveTheGemmAlone() {
        Random rnd = new Random(17);
        int c = CFG.cols();
        Accumulating g = Accumulating.load(rnd);
        GemmCommand cmd = g.cmd();
        // words past C's region (another tile's sums), written while idle
        long[][] other = new long[c][HALF];
        for (int word = 0; word < HALF; word++) {
            int[] addr = new int[c];
            for (int b = 0; b < c; b++) {
                addr[b] = HALF + word;
                other[b][word] = rnd.nextInt() & 0xFFFF_FFFFL;
            }
            acc.request((1L << c) - 1, 0, addr, column(other, word));
            d.sim.step();
        }
        acc.idle();
        d.startOnly(cmd);
        long reads = 0;
        int pending = -1;
        long busyCycles = 0;
        while (d.sim.peek("status_busy") != 0) {
            int word = rnd.nextInt(HALF);
            long re = rnd.nextLong() & ((1L << c) - 1);
            int[] addr = new int[c];
            java.util.Arrays.fill(addr, HALF + word);
            acc.request(0, re, addr, new long[c]);
            assertTrue(acc.ready(), "mp_acc_ready for a read while busy");
            d.sim.step();
            for (int b = 0; b < c; b++) {
                if ((re >> b & 1) != 0) {
                    assertEquals(other[b][word], acc.rdata(b), acc.rdataName(b) + " word " + (HALF + word) + " while busy");
                    reads++;
                }
            }
            busyCycles++;
            assertTrue(busyCycles < 100_000, "GEMM never finished");
        }
        acc.idle();
        assertTrue(reads > cmd.m(), "reads taken while busy: " + reads);
        assertArrayEquals(GemmGolden.gemm(CFG, g.a(), g.w(), g.c0()), d.readC(cmd), "C: the golden result beside the reads");
        EngineDriver.Counters hw = d.counters();
        assertEquals(EngineTiming.predict(CFG, cmd), new EngineTiming.Counters(hw.cycles(), hw.busy(), hw.macs(), hw.fill(),
                hw.drain(), hw.stallWeights(), hw.stallAcc()), "counters (the reads cost the array nothing)");
    }

    /** A 20-row accumulating GEMM of two K and two N tiles, its random operands loaded through the host port. */
    private record Accumulating(GemmCommand cmd, int[][] a, int[][] w, int[][] c0) {
        static Accumulating load(Random rnd) {
            GemmCommand cmd = GemmCommand.packed(CFG, 20, 2 * CFG.rows(), 2 * CFG.cols(), true);
            int[][] a = EngineDriver.randomMatrix(rnd, CFG.format(), cmd.m(), cmd.k(), 1.0, 0);
            int[][] w = EngineDriver.randomMatrix(rnd, CFG.format(), cmd.k(), cmd.n(), 1.0, 0);
            int[][] c0 = EngineDriver.randomMatrix(rnd, FpFormat.FP32, cmd.m(), cmd.n(), 4.0, 0);
            d.loadA(cmd, a);
            d.loadW(cmd, w);
            d.loadC(cmd, c0);
            return new Accumulating(cmd, a, w, c0);
        }
    }

    private static long[] column(long[][] words, int word) {
        long[] out = new long[words.length];
        for (int b = 0; b < out.length; b++) {
            out[b] = words[b][word];
        }
        return out;
    }

    @Test
    void accumulatorRequestWhileBusyWaitsUntilIdle() {
        Random rnd = new Random(13);
        int c = CFG.cols();
        Accumulating g = Accumulating.load(rnd);
        GemmCommand cmd = g.cmd();
        int wBank = 1;
        int rBank = 2;
        int outside = CFG.cDepth() - 1; // beyond C's region: its value is the one written before
        int marker = 0x1234_5678;
        int[] addr = new int[c];
        long[] data = new long[c];
        addr[rBank] = outside;
        data[rBank] = 0xCAFE_F00DL;
        acc.request(1L << rBank, 0, addr, data);
        d.sim.step();
        acc.idle();
        d.startOnly(cmd);
        // Held from the first busy cycle: a write onto C[0][wBank] (an operand the GEMM still has to
        // read) and a read of the word outside; neither may be taken before the engine is idle.
        addr[wBank] = cmd.cAddr(CFG, 0, wBank);
        data[wBank] = marker;
        long heldCycles = 0;
        while (d.sim.peek("status_busy") != 0) {
            acc.request(1L << wBank, 1L << rBank, addr, data);
            assertEquals(0, acc.ready() ? 1 : 0, "mp_acc_ready while busy");
            d.sim.step();
            heldCycles++;
            assertTrue(heldCycles < 100_000, "GEMM never finished");
        }
        acc.idle();
        assertTrue(heldCycles > 2 * cmd.m(), "busy cycles after the start: " + heldCycles);
        // Taken in any busy cycle, the write would have changed C0 before its read or C after its write.
        int[][] want = GemmGolden.gemm(CFG, g.a(), g.w(), g.c0());
        assertArrayEquals(want, d.readC(cmd), "C: the golden result, no write taken while busy");
        assertTrue(acc.ready(), "mp_acc_ready once idle");
        acc.request(1L << wBank, 1L << rBank, addr, data);
        d.sim.step();
        acc.idle();
        assertEquals(0xCAFE_F00DL, acc.rdata(rBank), "the held read, taken once idle");
        want[0][wBank] = marker;
        assertArrayEquals(want, d.readC(cmd), "C: the held write taken once idle");
    }
}
