package sohu.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model folders: the Hugging Face names and shapes, random models, and what a bad folder says. */
class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void theTensorsAreTheHuggingFaceLlamaNamesAndShapes() {
        Map<String, int[]> s = Checkpoint.shapes(ModelSpec.tiny());
        assertEquals(1 + 2 * 9 + 2, s.size());
        assertArrayEquals(new int[] {512, 64}, s.get("model.embed_tokens.weight"));
        assertArrayEquals(new int[] {64, 64}, s.get("model.layers.1.self_attn.q_proj.weight"));
        assertArrayEquals(new int[] {32, 64}, s.get("model.layers.0.self_attn.k_proj.weight"));
        assertArrayEquals(new int[] {32, 64}, s.get("model.layers.0.self_attn.v_proj.weight"));
        assertArrayEquals(new int[] {64, 64}, s.get("model.layers.0.self_attn.o_proj.weight"));
        assertArrayEquals(new int[] {176, 64}, s.get("model.layers.1.mlp.gate_proj.weight"));
        assertArrayEquals(new int[] {176, 64}, s.get("model.layers.1.mlp.up_proj.weight"));
        assertArrayEquals(new int[] {64, 176}, s.get("model.layers.1.mlp.down_proj.weight"));
        assertArrayEquals(new int[] {64}, s.get("model.layers.1.input_layernorm.weight"));
        assertArrayEquals(new int[] {64}, s.get("model.layers.1.post_attention_layernorm.weight"));
        assertArrayEquals(new int[] {64}, s.get("model.norm.weight"));
        assertArrayEquals(new int[] {512, 64}, s.get("lm_head.weight"));
        ModelSpec tied = new ModelSpec(64, 176, 4, 2, 16, 2, 1e-5, 1e4, 512, true);
        assertFalse(Checkpoint.shapes(tied).containsKey("lm_head.weight"));
    }

    @Test
    void randomModelsAreDeterministicAndScaledByFanIn() throws IOException {
        Checkpoint a = RandomLlama.generate(ModelSpec.tiny(), 7);
        assertEquals(a, RandomLlama.generate(ModelSpec.tiny(), 7));
        assertFalse(a.equals(RandomLlama.generate(ModelSpec.tiny(), 8)));
        a.save(dir.resolve("a"), DType.F32);
        RandomLlama.generate(ModelSpec.tiny(), 7).save(dir.resolve("b"), DType.F32);
        for (String f : new String[] {Checkpoint.CONFIG, Checkpoint.WEIGHTS}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
        }
        assertStd(a.tensor("model.layers.0.mlp.gate_proj.weight"), 0, 1 / Math.sqrt(64));
        assertStd(a.tensor("model.layers.0.mlp.down_proj.weight"), 0, 1 / Math.sqrt(176));
        assertStd(a.tensor("model.embed_tokens.weight"), 0, 1);
        assertStd(a.tensor("model.norm.weight"), 1, 0.1);
    }

    /** Sample mean within 4 standard errors, sample deviation within 15%. */
    private static void assertStd(Tensor t, double mean, double std) {
        float[] d = t.data();
        double m = 0;
        for (float v : d) {
            m += v;
        }
        m /= d.length;
        double var = 0;
        for (float v : d) {
            var += (v - m) * (v - m);
        }
        double s = Math.sqrt(var / (d.length - 1));
        assertTrue(Math.abs(m - mean) < 4 * std / Math.sqrt(d.length), t + " mean " + m);
        assertTrue(Math.abs(s / std - 1) < 0.15, t + " std " + s + " want " + std);
    }

    @Test
    void savedModelsLoadBackTheSameInF32AndBf16() throws IOException {
        Checkpoint c = RandomLlama.generate(ModelSpec.tiny(), 1);
        c.save(dir.resolve("f32"), DType.F32);
        c.save(dir.resolve("bf16"), DType.BF16);
        assertEquals(c, Checkpoint.load(dir.resolve("f32")));
        assertEquals(c, Checkpoint.load(dir.resolve("bf16"))); // the values are BF16 numbers already
    }

    @Test
    void tiedModelsUseTheEmbeddingAsTheHeadAndMayStoreItTwice() throws IOException {
        ModelSpec spec = new ModelSpec(32, 64, 2, 1, 16, 1, 1e-5, 1e4, 40, true);
        Checkpoint c = RandomLlama.generate(spec, 3);
        assertEquals(c.tensor("model.embed_tokens.weight"), c.tensor("lm_head.weight"));
        Map<String, Tensor> twice = new LinkedHashMap<>(c.tensors());
        twice.put("lm_head.weight", c.tensor("model.embed_tokens.weight"));
        assertEquals(c, Checkpoint.of(spec, twice, "f"));
        twice.put("lm_head.weight", Tensor.zeros(40, 32));
        assertEquals("f: tensor lm_head.weight differs from model.embed_tokens.weight but config.json has "
                + "tie_word_embeddings true", assertThrows(CheckpointException.class, () -> Checkpoint.of(spec, twice, "f"))
                .getMessage());
    }

    @Test
    void badFoldersGetOneLineNamingTheFileAndTensor() throws IOException {
        ModelSpec spec = ModelSpec.tiny();
        Path m = dir.resolve("m");
        RandomLlama.generate(spec, 1).save(m, DType.F32);
        Path w = m.resolve(Checkpoint.WEIGHTS);
        Map<String, Tensor> good = Safetensors.read(w);

        Map<String, Tensor> extra = new LinkedHashMap<>(good);
        extra.put("model.layers.2.mlp.up_proj.weight", Tensor.zeros(176, 64));
        assertLoadFails(m, extra, w + ": unknown tensor model.layers.2.mlp.up_proj.weight (not a weight of a 2-layer Llama)");

        Map<String, Tensor> missing = new LinkedHashMap<>(good);
        missing.remove("model.layers.1.self_attn.k_proj.weight");
        missing.remove("lm_head.weight");
        assertLoadFails(m, missing, w + ": tensor model.layers.1.self_attn.k_proj.weight is missing (shape [32, 64]) and 1 more");

        Map<String, Tensor> shape = new LinkedHashMap<>(good);
        shape.put("model.layers.0.self_attn.v_proj.weight", Tensor.zeros(64, 64));
        assertLoadFails(m, shape, w + ": tensor model.layers.0.self_attn.v_proj.weight has shape [64, 64] but config.json"
                + " implies [32, 64]");

        Map<String, Tensor> old = new LinkedHashMap<>(good);
        old.put("model.layers.0.self_attn.rotary_emb.inv_freq", Tensor.zeros(8));
        Safetensors.write(w, old, DType.F32, Map.of());
        assertEquals(RandomLlama.generate(spec, 1), Checkpoint.load(m), "inv_freq buffers are derived, so ignored");

        Files.delete(w);
        assertEquals(w + ": no such file (the weights of a Hugging Face model folder)", loadError(m));
        Files.writeString(m.resolve("model.safetensors.index.json"), "{}");
        assertEquals(w + ": no such file; sharded checkpoints (model.safetensors.index.json) are not supported yet",
                loadError(m));
        Files.delete(m.resolve(Checkpoint.CONFIG));
        assertEquals(m.resolve(Checkpoint.CONFIG) + ": no such file (a Hugging Face model folder holds config.json)",
                loadError(m));
        assertEquals(dir.resolve("nowhere") + ": no such folder", loadError(dir.resolve("nowhere")));
    }

    private static void assertLoadFails(Path m, Map<String, Tensor> tensors, String message) throws IOException {
        Safetensors.write(m.resolve(Checkpoint.WEIGHTS), tensors, DType.F32, Map.of());
        assertEquals(message, loadError(m));
    }

    private static String loadError(Path m) {
        return assertThrows(CheckpointException.class, () -> Checkpoint.load(m)).getMessage();
    }
}
