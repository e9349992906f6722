package sohu.verify.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.core.mem.rtl.BankedScratchpad;
import sohu.verilator.CircuitSim;
import sohu.verilator.Sim;

/**
 * The Verilated {@link BankedScratchpad} against a Java array of words: the compute port is never
 * stalled, the DMA port only when the compute side uses its bank in the same cycle, and every read
 * returns what the reference memory holds (byte masks included).
 */
class BankedScratchpadSimTest {

    /** Drives both ports of one scratchpad and checks every cycle against the reference. */
    private static final class Driver implements AutoCloseable {
        final BankedScratchpad.Params p;
        final Sim sim;
        final long[] ref;
        final Port compute;
        final Port dma;
        long dmaStalls;
        long computeStalls;

        Driver(BankedScratchpad.Params p) {
            this.p = p;
            this.sim = CircuitSim.open(BankedScratchpad.elaborate(p));
            this.ref = new long[p.banks() * p.depth()];
            this.compute = new Port(sim, "compute");
            this.dma = new Port(sim, "dma");
            sim.reset(2);
        }

        /** One cycle: both requests (null: idle); returns whether the DMA request moved. */
        boolean cycle(Req c, Req d) {
            compute.drive(c);
            dma.drive(d);
            sim.eval();
            boolean cFires = c != null && sim.peek("compute_ready") == 1;
            boolean dFires = d != null && sim.peek("dma_ready") == 1;
            boolean conflict = c != null && d != null && p.bankOf(c.addr) == p.bankOf(d.addr);
            if (d != null && dFires == conflict) {
                throw sim.failure("dma_ready is " + (dFires ? 1 : 0) + " with the compute request "
                        + (conflict ? "in" : "not in") + " the same bank");
            }
            computeStalls += c != null && !cFires ? 1 : 0;
            dmaStalls += d != null && !dFires ? 1 : 0;
            long cExpect = cFires ? apply(c) : -1;
            long dExpect = dFires ? apply(d) : -1;
            sim.step();
            compute.check(cFires && !c.we, cExpect);
            dma.check(dFires && !d.we, dExpect);
            return dFires;
        }

        /** Applies a request to the reference; returns the word a read returns. */
        private long apply(Req r) {
            long old = ref[(int) r.addr];
            if (r.we) {
                long m = 0;
                for (int k = 0; k < p.wordBytes(); k++) {
                    m |= (r.mask >> k & 1) == 1 ? 0xFFL << (8 * k) : 0;
                }
                ref[(int) r.addr] = (old & ~m) | (r.data & m);
            }
            return old;
        }

        @Override
        public void close() {
            sim.close();
        }
    }

    private record Req(long addr, boolean we, long data, long mask) {
        static Req read(long addr) {
            return new Req(addr, false, 0, 0);
        }
    }

    private static final class Port {
        final Sim sim;
        final String name;
        final Sim.Port valid;
        final Sim.Port addr;
        final Sim.Port we;
        final Sim.Port wdata;
        final Sim.Port mask;
        final Sim.Port rvalid;
        final Sim.Port rdata;

        Port(Sim sim, String name) {
            this.sim = sim;
            this.name = name;
            valid = sim.port(name + "_valid");
            addr = sim.port(name + "_payload_addr");
            we = sim.port(name + "_payload_we");
            wdata = sim.port(name + "_payload_wdata");
            mask = sim.port(name + "_payload_mask");
            rvalid = sim.port(name + "_rvalid");
            rdata = sim.port(name + "_rdata");
        }

        void drive(Req r) {
            valid.set(r == null ? 0 : 1);
            if (r != null) {
                addr.set(r.addr);
                we.set(r.we ? 1 : 0);
                wdata.set(r.data);
                mask.set(r.mask);
            }
        }

        void check(boolean read, long expected) {
            sim.expect(rvalid, read ? 1 : 0);
            if (read) {
                sim.expect(rdata, expected);
            }
        }
    }

    private static Req randomWrite(Random rnd, long addr, BankedScratchpad.Params p) {
        long bits = p.wordBytes() == 8 ? -1L : (1L << (8 * p.wordBytes())) - 1;
        return new Req(addr, true, rnd.nextLong() & bits, rnd.nextInt(1 << p.wordBytes()));
    }

    /** The array reads tile A in bank 0 every cycle while the DMA writes tile B into bank 1: neither ever waits. */
    @Test
    void dmaWritingAnotherBankNeverStallsTheComputeSide() {
        BankedScratchpad.Params p = new BankedScratchpad.Params(4, 8, 64, false);
        Random rnd = new Random(1);
        try (Driver d = new Driver(p)) {
            for (int i = 0; i < p.depth(); i++) { // tile A, by the DMA alone
                assertTrue(d.cycle(null, randomWrite(rnd, i, p)));
            }
            for (int round = 0; round < 4; round++) {
                int from = (round % 2) * p.depth(); // the tile the array reads; the DMA fills the other
                int to = ((round + 1) % 2) * p.depth();
                for (int i = 0; i < p.depth(); i++) {
                    assertTrue(d.cycle(Req.read(from + i), randomWrite(rnd, to + i, p)), "DMA stalled at word " + i);
                }
            }
            assertEquals(0, d.computeStalls);
            assertEquals(0, d.dmaStalls);
            assertEquals(0, d.sim.peek("stat_compute_stalls"));
            assertEquals(0, d.sim.peek("stat_dma_stalls"));
            assertEquals(4L * p.depth(), d.sim.peek("stat_compute_requests"));
            assertEquals(5L * p.depth(), d.sim.peek("stat_dma_requests"));
        }
    }

    /**
     * Random traffic on both ports (interleaved banks): the DMA stalls exactly in the cycles the
     * compute side takes its bank, the compute side never; the stall counter agrees. Prints the
     * measured DMA stall rate next to the uniform-traffic estimate P(compute valid) / banks.
     */
    @Test
    void conflictsStallOnlyTheDmaAndReadsMatchTheReference() {
        for (BankedScratchpad.Params p : new BankedScratchpad.Params[] {
            new BankedScratchpad.Params(8, 4, 32, true), new BankedScratchpad.Params(2, 8, 128, false)}) {
            Random rnd = new Random(p.banks());
            int words = p.banks() * p.depth();
            try (Driver d = new Driver(p)) {
                long dmaCycles = 0;
                for (int i = 0; i < 20_000; i++) {
                    Req c = rnd.nextDouble() < 0.7 ? (rnd.nextBoolean() ? Req.read(rnd.nextInt(words)) : randomWrite(rnd, rnd.nextInt(words), p)) : null;
                    Req m = rnd.nextDouble() < 0.8 ? (rnd.nextBoolean() ? Req.read(rnd.nextInt(words)) : randomWrite(rnd, rnd.nextInt(words), p)) : null;
                    dmaCycles += m != null ? 1 : 0;
                    d.cycle(c, m);
                }
                assertEquals(0, d.computeStalls);
                assertEquals(d.dmaStalls, d.sim.peek("stat_dma_stalls"));
                assertTrue(d.dmaStalls > 0, "no conflict in 20000 random cycles");
                System.out.printf("scratchpad %d banks: DMA stalled in %.1f%% of its request cycles (estimate %.1f%%), compute in 0%n",
                        p.banks(), 100.0 * d.dmaStalls / dmaCycles, 100.0 * 0.7 / p.banks());
            }
        }
    }
}
