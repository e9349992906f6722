package sohu.core.isa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sohu.core.array.GemmCommand;
import sohu.core.xformer.RowReduce;
import sohu.core.xformer.VectorOp;

/** Every instruction kind survives encode → decode with random in-range fields; bad fields are named. */
class IsaEncodingTest {
    private static int u(Random r, int bits) {
        return r.nextInt(1 << bits);
    }

    private static Deps deps(Random r, IssueQueue q) {
        return new Deps(q.prev() != null && r.nextBoolean(), q.next() != null && r.nextBoolean(),
                q.prev() != null && r.nextBoolean(), q.next() != null && r.nextBoolean());
    }

    static Instruction random(Random r) {
        switch (r.nextInt(7)) {
            case 0: {
                IssueQueue q = IssueQueue.values()[r.nextInt(3)];
                return new Sync(q, deps(r, q));
            }
            case 1:
            case 2: {
                boolean store = r.nextBoolean();
                return new Dma(store, Space.values()[r.nextInt(4)], u(r, 20), r.nextLong() >>> 32, 1 + u(r, 12) % 4095,
                        1 + u(r, 16) % 65535, u(r, 20), u(r, 16), deps(r, store ? IssueQueue.STORE : IssueQueue.LOAD));
            }
            case 3:
                return new Gemm(new GemmCommand(u(r, 12), u(r, 12), u(r, 12), u(r, 16), u(r, 11), u(r, 16), u(r, 11),
                        u(r, 16), u(r, 11), r.nextBoolean()), deps(r, IssueQueue.COMPUTE));
            case 4: {
                int red = r.nextInt(4);
                return new Vector(VectorOp.values()[r.nextInt(VectorOp.values().length)],
                        red == 0 ? null : RowReduce.Kind.values()[red - 1], r.nextBoolean(), r.nextBoolean(), u(r, 12),
                        u(r, 12), u(r, 12), u(r, 12), u(r, 2), u(r, 2), u(r, 2), u(r, 2), 1 + u(r, 13) % 8191, u(r, 8),
                        u(r, 8), u(r, 8), u(r, 8), r.nextInt(2048) - 1024, deps(r, IssueQueue.COMPUTE));
            }
            case 5:
                return new Move(u(r, 16), u(r, 12), 1 + u(r, 12) % 4095, 1 + u(r, 12) % 4095, u(r, 16), u(r, 12),
                        deps(r, IssueQueue.COMPUTE));
            default:
                return new Scalar(ScalarFn.values()[r.nextInt(ScalarFn.values().length)], u(r, 8), u(r, 8), u(r, 8),
                        u(r, 8), u(r, 8), u(r, 8), u(r, 8), r.nextInt(), deps(r, IssueQueue.COMPUTE));
        }
    }

    @Test
    void randomInstructionsRoundTrip() {
        Random r = new Random(7);
        for (int i = 0; i < 20000; i++) {
            Instruction in = random(r);
            Bits128 b = in.encode();
            assertEquals(in, Instruction.decode(new Bits128(b.lo(), b.hi()), i), in.text());
        }
    }

    @Test
    void programBinaryRoundTripsAndDumpsOneLineEach() {
        Random r = new Random(11);
        List<Instruction> list = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            list.add(random(r));
        }
        Program p = new Program(list);
        byte[] bin = p.encode();
        assertEquals(500 * Program.BYTES, bin.length);
        Program back = Program.decode(bin);
        assertEquals(p, back);
        assertArrayEquals(bin, back.encode());
        String[] lines = p.dump().split("\n");
        assertEquals(500, lines.length);
        assertTrue(lines[0].contains(list.get(0).encode().hex()));
    }

    @Test
    void theOpcodeAndFlagsAreTheLowByte() {
        Instruction g = new Gemm(new GemmCommand(1, 1, 1, 0, 1, 0, 1, 0, 1, false), new Deps(true, false, false, true));
        long lo = g.encode().lo();
        assertEquals(Opcode.GEMM.ordinal(), lo & 0xF);
        assertEquals(0b1001, (lo >>> 4) & 0xF);
    }

    @Test
    void fieldsThatDoNotFitAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Gemm(new GemmCommand(4096, 1, 1, 0, 1, 0, 1, 0, 1, false), Deps.NONE));
        assertTrue(e.getMessage().startsWith("m = 4096 does not fit its 12-bit field"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Vector.of(VectorOp.ADD_ROW, 4096, 0, 0, 0, 8, false, 0, 0, 0));
        assertTrue(e.getMessage().startsWith("srcA = 4096"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Vector(VectorOp.ADD_ROW, null, false, true, 0, 0, 0, 0, 1, 1, 1, 1, 8, 0, 0, 0, 0, 1024, Deps.NONE));
        assertTrue(e.getMessage().contains("diag = 1024 does not fit its signed 11-bit field"), e.getMessage());
    }

    @Test
    void flagsTowardsMissingQueuesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sync(IssueQueue.LOAD, new Deps(true, false, false, false)));
        assertTrue(e.getMessage().contains("load queue has no previous queue"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Dma(true, Space.ACT, 0, 0, 1, 1, 0, 0, new Deps(false, false, false, true)));
    }

    @Test
    void unknownCodesAreErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Instruction.decode(new Bits128(0xF, 0), 3));
        assertEquals("instruction 3: unknown opcode 15", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Program.decode(new byte[15]));
    }
}
