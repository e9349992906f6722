package sohu.core.soc.rtl;

import java.util.List;
import sohu.core.compile.CoreConfig;
import sohu.core.isa.Space;

/**
 * The shape of one on-chip memory behind its element port ({@code mp_<s>_we}, {@code _re},
 * {@code _addr_<b>}, {@code _wdata_<b>} in; {@code _ready}, {@code _rdata_<b>} out, at the
 * memory's owner; see {@link CoreSram}), seen from a bus of {@code busBytes} bytes per word:
 * {@code banks} banks of {@code 2^addrBits} words, one element of {@code elementBytes} bytes per
 * bank and word; element {@code e} is bank {@code e mod banks}, word {@code e div banks}.
 *
 * @param space        the memory
 * @param banks        banks (elements per word line), a power of two
 * @param elementBytes bytes of an element (1, 2 or 4)
 * @param addrBits     word address bits of a bank
 */
public record ElementSpace(Space space, int banks, int elementBytes, int addrBits) {
    /** The four memories of a core, in {@link Space} order. */
    public static List<ElementSpace> of(CoreConfig c) {
        return List.of(
                new ElementSpace(Space.ACT, c.rows(), Space.ACT.elementBytes(c.format()), log2(c.aDepth())),
                new ElementSpace(Space.WGT, c.cols(), Space.WGT.elementBytes(c.format()), log2(c.wDepth())),
                new ElementSpace(Space.ACC, c.cols(), 4, log2(c.cDepth())),
                new ElementSpace(Space.VMEM, c.lanes(), 4, log2(c.vDepth())));
    }

    /** The port prefix, e.g. {@code mp_act}. */
    public String prefix() {
        return "mp_" + space.tag();
    }

    /** Bits of an element. */
    public int elementBits() {
        return 8 * elementBytes;
    }

    /** Elements of the memory. */
    public long elements() {
        return (long) banks << addrBits;
    }

    /** Bytes of the memory. */
    public long bytes() {
        return elements() * elementBytes;
    }

    /** Elements in one bus word. */
    public int perBusWord(int busBytes) {
        return busBytes / elementBytes;
    }

    /** Cycles one bus word takes: the word lines it covers (1 when it fits in one). */
    public int linesPerBusWord(int busBytes) {
        return Math.max(1, perBusWord(busBytes) / banks);
    }

    /** Bus words per word line (1 when a bus word covers one or more lines). */
    public int busWordsPerLine(int busBytes) {
        return Math.max(1, banks / perBusWord(busBytes));
    }

    private static int log2(int n) {
        return Integer.numberOfTrailingZeros(n);
    }
}
