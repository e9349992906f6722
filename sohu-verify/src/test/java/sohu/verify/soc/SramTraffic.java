package sohu.verify.soc;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import sohu.core.mem.DmaDescriptor;
import sohu.core.mem.DmaDescriptor.Direction;
import sohu.core.mem.DmaGolden;
import sohu.verify.mem.DmaHarness;
import sohu.core.mem.DmaStatus;
import sohu.core.soc.rtl.CoreSram;
import sohu.core.soc.rtl.ElementSpace;
import sohu.core.soc.rtl.InsnFetch;
import sohu.verilator.axi.SparseMemory;

/**
 * Random LOAD- and STORE-shaped descriptors (rows of whole elements of one space, element strides,
 * any HBM alignment) through a {@link SramHarness}, against a Java model: {@link DmaGolden} on a
 * shadow HBM and a shadow SRAM byte map, and the ISA's layout (element {@code e} of space
 * {@code s} at SRAM byte {@code s << 24 | e·elementBytes}, in bank {@code e mod B}, word
 * {@code e div B}) to read the memories back. The descriptors of one batch never touch the same
 * element or HBM byte where one of them writes (they are not ordered against each other).
 */
final class SramTraffic {
    /** HBM the loads read. */
    static final long SRC = 0x10_0000;
    /** HBM the stores write. */
    static final long DST = 0x40_0000;
    private static final int SRC_BYTES = 1 << 16;

    private final SramHarness h;
    private final List<ElementSpace> spaces;
    private final SplittableRandom rng;
    private final SparseMemory hbmShadow = new SparseMemory();
    private final SparseMemory sramShadow = new SparseMemory();
    private long dstEnd = DST;
    private int tag;
    private long checked;

    SramTraffic(SramHarness h, long seed) {
        this.h = h;
        this.spaces = h.params().sram().spaces();
        this.rng = new SplittableRandom(seed);
        for (long a = SRC; a < SRC + SRC_BYTES; a++) {
            int v = rng.nextInt(256);
            h.hbm().write(a, v);
            hbmShadow.write(a, v);
        }
    }

    /** Fills every memory from HBM (the memories start unknown), then checks them. */
    void fill() {
        List<DmaDescriptor> batch = new ArrayList<>();
        for (ElementSpace s : spaces) {
            batch.add(DmaDescriptor.linear(nextTag(), Direction.HBM_TO_SRAM, SRC + rng.nextInt(4096), base(s), (int) s.bytes()));
        }
        run(batch, dstEnd);
    }

    /** {@code batches} batches of up to 12 random descriptors each, every batch checked. */
    void random(int batches) {
        for (int i = 0; i < batches; i++) {
            Map<ElementSpace, BitSet> written = new HashMap<>();
            Map<ElementSpace, BitSet> read = new HashMap<>();
            List<DmaDescriptor> batch = new ArrayList<>();
            long from = dstEnd;
            int want = 1 + rng.nextInt(12);
            for (int tries = 0; batch.size() < want && tries < 100; tries++) {
                ElementSpace s = spaces.get(rng.nextInt(spaces.size()));
                DmaDescriptor d = candidate(s, rng.nextBoolean());
                BitSet elems = elements(s, d);
                BitSet w = written.computeIfAbsent(s, k -> new BitSet());
                BitSet r = read.computeIfAbsent(s, k -> new BitSet());
                boolean load = d.direction() == Direction.HBM_TO_SRAM;
                if (elems.intersects(w) || load && elems.intersects(r)) {
                    continue;
                }
                (load ? w : r).or(elems);
                if (!load) {
                    dstEnd = d.dst() + (d.rows() - 1L) * d.dstStride() + d.bytesPerRow() + rng.nextInt(16);
                }
                batch.add(d);
            }
            run(batch, from);
        }
    }

    /** Descriptors checked so far. */
    long checked() {
        return checked;
    }

    /** SRAM byte address of element 0 of a space. */
    static long base(ElementSpace s) {
        return (long) s.space().ordinal() << CoreSram.SPACE_LSB;
    }

    private int nextTag() {
        tag = (tag + 1) & 0xFF;
        if (tag == InsnFetch.TAG) {
            tag++;
        }
        return tag;
    }

    /** A LOAD or STORE of a few rows of a few elements somewhere in the memory. */
    private DmaDescriptor candidate(ElementSpace s, boolean load) {
        int eb = s.elementBytes();
        int total = (int) s.elements();
        int rows = 1 + rng.nextInt(4);
        int elems = 1 + rng.nextInt(Math.min(total / rows, rng.nextBoolean() ? 8 : 48));
        int stride = elems + rng.nextInt(Math.max(1, (total / rows) - elems + 1));
        int span = (rows - 1) * stride + elems;
        int e0 = rng.nextInt(total - span + 1);
        long sram = base(s) + (long) e0 * eb;
        int bytes = elems * eb;
        long hbmStride = bytes + rng.nextInt(64);
        if (load) {
            long hbm = SRC + rng.nextInt((int) (SRC_BYTES - rows * hbmStride));
            return new DmaDescriptor(nextTag(), Direction.HBM_TO_SRAM, hbm, sram, rows, bytes, rng.nextInt(2) == 0 ? bytes : hbmStride,
                    (long) stride * eb);
        }
        long hbm = dstEnd + rng.nextInt(16);
        return new DmaDescriptor(nextTag(), Direction.SRAM_TO_HBM, sram, hbm, rows, bytes, (long) stride * eb, hbmStride);
    }

    /** The elements of {@code s} a descriptor touches on the SRAM side. */
    private static BitSet elements(ElementSpace s, DmaDescriptor d) {
        boolean load = d.direction() == Direction.HBM_TO_SRAM;
        long start = load ? d.dst() : d.src();
        long stride = load ? d.dstStride() : d.srcStride();
        BitSet b = new BitSet();
        for (int r = 0; r < d.rows(); r++) {
            int e = (int) ((start - base(s) + r * stride) / s.elementBytes());
            b.set(e, e + d.bytesPerRow() / s.elementBytes());
        }
        return b;
    }

    /** Runs a batch to completion and checks statuses, the HBM the stores wrote and every memory. */
    private void run(List<DmaDescriptor> batch, long hbmFrom) {
        int before = h.completions().size();
        Map<Integer, DmaDescriptor> open = new HashMap<>();
        for (DmaDescriptor d : batch) {
            DmaGolden.apply(d, DmaHarness.space(hbmShadow), DmaHarness.space(sramShadow));
            open.put(d.tag(), d);
            h.submit(d);
        }
        h.runUntil(() -> h.completions().size() >= before + batch.size(), 2_000_000);
        h.run(20);
        List<DmaStatus> got = h.completions().subList(before, h.completions().size());
        if (got.size() != batch.size()) {
            throw new AssertionError(got.size() + " completions for " + batch.size() + " descriptors: " + got);
        }
        for (DmaStatus st : got) {
            DmaDescriptor d = open.remove(st.tag());
            if (d == null || st.code() != DmaStatus.Code.OK) {
                throw new AssertionError("completion " + st + (d == null ? " for no open descriptor" : " for " + d));
            }
        }
        for (long a = hbmFrom; a < dstEnd + 64; a++) {
            if (h.hbm().read(a) != hbmShadow.read(a)) {
                throw new AssertionError(String.format("HBM byte 0x%x is 0x%02x, expected 0x%02x (batch %s)", a, h.hbm().read(a),
                        hbmShadow.read(a), batch));
            }
        }
        for (ElementSpace s : spaces) {
            long[] got2 = h.dump(s);
            for (int e = 0; e < got2.length; e++) {
                long want = 0;
                for (int k = s.elementBytes() - 1; k >= 0; k--) {
                    want = want << 8 | sramShadow.read(base(s) + (long) e * s.elementBytes() + k);
                }
                if (got2[e] != want) {
                    throw new AssertionError(String.format("%s element %d (bank %d, word %d) is 0x%x, expected 0x%x (batch %s)",
                            s.space().tag(), e, e % s.banks(), e / s.banks(), got2[e], want, batch));
                }
            }
        }
        boolean[] err = h.routerErrors();
        if (err[0] || err[1]) {
            throw new AssertionError("router error flags raised by well-formed descriptors: partial " + err[0] + ", range " + err[1]);
        }
        if (!h.fetchBusy() && !h.monitor().quiet()) {
            throw new AssertionError("AXI bursts still open after every descriptor completed (and no fetch running)");
        }
        checked += batch.size();
    }
}
