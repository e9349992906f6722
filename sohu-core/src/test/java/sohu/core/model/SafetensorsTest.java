package sohu.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors layout built byte by byte here, read and written. */
class SafetensorsTest {
    @TempDir
    Path dir;

    /** A file laid out by hand: 8-byte LE length, the header text, the data. */
    private Path raw(String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Path p = dir.resolve("m.safetensors");
        Files.write(p, b.array());
        return p;
    }

    private static byte[] shortsLe(int... v) {
        ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        Arrays.stream(v).forEach(x -> b.putShort((short) x));
        return b.array();
    }

    /** binary16 by its definition: (-1)^s 2^(e-15) (1 + m/1024), subnormals 2^-14 (m/1024). */
    private static float f16(int bits) {
        int s = bits >> 15;
        int e = (bits >> 10) & 31;
        int m = bits & 1023;
        double mag = e == 0 ? Math.scalb(m / 1024.0, -14) : Math.scalb(1 + m / 1024.0, e - 15);
        return (float) (s == 1 ? -mag : mag);
    }

    @Test
    void readsF16AndBf16ByTheirDefinitions() throws IOException {
        int[] half = {0x3C00, 0xC000, 0x7BFF, 0x0001, 0x8000, 0x3555};
        int[] bf = {0x3F80, 0xC0A0, 0x4049, 0x0001};
        byte[] data = new byte[2 * (half.length + bf.length)];
        System.arraycopy(shortsLe(half), 0, data, 0, 2 * half.length);
        System.arraycopy(shortsLe(bf), 0, data, 2 * half.length, 2 * bf.length);
        Path p = raw("{\"__metadata__\":{\"format\":\"pt\"},\"h\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[0,12]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[4],\"data_offsets\":[12,20]}}  ", data);
        Map<String, Tensor> t = Safetensors.read(p);
        assertEquals(List.of("h", "b"), List.copyOf(t.keySet()));
        assertArrayEquals(new int[] {2, 3}, t.get("h").shape());
        float[] h = t.get("h").data();
        for (int i = 0; i < half.length; i++) {
            assertEquals(Float.floatToRawIntBits(f16(half[i])), Float.floatToRawIntBits(h[i]), "F16 " + half[i]);
        }
        assertArrayEquals(new float[] {1f, 65504f, 0x1p-24f, -0f}, new float[] {h[0], h[2], h[3], h[4]});
        assertArrayEquals(new float[] {1f, -5f, 3.140625f, Float.intBitsToFloat(0x00010000)}, t.get("b").data());
    }

    @Test
    void writesTheLayoutByteForByte() throws IOException {
        Path p = dir.resolve("w.safetensors");
        Safetensors.write(p, Map.of("a", new Tensor(new int[] {2}, new float[] {1f, -2f})), DType.F32, Map.of("format", "pt"));
        String header = "{\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        String padded = header + " ".repeat((8 - header.length() % 8) % 8);
        ByteBuffer want = ByteBuffer.allocate(8 + padded.length() + 8).order(ByteOrder.LITTLE_ENDIAN);
        want.putLong(padded.length()).put(padded.getBytes(StandardCharsets.US_ASCII)).putInt(0x3F800000).putInt(0xC0000000);
        assertArrayEquals(want.array(), Files.readAllBytes(p));
    }

    @Test
    void bf16WritingRoundsToNearestEven() throws IOException {
        // 1 + 2^-8 is halfway between 1 and 1 + 2^-7: ties to the even 1. 1 + 2^-8 + 2^-9 rounds up.
        float[] in = {1f + 0x1p-8f, 1f + 0x1p-8f + 0x1p-9f, 1f + 3 * 0x1p-8f, -0f};
        float[] want = {1f, 1f + 0x1p-7f, 1f + 0x1p-6f, -0f};
        Path p = dir.resolve("r.safetensors");
        Safetensors.write(p, Map.of("x", new Tensor(new int[] {4}, in)), DType.BF16, Map.of());
        assertArrayEquals(want, Safetensors.read(p).get("x").data());
    }

    @Test
    void f32RoundTripsEveryBitAndSortsTheNames() throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("z", new Tensor(new int[] {1, 3}, new float[] {Float.MIN_VALUE, -Float.MAX_VALUE, 0.1f}));
        t.put("a", new Tensor(new int[] {0}, new float[0]));
        t.put("m", new Tensor(new int[] {}, new float[] {42f}));
        float[] big = new float[5_000_003]; // 20 MB: read and written in more than one piece
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.5f - 7;
        }
        t.put("big", new Tensor(new int[] {big.length}, big));
        Path p = dir.resolve("f.safetensors");
        Safetensors.write(p, t, DType.F32, Map.of());
        Map<String, Tensor> back = Safetensors.read(p);
        assertEquals(List.of("a", "big", "m", "z"), List.copyOf(back.keySet()));
        assertEquals(t, back);
    }

    @Test
    void brokenFilesAreOneLineNamingTheFileAndTensor() throws IOException {
        String ok = "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        byte[] eight = new byte[8];
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(ok + "|7", "the tensors cover 8 data bytes but the file holds 7 (truncated?)");
        cases.put(ok + "|9", "the tensors cover 8 data bytes but the file holds 9 (trailing bytes)");
        cases.put(ok.replace("F32", "I8") + "|8", "tensor x: dtype I8 is not supported (F32, BF16 and F16 are)");
        cases.put(ok.replace("[2]", "[3]") + "|8", "tensor x: data_offsets [0,8] span 8 bytes but shape [3] of F32 needs 12");
        cases.put(ok.replace("[2]", "[2.5]") + "|8", "tensor x: shape [2.5] is not a list of non-negative integers");
        cases.put("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"y\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[2,6]}}|8",
                "tensor y: data_offsets [2, 6] overlap the previous tensor");
        cases.put("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}|8",
                "tensor x: data_offsets [4, 8] leave a hole after byte 0");
        cases.put("[1, 2]|8", "header is not a JSON object");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String[] hd = c.getKey().split("\\|");
            Path p = raw(hd[0], new byte[Integer.parseInt(hd[1])]);
            CheckpointException e = assertThrows(CheckpointException.class, () -> Safetensors.read(p), c.getKey());
            assertEquals(p + ": " + c.getValue(), e.getMessage());
        }
        Path notJson = raw("{\"x\": ", eight);
        String m = assertThrows(CheckpointException.class, () -> Safetensors.read(notJson)).getMessage();
        assertTrue(m.startsWith(notJson + ": header is not valid JSON: ") && !m.contains("\n"), m);
    }

    @Test
    void aFileThatIsNoSafetensorsSaysSo() throws IOException {
        Path small = dir.resolve("small");
        Files.write(small, new byte[] {1, 2, 3});
        assertEquals(small + ": only 3 bytes, too short for a safetensors file (it starts with an 8-byte header length)",
                assertThrows(CheckpointException.class, () -> Safetensors.read(small)).getMessage());
        Path text = dir.resolve("text");
        Files.writeString(text, "this is a text file, not tensors");
        assertEquals(text + ": header length 2338328219631577204 does not fit a 32-byte file: not a safetensors file,"
                + " or truncated", assertThrows(CheckpointException.class, () -> Safetensors.read(text)).getMessage());
        Path none = dir.resolve("none");
        assertEquals(none + ": cannot read: no such file",
                assertThrows(CheckpointException.class, () -> Safetensors.read(none)).getMessage());
    }

    /** A file the reference implementation (Python safetensors 0.8.0, numpy) wrote: F32 and F16, laid out its way. */
    @Test
    void readsAFileWrittenByTheReferenceImplementation() throws Exception {
        Path p = Path.of(SafetensorsTest.class.getResource("python-safetensors.safetensors").toURI());
        Map<String, Tensor> t = Safetensors.read(p);
        assertEquals(Set.of("model.embed_tokens.weight", "model.norm.weight", "scalar"), t.keySet());
        assertEquals(new Tensor(new int[] {2, 3}, new float[] {1f, -2.5f, 0.333251953125f, 65504f, 0x1p-24f, -0f}),
                t.get("model.embed_tokens.weight"));
        assertEquals(new Tensor(new int[] {4}, new float[] {0.1f, -3f, 1e-3f, 7f}), t.get("model.norm.weight"));
        assertEquals(new Tensor(new int[] {}, new float[] {5f}), t.get("scalar"));
    }
}
