package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.core.model.Checkpoint;
import sohu.core.model.ModelSpec;
import sohu.core.model.RandomLlama;

/** {@code sohu model init}: the folder it writes, byte for byte the same each time, and its option errors. */
class ModelCommandTest {
    @TempDir
    Path tmp;

    @Test
    void initWritesTheTinyRandomLlamaByDefault() {
        Path out = tmp.resolve("m");
        CliRun r = CliRun.of("model", "init", "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("wrote " + out.resolve("config.json") + " and " + out.resolve("model.safetensors")
                + ": a random Llama (seed 1), 2 layers, hidden 64, vocabulary 512, 158016 parameters in F32"), r::toString);
        // 512x64 embedding and head, 64 final norm, per layer 2x64 norms + 64x64 q, o + 2 x 32x64 k, v + 3 x 176x64 MLP.
        assertEquals(2 * 512 * 64 + 64 + 2 * (2 * 64 + 2 * 64 * 64 + 2 * 32 * 64 + 3 * 176 * 64), 158016);
        Checkpoint c = Checkpoint.load(out);
        assertEquals(ModelSpec.tiny(), c.spec());
        assertEquals(RandomLlama.generate(ModelSpec.tiny(), 1), c);
    }

    @Test
    void theSameOptionsGiveTheSameBytes() throws IOException {
        List<String> opts = List.of("--layers", "1", "--hidden", "32", "--heads", "2", "--kv-heads", "1", "--head-dim", "8",
                "--intermediate", "48", "--vocab", "100", "--tie-word-embeddings", "--dtype", "BF16", "--seed", "9");
        for (String d : new String[] {"a", "b"}) {
            List<String> args = new java.util.ArrayList<>(List.of("model", "init", "--out", tmp.resolve(d).toString()));
            args.addAll(opts);
            CliRun r = CliRun.of(args.toArray(new String[0]));
            assertEquals(0, r.code(), r::toString);
        }
        for (String f : new String[] {"config.json", "model.safetensors"}) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
        }
        Checkpoint c = Checkpoint.load(tmp.resolve("a"));
        assertEquals(new ModelSpec(32, 48, 2, 1, 8, 1, 1e-5, 10000, 100, true), c.spec());
        assertFalse(c.tensors().containsKey("lm_head.weight"));
        String header = new String(Files.readAllBytes(tmp.resolve("a/model.safetensors")), 8, 200, StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("\"dtype\":\"BF16\"") && !header.contains("F32"), header);
        assertEquals(0, CliRun.of("model", "init", "--out", tmp.resolve("c").toString(), "--seed", "2").code());
        assertFalse(Checkpoint.load(tmp.resolve("c")).equals(Checkpoint.load(tmp.resolve("a"))));
    }

    @Test
    void badOptionsAreOneLineNamingTheOption() throws IOException {
        Path out = tmp.resolve("m");
        Map<List<String>, String> cases = Map.of(
                List.of("--kv-heads", "3"), "sohu: --heads 4 must be a multiple of --kv-heads 3",
                List.of("--head-dim", "15"), "sohu: --head-dim 15 must be even (RoPE rotates pairs of halves)",
                List.of("--layers", "0"), "sohu: --layers must be a positive integer, got 0",
                List.of("--rope-theta", "-1"), "sohu: --rms-norm-eps and --rope-theta must be positive numbers, got 1.0E-5 and -1.0",
                List.of("--dtype", "i8"), "sohu: invalid value for option '--dtype': expected one of [F32, BF16, F16] "
                        + "(case-insensitive) but was 'i8'");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            List<String> args = new java.util.ArrayList<>(List.of("model", "init", "--out", out.toString()));
            args.addAll(c.getKey());
            CliRun r = CliRun.of(args.toArray(new String[0]));
            assertEquals(Main.EXIT_USAGE, r.code(), r::toString);
            assertEquals(c.getValue(), r.firstErrLine(), r::toString);
            assertFalse(Files.exists(out), "nothing written for " + c.getKey());
        }
        Files.writeString(out, "a file");
        CliRun r = CliRun.of("model", "init", "--out", out.toString());
        assertEquals(Main.EXIT_FAILURE, r.code(), r::toString);
        assertEquals("sohu: cannot write into " + out + ": it exists and is not a folder", r.firstErrLine());
        CliRun bare = CliRun.of("model");
        assertEquals(Main.EXIT_USAGE, bare.code(), bare::toString);
        assertEquals("sohu: missing command; choose one of: init", bare.firstErrLine());
    }
}
