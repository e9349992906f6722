package sohu.verify.mem;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import sohu.core.mem.DmaDescriptor;
import sohu.core.mem.DmaDescriptor.Direction;
import sohu.core.mem.DmaStatus;
import sohu.core.mem.rtl.DmaConfig;
import sohu.verilator.axi.HbmConfig;

/**
 * The DMA engine's checks, each a world ({@link HbmConfig}, SRAM behaviour) and a body that
 * drives a {@link DmaHarness} in it, compares everything with the golden model through a
 * {@link Scoreboard} (and the protocol monitor) and returns the descriptors it checked. Shared by
 * {@code ./sohu regress} ({@link DmaBlock}) and the tests.
 */
public final class DmaChecks {
    private DmaChecks() { }

    /**
     * The engine the checks run: 64-bit bus, 6 read bursts (on 4 IDs, so IDs are reused) and 4 write
     * bursts of up to 64 beats, 256 beats of buffer, 2 MiB of SRAM.
     */
    public static final DmaConfig CFG = new DmaConfig(64, 32, 2, 6, 4, 64, 256, 21);
    private static final int SLOTS = 64;
    private static final long SLOT = 8192;
    private static final long DST = 0x100000;

    /** What a check's body does with its harness. */
    @FunctionalInterface
    public interface Body {
        /** Runs the check, failing with an {@link AssertionError}; returns the descriptors checked. */
        long run(DmaHarness h);
    }

    /**
     * One check.
     *
     * @param name what it checks
     * @param hbm  the HBM model's behaviour
     * @param sram the SRAM port's behaviour
     * @param body the check
     */
    public record Check(String name, HbmConfig hbm, DmaHarness.SramBehaviour sram, Body body) { }

    /** Every length 1..4 words at every offset in the first two words and the last two before 4 KiB, all directions. */
    public static Check shortLengths() {
        return new Check("short-lengths", HbmConfig.hbm3(20).withJitter(5), DmaHarness.SramBehaviour.plain(),
                DmaChecks::shortLengths);
    }

    /** Random 2-D descriptors (one in five altered to be bad) for at least {@code cycles} cycles, 3-of-4 stalls everywhere. */
    public static Check random(long cycles, long seed) {
        HbmConfig hbm = HbmConfig.hbm3(100).withJitter(500).withStalls(HbmConfig.Stalls.all(0.75)).withSeed(seed);
        return new Check("random-" + cycles, hbm, new DmaHarness.SramBehaviour(3, 0.75, 0.5), h -> random(h, cycles, seed));
    }

    private static final long BAD_READ = 4 * SLOT;
    private static final long BAD_WRITE = DST + 6 * SLOT;

    /** SLVERR and DECERR on reads and writes fail their descriptor only. */
    public static Check errors() {
        HbmConfig hbm = HbmConfig.hbm3(100).withStalls(HbmConfig.Stalls.all(0.25)).withErrors(List.of(
                new HbmConfig.ErrorRange(BAD_READ, BAD_READ + 64, 2, true, false),
                new HbmConfig.ErrorRange(BAD_READ + 4096, BAD_READ + 4096 + 64, 3, true, false),
                new HbmConfig.ErrorRange(BAD_WRITE, BAD_WRITE + 64, 3, false, true),
                new HbmConfig.ErrorRange(BAD_WRITE + 4096, BAD_WRITE + 4096 + 64, 2, false, true)));
        return new Check("errors", hbm, DmaHarness.SramBehaviour.plain(), DmaChecks::errors);
    }

    /** A failed long descriptor is abandoned: few of its bursts reach the bus, and the next descriptor runs. */
    public static Check abandon() {
        return new Check("abandon", errors().hbm(), DmaHarness.SramBehaviour.plain(), DmaChecks::abandon);
    }

    /** Bad descriptors get their code, move nothing and never hang. */
    public static Check badDescriptors() {
        return new Check("bad-descriptors", HbmConfig.hbm3(100), DmaHarness.SramBehaviour.plain(), DmaChecks::badDescriptors);
    }

    /** The regions every check compares: sources and destinations, in HBM and SRAM. */
    static List<Scoreboard.Region> slotRegions() {
        List<Scoreboard.Region> r = new ArrayList<>();
        for (boolean sram : new boolean[] {false, true}) {
            r.add(new Scoreboard.Region(sram, 0, SLOTS * SLOT));
            r.add(new Scoreboard.Region(sram, DST, DST + SLOTS * SLOT));
        }
        return r;
    }

    private static void quiet(DmaHarness h) {
        if (!h.monitor().quiet()) {
            throw new AssertionError("AXI bursts still open after every descriptor completed");
        }
    }

    private static long shortLengths(DmaHarness h) {
        int[] off = new int[32];
        for (int i = 0; i < 16; i++) {
            off[i] = i;
            off[16 + i] = 4096 - 16 + i;
        }
        int words = 4 * h.config().busBytes();
        long n = 0;
        for (Direction dir : Direction.values()) {
            Scoreboard sb = new Scoreboard(h, slotRegions(), dir.ordinal());
            int slot = 0;
            for (int len = 1; len <= words; len++) {
                for (int i = 0; i < off.length; i++) {
                    int dOff = off[(i * 7 + len) % off.length];
                    sb.submit(DmaDescriptor.linear(slot, dir, slot * SLOT + off[i], DST + slot * SLOT + dOff, len));
                    n++;
                    if (++slot == SLOTS) {
                        sb.finishBatch(200_000);
                        slot = 0;
                    }
                }
            }
            sb.finishBatch(200_000);
        }
        quiet(h);
        return n;
    }

    private static long random(DmaHarness h, long cycles, long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        Scoreboard sb = new Scoreboard(h, slotRegions(), seed);
        long n = 0;
        int tag = 0;
        while (h.testbench().cycle() < cycles) {
            for (int slot = 0; slot < 16; slot++) {
                sb.submit(randomDescriptor(rng, tag++ & 0xFF, slot * 4));
                n++;
            }
            sb.finishBatch(2_000_000);
        }
        quiet(h);
        long least = cycles / 1000; // about a quarter of what the traffic makes: 100 bursts each way in 10^5 cycles
        if (h.hbmModel().stats().readBursts < least || h.hbmModel().stats().writeBursts < least) {
            throw new AssertionError("random traffic too thin: " + h.hbmModel().stats().readBursts + " read and "
                    + h.hbmModel().stats().writeBursts + " write bursts in " + cycles + " cycles (at least " + least + " each)");
        }
        if (h.monitor().readsOutOfOrder() == 0) {
            throw new AssertionError("no read burst came back before an older one of another ID in "
                    + h.hbmModel().stats().readBursts + " bursts: the reordering was not exercised");
        }
        return n;
    }

    /** A 2-D descriptor inside slots {@code slot..slot+3}, now and then a bad one. */
    private static DmaDescriptor randomDescriptor(SplittableRandom rng, int tag, int slot) {
        Direction dir = Direction.values()[rng.nextInt(3)];
        int rows = 1 + rng.nextInt(4);
        int bpr = 1 + rng.nextInt(rng.nextBoolean() ? 64 : 1000);
        long srcStride = rng.nextInt(1200);
        long dstStride = bpr + rng.nextInt(200);
        long src = slot * SLOT + rng.nextInt(4096);
        long dst = DST + slot * SLOT + rng.nextInt(4096);
        switch (rng.nextInt(20)) {
            case 0 -> rows = 0;
            case 1 -> bpr = 0;
            case 2 -> dst = (1L << 32) - 16;
            case 3 -> {
                rows = Math.max(rows, 2);
                dstStride = bpr - 1;
            }
            default -> { }
        }
        return new DmaDescriptor(tag, dir, src, dst, rows, bpr, srcStride, dstStride);
    }

    private static long errors(DmaHarness h) {
        Scoreboard sb = new Scoreboard(h, slotRegions(), 5);
        sb.submit(DmaDescriptor.linear(1, Direction.HBM_TO_SRAM, BAD_READ - 100, DST, 700), DmaStatus.Code.READ_SLVERR);
        sb.submit(DmaDescriptor.linear(2, Direction.HBM_TO_SRAM, SLOT, DST + SLOT, 300), DmaStatus.Code.OK);
        sb.submit(DmaDescriptor.linear(3, Direction.HBM_TO_HBM, BAD_READ + 4000, DST + 2 * SLOT, 200), DmaStatus.Code.READ_DECERR);
        sb.submit(DmaDescriptor.linear(4, Direction.HBM_TO_HBM, 2 * SLOT, BAD_WRITE + 5, 3000), DmaStatus.Code.WRITE_DECERR);
        sb.submit(DmaDescriptor.linear(5, Direction.SRAM_TO_HBM, 3 * SLOT, BAD_WRITE + 4096 - 8, 16), DmaStatus.Code.WRITE_SLVERR);
        sb.submit(DmaDescriptor.linear(6, Direction.SRAM_TO_HBM, 5 * SLOT + 3, DST + 3 * SLOT + 1, 999), DmaStatus.Code.OK);
        sb.submit(new DmaDescriptor(7, Direction.HBM_TO_HBM, 7 * SLOT, DST + 7 * SLOT, 3, 100, 300, 200), DmaStatus.Code.OK);
        sb.finishBatch(200_000);
        quiet(h);
        return 7;
    }

    /**
     * 32 KiB descriptors (64 bursts each way) whose first burst fails: a read (its SRAM writes run
     * on with zero masks), a copy with a read error, a write and a copy with a write error. Each may put on the
     * bus only the bursts already in flight when the error came back (at most twice the bursts in
     * flight), each is followed by a descriptor that completes OK.
     */
    private static long abandon(DmaHarness h) {
        int len = 32 * 1024;
        int allowed = 2 * Math.max(h.config().readBursts(), h.config().writeBursts());
        DmaDescriptor[] failing = {
            DmaDescriptor.linear(1, Direction.HBM_TO_SRAM, BAD_READ, DST + 12 * SLOT, len),
            DmaDescriptor.linear(3, Direction.HBM_TO_HBM, BAD_READ, DST + 16 * SLOT, len),
            DmaDescriptor.linear(5, Direction.SRAM_TO_HBM, 0, BAD_WRITE, len),
            DmaDescriptor.linear(7, Direction.HBM_TO_HBM, 8 * SLOT, BAD_WRITE, len)};
        DmaStatus.Code[] codes = {DmaStatus.Code.READ_SLVERR, DmaStatus.Code.READ_SLVERR, DmaStatus.Code.WRITE_DECERR,
            DmaStatus.Code.WRITE_DECERR};
        for (int i = 0; i < failing.length; i++) {
            Scoreboard sb = new Scoreboard(h, slotRegions(), 11 + i);
            long reads = h.hbmModel().stats().readBursts;
            long writes = h.hbmModel().stats().writeBursts;
            sb.submit(failing[i], codes[i]);
            sb.finishBatch(400_000);
            long r = h.hbmModel().stats().readBursts - reads;
            long w = h.hbmModel().stats().writeBursts - writes;
            if (r > allowed || w > allowed) {
                throw new AssertionError("descriptor " + failing[i] + " failed but put " + r + " read and " + w
                        + " write bursts of 64 on the bus (at most " + allowed + " allowed)");
            }
            sb.submit(DmaDescriptor.linear(failing[i].tag() + 1, failing[i].direction(), SLOT, DST + SLOT, 1000), DmaStatus.Code.OK);
            sb.finishBatch(200_000);
        }
        quiet(h);
        return 8;
    }

    private static long badDescriptors(DmaHarness h) {
        Scoreboard sb = new Scoreboard(h, slotRegions(), 9);
        long top = 1L << h.config().addrBits();
        long sramTop = 1L << h.config().sramBits();
        sb.submit(new DmaDescriptor(1, Direction.HBM_TO_HBM, 0, DST, 0, 16, 16, 16), DmaStatus.Code.BAD_LENGTH);
        sb.submit(DmaDescriptor.linear(2, Direction.HBM_TO_SRAM, 0, DST, 0), DmaStatus.Code.BAD_LENGTH);
        sb.submit(DmaDescriptor.linear(3, Direction.HBM_TO_HBM, top - 8, DST, 9), DmaStatus.Code.BAD_RANGE);
        sb.submit(DmaDescriptor.linear(4, Direction.HBM_TO_HBM, top - 8, DST, 8), DmaStatus.Code.OK);
        sb.submit(DmaDescriptor.linear(5, Direction.HBM_TO_SRAM, SLOT, sramTop - 4, 5), DmaStatus.Code.BAD_RANGE);
        sb.submit(new DmaDescriptor(6, Direction.SRAM_TO_HBM, SLOT, DST + SLOT, 3, 100, 100, 99), DmaStatus.Code.BAD_STRIDE);
        sb.submit(new DmaDescriptor(7, Direction.SRAM_TO_HBM, SLOT, DST + SLOT, 3, 100, 0, 100), DmaStatus.Code.OK);
        sb.submit(new DmaDescriptor(8, Direction.HBM_TO_HBM, (1L << 40) + SLOT, DST, 1, 10, 0, 10), DmaStatus.Code.BAD_RANGE);
        sb.submit(new DmaDescriptor(9, Direction.HBM_TO_SRAM, 2 * SLOT, DST + 2 * SLOT, 1000, 4, 1, 4), DmaStatus.Code.OK);
        sb.finishBatch(100_000);
        if (h.completions().size() != 9) {
            throw new AssertionError(h.completions().size() + " completions for 9 descriptors");
        }
        return 9;
    }

    /** A 256-bit engine (one read ID per read burst in flight): lengths up to four words at offsets across the word, near 4 KiB. */
    public static final DmaConfig WIDE = new DmaConfig(256, 40, 2, 2, 2, 16, 64, 21);

    /** The wide engine's check. */
    public static Check wide() {
        return new Check("wide-256", HbmConfig.hbm3(30).withStalls(HbmConfig.Stalls.all(0.5)),
                new DmaHarness.SramBehaviour(1, 0.5, 0), DmaChecks::wide);
    }

    private static long wide(DmaHarness h) {
        Scoreboard sb = new Scoreboard(h, slotRegions(), 13);
        int slot = 0;
        long n = 0;
        int bytes = h.config().busBytes();
        for (Direction dir : Direction.values()) {
            for (int len = 1; len <= 4 * bytes; len += 3) {
                int so = (len * 11) % (2 * bytes);
                int dOff = (len * 5 + dir.ordinal() * 17) % (2 * bytes);
                sb.submit(DmaDescriptor.linear(slot, dir, slot * SLOT + 4096 - 2 * bytes + so, DST + slot * SLOT + dOff, len));
                n++;
                if (++slot == SLOTS) {
                    sb.finishBatch(200_000);
                    slot = 0;
                }
            }
        }
        sb.finishBatch(200_000);
        quiet(h);
        return n;
    }
}
