package sohu.core.array;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;
import static sohu.hdl.Types.Vec;

import sohu.hdl.Bool;
import sohu.hdl.InstanceHandle;
import sohu.hdl.Module;
import sohu.hdl.UInt;
import sohu.hdl.Vec;

/**
 * The owner's side of a memory's element port (the contract shared by the SohuCore's blocks): a
 * bank-parallel port through which a requester (the DMA, the vector unit) reaches single elements
 * of the memory {@code s} with {@code B} banks:
 * <ul>
 *   <li>{@code mp_<s>_we}, {@code mp_<s>_re} (in, {@code UInt(B)}): bit b writes or reads bank b this
 *       cycle (never both for one bank);</li>
 *   <li>{@code mp_<s>_addr_<b>} (in, word address width of the memory), {@code mp_<s>_wdata_<b>}
 *       (in, element width);</li>
 *   <li>{@code mp_<s>_ready} (out): low, this cycle's request (all its banks) is ignored and the
 *       requester holds it; it never depends combinationally on an {@code mp_<s>_*} input;</li>
 *   <li>{@code mp_<s>_rdata_<b>} (out): the element of bank b's taken read of the previous cycle.</li>
 * </ul>
 *
 * @param space   the memory's name in the port names ({@code act}, {@code wgt}, {@code acc}, {@code vmem})
 * @param we      write bits, one per bank
 * @param re      read bits, one per bank
 * @param addr    word address per bank
 * @param wdata   element written per bank
 * @param rdata   element read per bank (driven by the owner)
 * @param ready   the owner takes this cycle's request (driven by the owner)
 */
public record ElementPort(String space, UInt we, UInt re, Vec<UInt> addr, Vec<UInt> wdata, Vec<UInt> rdata, Bool ready) {

    /** Declares the ports of memory {@code space} on module {@code m} (called from its constructor). */
    public static ElementPort declare(Module m, String space, int banks, int addrBits, int elementBits) {
        String p = prefix(space);
        return new ElementPort(space,
                m.input(p + "we", UInt(banks)),
                m.input(p + "re", UInt(banks)),
                m.input(p + "addr", Vec(UInt(addrBits), banks)),
                m.input(p + "wdata", Vec(UInt(elementBits), banks)),
                m.output(p + "rdata", Vec(UInt(elementBits), banks)),
                m.output(p + "ready", Bool()));
    }

    /** Banks of the port. */
    public int banks() {
        return addr.size();
    }

    /** Bank {@code b} writes this cycle (before the owner's {@code ready}). */
    public Bool we(int b) {
        return we.bit(b);
    }

    /** Bank {@code b} reads this cycle (before the owner's {@code ready}). */
    public Bool re(int b) {
        return re.bit(b);
    }

    /**
     * Drives the element port {@code space} of instance {@code inst} idle from {@code parent} (no
     * request ever), for a parent that does not use that memory's element port.
     */
    public static void tieOff(Module parent, InstanceHandle<?> inst, String space, int banks) {
        String p = prefix(space);
        inst.uint(p + "we").set(parent.uint(0, banks));
        inst.uint(p + "re").set(parent.uint(0, banks));
        for (int b = 0; b < banks; b++) {
            UInt a = inst.uint(p + "addr_" + b);
            a.set(parent.uint(0, a.width()));
            UInt d = inst.uint(p + "wdata_" + b);
            d.set(parent.uint(0, d.width()));
        }
    }

    private static String prefix(String space) {
        return "mp_" + space + "_";
    }
}
