package sohu.core.isa;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A program: the instructions in the order the sequencer fetches them (it hands each to its
 * queue). In HBM a program is 16 bytes per instruction, little-endian (bits 0..7 first).
 *
 * @param instructions the instructions
 */
public record Program(List<Instruction> instructions) {
    /** Bytes of one encoded instruction. */
    public static final int BYTES = 16;

    /** Copies the list. */
    public Program {
        instructions = List.copyOf(instructions);
    }

    /** Number of instructions. */
    public int size() {
        return instructions.size();
    }

    /** The binary image. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(instructions.size() * BYTES);
        for (Instruction i : instructions) {
            Bits128 b = i.encode();
            writeLong(out, b.lo());
            writeLong(out, b.hi());
        }
        return out.toByteArray();
    }

    /** Decodes a binary image (its length a multiple of 16 bytes). */
    public static Program decode(byte[] image) {
        if (image.length % BYTES != 0) {
            throw new IllegalArgumentException("a program is a multiple of " + BYTES + " bytes, got " + image.length);
        }
        List<Instruction> list = new ArrayList<>();
        for (int i = 0; i < image.length / BYTES; i++) {
            list.add(Instruction.decode(new Bits128(readLong(image, i * BYTES), readLong(image, i * BYTES + 8)), i));
        }
        return new Program(list);
    }

    /** The assembler listing: one line per instruction, its index and its hex encoding first. */
    public String dump() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < instructions.size(); i++) {
            Instruction in = instructions.get(i);
            sb.append(String.format("%6d  %s  %s%n", i, in.encode().hex(), in.text()));
        }
        return sb.toString();
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)) & 0xFF);
        }
    }

    private static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (b[off + i] & 0xFFL) << (8 * i);
        }
        return v;
    }
}
