package sohu.core.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import sohu.core.fp.FpConvert;
import sohu.core.fp.FpFormat;
import sohu.core.fp.Saturation;

/**
 * The Hugging Face safetensors format: an 8-byte little-endian header length N, N bytes of JSON
 * ({@code {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__":
 * {..}}}, padded with spaces), then the tensors' raw little-endian bytes, offsets counted from the
 * end of the header. Reads F32, BF16 and F16 (widened to FP32 exactly); writes F32, BF16 or F16
 * (rounded to nearest even). Every problem is one {@link CheckpointException} line naming the file
 * and, where there is one, the tensor.
 */
public final class Safetensors {
    /** Header key of the free-form string metadata. */
    public static final String METADATA = "__metadata__";
    /** Largest header accepted (the reference implementation's limit). */
    static final long MAX_HEADER = 100_000_000;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Safetensors() {
    }

    /** One entry of a header: where a tensor's bytes are. */
    private record Entry(String name, DType dtype, int[] shape, long begin, long end) { }

    /** Reads every tensor of {@code file}, by name in the file's header order. */
    public static Map<String, Tensor> read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new CheckpointException(file, "only " + size + " bytes, too short for a safetensors file"
                        + " (it starts with an 8-byte header length)");
            }
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0, file);
            long n = len.getLong(0);
            if (n <= 0 || n > MAX_HEADER || n > size - 8) {
                throw new CheckpointException(file, "header length " + Long.toUnsignedString(n) + " does not fit a "
                        + size + "-byte file: not a safetensors file, or truncated");
            }
            ByteBuffer header = ByteBuffer.allocate((int) n);
            readFully(ch, header, 8, file);
            List<Entry> entries = parseHeader(file, new String(header.array(), StandardCharsets.UTF_8), size - 8 - n);
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Entry e : entries) {
                out.put(e.name, readTensor(ch, 8 + n, e, file));
            }
            return out;
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + ioReason(e));
        }
    }

    private static List<Entry> parseHeader(Path file, String text, long dataBytes) {
        JsonNode root;
        try {
            root = JSON.readTree(text.stripTrailing());
        } catch (JsonProcessingException e) {
            throw new CheckpointException(file, "header is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (header line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")" : ""));
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(file, "header is not a JSON object");
        }
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getKey().equals(METADATA)) {
                entries.add(entry(file, f.getKey(), f.getValue()));
            }
        }
        checkLayout(file, entries, dataBytes);
        return entries;
    }

    private static Entry entry(Path file, String name, JsonNode node) {
        String where = "tensor " + name + ": ";
        if (!node.isObject()) {
            throw new CheckpointException(file, where + "header entry is not an object");
        }
        JsonNode dt = node.get("dtype");
        if (dt == null || !dt.isTextual()) {
            throw new CheckpointException(file, where + "\"dtype\" is missing or not a string");
        }
        DType dtype = DType.ofHeaderName(dt.asText());
        if (dtype == null) {
            throw new CheckpointException(file, where + "dtype " + dt.asText()
                    + " is not supported (F32, BF16 and F16 are)");
        }
        JsonNode sh = node.get("shape");
        if (sh == null || !sh.isArray()) {
            throw new CheckpointException(file, where + "\"shape\" is missing or not an array");
        }
        int[] shape = new int[sh.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = sh.get(i);
            if (!d.canConvertToExactIntegral() || !d.canConvertToInt() || d.asInt() < 0) {
                throw new CheckpointException(file, where + "shape " + sh + " is not a list of non-negative integers");
            }
            shape[i] = d.asInt();
        }
        JsonNode off = node.get("data_offsets");
        if (off == null || !off.isArray() || off.size() != 2 || !off.get(0).canConvertToExactIntegral()
                || !off.get(1).canConvertToExactIntegral() || !off.get(0).canConvertToLong()
                || !off.get(1).canConvertToLong()) {
            throw new CheckpointException(file, where + "\"data_offsets\" must be [begin, end]");
        }
        long begin = off.get(0).asLong();
        long end = off.get(1).asLong();
        long elements;
        try {
            elements = Tensor.elements(shape);
        } catch (ArithmeticException overflow) {
            elements = Long.MAX_VALUE;
        }
        if (elements > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(file, where + "shape " + sh + " is too large for this reader");
        }
        if (begin < 0 || end < begin || end - begin != elements * dtype.bytes()) {
            throw new CheckpointException(file, where + "data_offsets " + off + " span " + (end - begin)
                    + " bytes but shape " + sh + " of " + dtype.name() + " needs " + elements * dtype.bytes());
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    /** The tensors must tile the data area exactly: no overlap, no hole, nothing past the end. */
    private static void checkLayout(Path file, List<Entry> entries, long dataBytes) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long at = 0;
        for (Entry e : sorted) {
            if (e.begin != at) {
                throw new CheckpointException(file, "tensor " + e.name + ": data_offsets [" + e.begin + ", " + e.end
                        + "] " + (e.begin < at ? "overlap the previous tensor" : "leave a hole after byte " + at));
            }
            at = e.end;
        }
        if (at != dataBytes) {
            throw new CheckpointException(file, "the tensors cover " + at + " data bytes but the file holds "
                    + dataBytes + (at > dataBytes ? " (truncated?)" : " (trailing bytes)"));
        }
    }

    /** Bytes read at a time, so a tensor of any size needs no buffer of its size. */
    private static final int CHUNK = 1 << 24;

    private static Tensor readTensor(FileChannel ch, long base, Entry e, Path file) throws IOException {
        float[] data = new float[Math.toIntExact(Tensor.elements(e.shape))];
        int per = CHUNK / e.dtype.bytes();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, (long) data.length * e.dtype.bytes())).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at < data.length; at += per) {
            int n = Math.min(per, data.length - at);
            buf.clear().limit(n * e.dtype.bytes());
            readFully(ch, buf, base + e.begin + (long) at * e.dtype.bytes(), file);
            buf.flip();
            for (int i = at; i < at + n; i++) {
                data[i] = switch (e.dtype) {
                    case F32 -> buf.getFloat();
                    case BF16 -> Float.intBitsToFloat((buf.getShort() & 0xFFFF) << 16);
                    case F16 -> FpConvert.widen(FpFormat.FP16, buf.getShort() & 0xFFFF);
                };
            }
        }
        return new Tensor(e.shape, data);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position, Path file) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int got = ch.read(buf, at);
            if (got < 0) {
                throw new CheckpointException(file, "truncated: ends at byte " + at);
            }
            at += got;
        }
    }

    /**
     * Writes {@code tensors} in {@code dtype}, sorted by name, with {@code metadata}; the same
     * input gives the same bytes. The file appears whole or not at all (written beside, then
     * renamed).
     */
    public static void write(Path file, Map<String, Tensor> tensors, DType dtype, Map<String, String> metadata)
            throws IOException {
        Map<String, Tensor> sorted = new TreeMap<>(tensors);
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA);
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long at = 0;
        for (Map.Entry<String, Tensor> t : sorted.entrySet()) {
            ObjectNode e = header.putObject(t.getKey());
            e.put("dtype", dtype.name());
            ArrayNode shape = e.putArray("shape");
            for (int d : t.getValue().shape()) {
                shape.add(d);
            }
            long bytes = (long) t.getValue().data().length * dtype.bytes();
            e.putArray("data_offsets").add(at).add(at + bytes);
            at += bytes;
        }
        byte[] json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8; // keeps the data 8-byte aligned, as the reference writer does
        AtomicFile.write(file, out -> {
            ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(padded).put(json);
            while (head.hasRemaining()) {
                head.put((byte) ' ');
            }
            out.write(head.array());
            for (Tensor t : sorted.values()) {
                float[] d = t.data();
                for (int from = 0; from < d.length; from += CHUNK / dtype.bytes()) {
                    out.write(encode(d, from, Math.min(CHUNK / dtype.bytes(), d.length - from), dtype));
                }
            }
        });
    }

    private static byte[] encode(float[] data, int from, int count, DType dtype) {
        ByteBuffer buf = ByteBuffer.allocate(count * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = from; i < from + count; i++) {
            float v = data[i];
            switch (dtype) {
                case F32 -> buf.putFloat(v);
                case BF16 -> buf.putShort((short) FpConvert.narrow(v, FpFormat.BF16, Saturation.NON_SATURATING));
                case F16 -> buf.putShort((short) FpConvert.narrow(v, FpFormat.FP16, Saturation.NON_SATURATING));
            }
        }
        return buf.array();
    }

    private static String ioReason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
