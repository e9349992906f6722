package sohu.core.isa;

/**
 * One 128-bit instruction of a {@link Program}. Bits 0..3 are the {@link Opcode}, bits 4..7 the
 * {@link Deps} flags; the rest depend on the opcode (docs/ISA.md has every field).
 */
public sealed interface Instruction permits Sync, Dma, Gemm, Vector, Move, Scalar {

    /** The instruction's dependency flags. */
    Deps deps();

    /** The same instruction with other flags. */
    Instruction withDeps(Deps d);

    /** The opcode. */
    Opcode opcode();

    /** The queue that runs it. */
    IssueQueue queue();

    /** The encoding. */
    Bits128 encode();

    /** Assembler text without the flags. */
    String body();

    /** One line of assembler text, flags included. */
    default String text() {
        return body() + deps().text(queue());
    }

    /** Starts an encoding: opcode and flags. */
    static Bits128 header(Opcode op, Deps d) {
        Bits128 b = new Bits128().put("opcode", 0, Opcode.BITS, op.ordinal());
        d.encode(b);
        return b;
    }

    /**
     * Decodes one word.
     *
     * @param index the instruction's position, for the error message
     */
    static Instruction decode(Bits128 b, int index) {
        Opcode op = Opcode.of(b.get(0, Opcode.BITS), index);
        Deps d = Deps.decode(b);
        Instruction i = switch (op) {
            case SYNC -> Sync.decode(b, d);
            case LOAD, STORE -> Dma.decode(b, d, op);
            case GEMM -> Gemm.decode(b, d);
            case VECTOR -> Vector.decode(b, d);
            case MOVE -> Move.decode(b, d);
            case SCALAR -> Scalar.decode(b, d);
        };
        d.check(i.queue(), "instruction " + index);
        return i;
    }
}
