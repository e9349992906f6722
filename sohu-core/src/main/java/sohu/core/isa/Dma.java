package sohu.core.isa;

/**
 * A DMA transfer between HBM and an on-chip memory: {@code rows} rows of {@code elems} elements of
 * {@code space}; row {@code r} is at HBM byte {@code hbm + r·hbmStride} and at element
 * {@code sram + r·sramStride} of {@code space}. A LOAD copies HBM to the memory, a STORE the memory
 * to HBM, byte for byte (elements in HBM are little-endian, {@link Space#elementBytes} each). KV
 * append and gather are stores and loads at the addresses of a sequence's KV blocks.
 *
 * <p>Encoding: [9:8] space, [31:12] sram, [63:32] hbm, [75:64] rows, [91:76] elems,
 * [111:92] hbmStride (bytes), [127:112] sramStride (elements).
 *
 * @param store      STORE (true) or LOAD (false)
 * @param space      the on-chip memory
 * @param sram       first element in {@code space}
 * @param hbm        first HBM byte
 * @param rows       rows, 1..4095
 * @param elems      elements per row, 1..65535
 * @param hbmStride  bytes between HBM rows
 * @param sramStride elements between on-chip rows
 * @param deps       tokens
 */
public record Dma(boolean store, Space space, int sram, long hbm, int rows, int elems, int hbmStride,
                  int sramStride, Deps deps) implements Instruction {
    /** Checks the fields by encoding them. */
    public Dma {
        if (rows < 1 || elems < 1) {
            throw new IllegalArgumentException((store ? "STORE" : "LOAD") + " needs rows and elems >= 1, got rows "
                    + rows + " elems " + elems);
        }
        deps.check(store ? IssueQueue.STORE : IssueQueue.LOAD, store ? "STORE" : "LOAD");
        fields(new Bits128(), space, sram, hbm, rows, elems, hbmStride, sramStride);
    }

    private static void fields(Bits128 b, Space space, int sram, long hbm, int rows, int elems, int hbmStride,
                               int sramStride) {
        b.put("space", 8, 2, space.ordinal()).put("sram", 12, 20, sram).put("hbm", 32, 32, hbm)
                .put("rows", 64, 12, rows).put("elems", 76, 16, elems).put("hbmStride", 92, 20, hbmStride)
                .put("sramStride", 112, 16, sramStride);
    }

    @Override
    public Opcode opcode() {
        return store ? Opcode.STORE : Opcode.LOAD;
    }

    @Override
    public IssueQueue queue() {
        return store ? IssueQueue.STORE : IssueQueue.LOAD;
    }

    @Override
    public Dma withDeps(Deps d) {
        return new Dma(store, space, sram, hbm, rows, elems, hbmStride, sramStride, d);
    }

    @Override
    public Bits128 encode() {
        Bits128 b = Instruction.header(opcode(), deps);
        fields(b, space, sram, hbm, rows, elems, hbmStride, sramStride);
        return b;
    }

    static Dma decode(Bits128 b, Deps d, Opcode op) {
        return new Dma(op == Opcode.STORE, Space.values()[(int) b.get(8, 2)], (int) b.get(12, 20), b.get(32, 32),
                (int) b.get(64, 12), (int) b.get(76, 16), (int) b.get(92, 20), (int) b.get(112, 16), d);
    }

    @Override
    public String body() {
        String s = space.tag() + "[" + sram + "+" + sramStride + "r]";
        String h = "hbm[0x" + Long.toHexString(hbm) + "+" + hbmStride + "r]";
        return (store ? "STORE  " + h + " <- " + s : "LOAD   " + s + " <- " + h) + " rows=" + rows + " elems=" + elems;
    }
}
