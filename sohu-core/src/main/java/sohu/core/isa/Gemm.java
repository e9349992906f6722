package sohu.core.isa;

import sohu.core.array.GemmCommand;

/**
 * One matrix-engine command, {@code C = A·W (+ C)}, exactly a {@link GemmCommand} (the engine's
 * command port takes it unchanged; sizes and strides are narrower here so it fits 128 bits).
 *
 * <p>Encoding: [8] accumulate, [21:10] m, [33:22] k, [45:34] n, [61:46] aBase, [77:62] wBase,
 * [93:78] cBase, [104:94] aStride, [115:105] wStride, [126:116] cStride.
 *
 * @param cmd  the engine command (m, k, n at most 4095, strides at most 2047)
 * @param deps tokens
 */
public record Gemm(GemmCommand cmd, Deps deps) implements Instruction {
    /** Checks the narrower fields by encoding them. */
    public Gemm {
        deps.check(IssueQueue.COMPUTE, "GEMM");
        fields(new Bits128(), cmd);
    }

    private static void fields(Bits128 b, GemmCommand c) {
        b.put("accumulate", 8, c.accumulate()).put("m", 10, 12, c.m()).put("k", 22, 12, c.k()).put("n", 34, 12, c.n())
                .put("aBase", 46, 16, c.aBase()).put("wBase", 62, 16, c.wBase()).put("cBase", 78, 16, c.cBase())
                .put("aStride", 94, 11, c.aStride()).put("wStride", 105, 11, c.wStride())
                .put("cStride", 116, 11, c.cStride());
    }

    @Override
    public Opcode opcode() {
        return Opcode.GEMM;
    }

    @Override
    public IssueQueue queue() {
        return IssueQueue.COMPUTE;
    }

    @Override
    public Gemm withDeps(Deps d) {
        return new Gemm(cmd, d);
    }

    @Override
    public Bits128 encode() {
        Bits128 b = Instruction.header(Opcode.GEMM, deps);
        fields(b, cmd);
        return b;
    }

    static Gemm decode(Bits128 b, Deps d) {
        return new Gemm(new GemmCommand((int) b.get(10, 12), (int) b.get(22, 12), (int) b.get(34, 12),
                (int) b.get(46, 16), (int) b.get(94, 11), (int) b.get(62, 16), (int) b.get(105, 11),
                (int) b.get(78, 16), (int) b.get(116, 11), b.bit(8)), d);
    }

    @Override
    public String body() {
        GemmCommand c = cmd;
        return "GEMM   acc[" + c.cBase() + "+" + c.cStride() + "m] " + (c.accumulate() ? "+= " : "= ")
                + "act[" + c.aBase() + "+" + c.aStride() + "m] * wgt[" + c.wBase() + "+" + c.wStride() + "k]"
                + " m=" + c.m() + " k=" + c.k() + " n=" + c.n();
    }
}
