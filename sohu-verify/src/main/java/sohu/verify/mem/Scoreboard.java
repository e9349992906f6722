package sohu.verify.mem;

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
public final class Scoreboard {
    /** A region of one space compared after each batch. */
    public record Region(boolean sram, long from, long to) { }

    private final DmaHarness h;
    private final List<Region> regions;
    private final SparseMemory hbmShadow = new SparseMemory();
    private final SparseMemory sramShadow = new SparseMemory();
    private final Map<Integer, DmaStatus.Code> expected = new HashMap<>();
    private final List<DmaDescriptor> failing = new ArrayList<>();
    private final List<DmaDescriptor> batch = new ArrayList<>();
    private int submitted;

    public Scoreboard(DmaHarness h, List<Region> regions, long seed) {
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
    public void submit(DmaDescriptor d, DmaStatus.Code code) {
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
    public void submit(DmaDescriptor d) {
        submit(d, DmaGolden.reject(d, h.config().addrBits(), h.config().sramBits()).orElse(DmaStatus.Code.OK));
    }

    /** Runs until every submitted descriptor completed, then checks statuses and memories. */
    public void finishBatch(long timeout) {
        int before = h.completions().size() - (submitted - expected.size());
        h.runUntilCompleted(before + expected.size(), timeout);
        h.run(20); // nothing more may arrive
        List<DmaStatus> got = h.completions().subList(before, h.completions().size());
        if (got.size() != expected.size()) {
            throw new AssertionError(got.size() + " completions for a batch of " + expected.size()
                    + " descriptors (something lost or duplicated): " + got);
        }
        Map<Integer, DmaStatus.Code> left = new HashMap<>(expected);
        for (DmaStatus s : got) {
            DmaStatus.Code want = left.remove(s.tag());
            if (want == null) {
                throw new AssertionError("completion " + s + " for no pending descriptor (duplicate or unknown tag)");
            }
            if (want != s.code()) {
                throw new AssertionError("status of tag " + s.tag() + ": expected " + want + ", got " + s.code());
            }
        }
        for (Region r : regions) {
            SparseMemory mine = r.sram() ? h.sram() : h.hbm();
            SparseMemory want = r.sram() ? sramShadow : hbmShadow;
            for (long a = r.from(); a < r.to(); a++) {
                int m = mine.read(a);
                int w = want.read(a);
                if (m != w && !failedDestination(r.sram(), a, m)) {
                    throw new AssertionError(String.format("%s byte 0x%x is 0x%02x, expected 0x%02x%s", r.sram() ? "SRAM" : "HBM", a, m, w,
                            describe(r.sram(), a)));
                }
            }
        }
        expected.clear();
        failing.clear();
        batch.clear();
        submitted = 0;
    }

    /** A failed descriptor may have written any of its bytes: accept them, then adopt them. */
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
