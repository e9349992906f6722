package sohu.hdl;

import java.util.ArrayList;
import java.util.List;

/**
 * A memory of words of any type with synchronous read. Words whose width is a multiple
 * of 8 are stored as byte lanes, so a write can carry a byte-enable mask (bit k enables
 * bits 8k+7..8k, as AXI's wstrb). Reads and writes happen in the enclosing {@code when}
 * scope, like {@link Mem}.
 *
 * @param <D> the word's handle type
 */
public final class TypedMem<D extends Data> {
    private final ModuleBuilder b;
    private final HwType<D> type;
    private final List<Mem> lanes = new ArrayList<>(); // lane 0 holds the least significant byte

    TypedMem(ModuleBuilder b, Module m, String name, HwType<D> type, int depth) {
        this.b = b;
        this.type = type;
        int w = type.width();
        if (w % 8 == 0 && w > 8) {
            for (int k = 0; k < w / 8; k++) {
                lanes.add(m.mem(name + "_lane" + k, 8, depth));
            }
        } else {
            lanes.add(m.mem(name, w, depth));
        }
    }

    /** Number of byte lanes (1 when the width is not a multiple of 8). */
    public int lanes() {
        return lanes.size();
    }

    /** Address width (bits). */
    public int addrWidth() {
        return lanes.get(0).addrWidth();
    }

    /** The registered word at {@code addr}, available the next cycle. */
    public D read(UInt addr) {
        List<UInt> parts = new ArrayList<>();
        for (int k = lanes.size() - 1; k >= 0; k--) {
            parts.add(lanes.get(k).read(addr));
        }
        return Hw.unpack(type, Hw.cat(parts));
    }

    /** Writes the whole word. */
    public void write(UInt addr, D data) {
        UInt bits = data.asUInt();
        for (int k = 0; k < lanes.size(); k++) {
            lanes.get(k).write(addr, lane(bits, k));
        }
    }

    /** Writes the bytes whose bit in {@code byteMask} is set (one bit per lane). */
    public void write(UInt addr, D data, UInt byteMask) {
        if (lanes.size() == 1 && type.width() % 8 != 0) {
            b.usage("a " + type.width() + "-bit word has no byte lanes, so it cannot take a byte mask",
                    "use words of a multiple of 8 bits, or write whole words");
            return;
        }
        if (byteMask.width() != lanes.size()) {
            b.usage("a byte mask of " + byteMask.width() + " bits for a word of " + lanes.size() + " bytes",
                    "give one mask bit per byte (" + lanes.size() + " bits)");
            return;
        }
        UInt bits = data.asUInt();
        for (int k = 0; k < lanes.size(); k++) {
            Mem lane = lanes.get(k);
            UInt part = lane(bits, k);
            WhenChain.start(b, byteMask.bit(k), () -> lane.write(addr, part));
        }
    }

    private UInt lane(UInt bits, int k) {
        return lanes.size() == 1 ? bits : bits.slice(8 * k + 7, 8 * k);
    }
}
