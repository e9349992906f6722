package sohu.verify.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import sohu.core.mem.DmaDescriptor;
import sohu.core.mem.DmaGolden;
import sohu.core.mem.DmaStatus;
import sohu.verilator.axi.SparseMemory;

/**
 * The expected memories of a batch of descriptors (from {@link DmaGolden}) beside the engine's,
 * compared over whole regions so that bytes written outside a destination are caught, and the
 * expected completions, each tag exactly once.
 */
final class Scoreboard {
    /** A region of one space compared after each batch. */
    record Region(boolean sram, long from, long to) { }

    private final DmaHarness h;
    private final List<Region> regions;
    private final SparseMemory hbmShadow = new SparseMemory();
    private final SparseMemory sramShadow = new SparseMemory();
    private final Map<Integer, DmaStatus.Code> expected = new HashMap<>();
    private final List<DmaDescriptor> failing = new ArrayList<>();
    private final List<DmaDescriptor> batch = new ArrayList<>();
    private int submitted;

    Scoreboard(DmaHarness h, List<Region> regions, long seed) {
        this.h = h;
        this.regions = regions;
        SplittableRandom rng = new SplittableRandom(seed);
        for (Region r : regions) {
            for (long a = r.from(); a < r.to(); a++) {
                int v = rng.nextInt(256);
                (r.sram() ? h.sram() : h.hbm()).write(a, v);
                (r.sram() ? sramShadow : hbmShadow).write(a, v);
            }
        }
    }

    /** Submits {@code d}, expecting {@code code} (OK applies it to the shadow memories). */
    void submit(DmaDescriptor d, DmaStatus.Code code) {
        if (expected.put(d.tag(), code) != null) {
            throw new IllegalArgumentException("tag " + d.tag() + " used twice in a batch");
        }
        if (code == DmaStatus.Code.OK) {
            DmaGolden.apply(d, DmaHarness.space(hbmShadow), DmaHarness.space(sramShadow));
        } else if (code.ordinal() <= DmaStatus.Code.WRITE_DECERR.ordinal()) {
            failing.add(d);
        }
        h.submit(d);
        batch.add(d);
        submitted++;
    }

    /** Submits {@code d} with the status the golden model gives it. */
    void submit(DmaDescriptor d) {
        submit(d, DmaGolden.reject(d, h.config().addrBits(), h.config().sramBits()).orElse(DmaStatus.Code.OK));
    }

    /** Runs until every submitted descriptor completed, then checks statuses and memories. */
    void finishBatch(long timeout) {
        int before = h.completions().size() - (submitted - expected.size());
        h.runUntilCompleted(before + expected.size(), timeout);
        h.run(20); // nothing more may arrive
        List<DmaStatus> got = h.completions().subList(before, h.completions().size());
        assertEquals(expected.size(), got.size(), "completions of the batch (nothing lost, nothing duplicated)");
        Map<Integer, DmaStatus.Code> left = new HashMap<>(expected);
        for (DmaStatus s : got) {
            DmaStatus.Code want = left.remove(s.tag());
            if (want == null) {
                fail("completion " + s + " for no pending descriptor (duplicate or unknown tag)");
            }
            assertEquals(want, s.code(), "status of tag " + s.tag());
        }
        for (Region r : regions) {
            SparseMemory mine = r.sram() ? h.sram() : h.hbm();
            SparseMemory want = r.sram() ? sramShadow : hbmShadow;
            for (long a = r.from(); a < r.to(); a++) {
                int m = mine.read(a);
                int w = want.read(a);
                if (m != w && !failedDestination(r.sram(), a, m)) {
                    fail(String.format("%s byte 0x%x is 0x%02x, expected 0x%02x%s", r.sram() ? "SRAM" : "HBM", a, m, w,
                            describe(r.sram(), a)));
                }
            }
        }
        expected.clear();
        failing.clear();
        batch.clear();
        submitted = 0;
    }

    /** A failed descriptor may have written any prefix of its bytes: accept them, then adopt them. */
    private boolean failedDestination(boolean sram, long a, int value) {
        for (DmaDescriptor d : failing) {
            boolean dstSram = d.direction() == DmaDescriptor.Direction.HBM_TO_SRAM;
            if (dstSram == sram && DmaGolden.inDestination(d, a)) {
                (sram ? sramShadow : hbmShadow).write(a, value);
                return true;
            }
        }
        return false;
    }

    private String describe(boolean sram, long a) {
        for (DmaDescriptor d : batch) {
            if ((d.direction() == DmaDescriptor.Direction.HBM_TO_SRAM) == sram && DmaGolden.inDestination(d, a)) {
                return " (destination of " + d + ")";
            }
        }
        return " (outside every destination of the batch)";
    }
}
