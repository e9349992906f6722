package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.core.model.Checkpoint;
import sohu.core.model.DType;
import sohu.core.model.LlamaMath;
import sohu.core.model.ReferenceEngine;
import sohu.core.model.Safetensors;
import sohu.core.model.SequenceChunk;
import sohu.core.model.Tensor;

/** {@code sohu run}: batched prompts give what each gets alone, the dump, and every bad input before any work. */
class RunCommandTest {
    @TempDir
    Path tmp;
    Path model;

    @BeforeEach
    void init() {
        model = tmp.resolve("m");
        CliRun r = CliRun.of("model", "init", "--out", model.toString(), "--seed", "4");
        assertEquals(0, r.code(), r::toString);
    }

    private CliRun run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--model", model.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(new String[0]));
    }

    /** Greedy decoding of one prompt alone, step by step on the reference engine. */
    static int[] alone(Checkpoint c, int[] prompt, int n) {
        ReferenceEngine e = new ReferenceEngine(c);
        int[] out = new int[n];
        double[][] logits = e.step(List.of(new SequenceChunk(0, 0, prompt))).logits();
        for (int i = 0; i < n; i++) {
            out[i] = LlamaMath.argmax(logits[logits.length - 1]);
            logits = e.step(List.of(new SequenceChunk(0, prompt.length + i, new int[] {out[i]}))).logits();
        }
        return out;
    }

    private static String ids(int[] ids) {
        return String.join(",", Arrays.stream(ids).mapToObj(Integer::toString).toList());
    }

    @Test
    void batchedPromptsGenerateWhatEachGetsAloneAndTheDumpHoldsTheFirstStep() throws IOException {
        Path dump = tmp.resolve("logits.safetensors");
        CliRun r = run("--prompt", "1,2,3", "--prompt", "400, 5", "--max-new-tokens", "6", "--dump", dump.toString());
        assertEquals(0, r.code(), r::toString);
        Checkpoint c = Checkpoint.load(model);
        assertEquals(List.of(
                "prompt 0 (3 tokens): " + ids(alone(c, new int[] {1, 2, 3}, 6)),
                "prompt 1 (2 tokens): " + ids(alone(c, new int[] {400, 5}, 6)),
                "engine reference: 6 steps, 15 tokens processed",
                "cycles: not counted (the reference engine models no hardware)",
                "logits of step 1 (5 tokens) written to " + dump), r.out().lines().toList());

        Map<String, Tensor> t = Safetensors.read(dump);
        assertEquals(List.of("logits"), List.copyOf(t.keySet()));
        assertArrayEquals(new int[] {5, 512}, t.get("logits").shape());
        double[][] a = new ReferenceEngine(c).step(List.of(new SequenceChunk(0, 0, new int[] {1, 2, 3}))).logits();
        double[][] b = new ReferenceEngine(c).step(List.of(new SequenceChunk(0, 0, new int[] {400, 5}))).logits();
        float[] d = t.get("logits").data();
        double[][] want = {a[0], a[1], a[2], b[0], b[1]};
        for (int row = 0; row < 5; row++) {
            for (int v = 0; v < 512; v++) {
                assertEquals((float) want[row][v], d[row * 512 + v], "row " + row + " logit " + v);
            }
        }
        byte[] first = Files.readAllBytes(dump);
        CliRun again = run("--prompt", "1,2,3", "--prompt", "400, 5", "--max-new-tokens", "6", "--dump", dump.toString());
        assertEquals(r.out(), again.out());
        assertArrayEquals(first, Files.readAllBytes(dump), "the dump is the same bytes each run");
    }

    @Test
    void theGoldenEngineInFp32GeneratesTheReferenceTokensAndCountsCycles() {
        CliRun r = run("--prompt", "1,2,3", "--prompt", "400,5", "--max-new-tokens", "3", "--engine", "golden",
                "--format", "fp32", "--array", "4x4");
        assertEquals(0, r.code(), r::toString);
        Checkpoint c = Checkpoint.load(model);
        List<String> lines = r.out().lines().toList();
        assertEquals("prompt 0 (3 tokens): " + ids(alone(c, new int[] {1, 2, 3}, 3)), lines.get(0));
        assertEquals("prompt 1 (2 tokens): " + ids(alone(c, new int[] {400, 5}, 3)), lines.get(1));
        assertEquals("engine golden: 3 steps, 9 tokens processed", lines.get(2));
        assertTrue(lines.get(3).matches("cycles: [1-9]\\d*, array utilization: \\d+\\.\\d%"), lines.get(3));
    }

    @Test
    void zeroNewTokensRunsThePromptsOnly() {
        CliRun r = run("--prompt", "7", "--max-new-tokens", "0");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("prompt 0 (1 token): (none)\nengine reference: 1 step, 1 token processed\n"), r::toString);
    }

    @Test
    void theRtlEngineGivesTheGoldenEnginesTokens() {
        String[] args = {"--prompt", "5,9,13", "--prompt", "200", "--max-new-tokens", "1", "--array", "4x4", "--format", "bf16"};
        CliRun golden = run(concat(args, "--engine", "golden"));
        CliRun rtl = run(concat(args, "--engine", "rtl"));
        assertEquals(0, golden.code(), golden::toString);
        assertEquals(0, rtl.code(), rtl::toString);
        String tokens = golden.out().substring(0, golden.out().indexOf("engine golden"));
        assertTrue(rtl.out().startsWith(tokens + "engine rtl: 1 step, 4 tokens processed"), rtl.out() + "\nvs golden\n" + golden.out());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void badInputIsOneLineAndNothingRuns() throws IOException {
        Map<List<String>, String> usage = Map.of(
                List.of("--prompt", "1,x"), "sohu: --prompt '1,x' must be token ids >= 0 separated by commas, e.g. 1,2,3",
                List.of("--prompt", "1,-2"), "sohu: --prompt '1,-2' must be token ids >= 0 separated by commas, e.g. 1,2,3",
                List.of("--prompt", "1,512"), "sohu: --prompt 1,512: token id 512 is outside the vocabulary [0, 512) of " + model,
                List.of("--prompt", "1", "--max-new-tokens", "-1"), "sohu: --max-new-tokens must be >= 0, got -1",
                List.of("--prompt", "1", "--engine", "golden", "--array", "8x4"), "sohu: --array 8x4: core: the array must be"
                        + " square (rows = cols) so one vector word is one activation and one accumulator word line; got 8x4",
                List.of("--prompt", "1", "--engine", "golden", "--format", "fp8"),
                "sohu: --format: unknown format 'fp8'; valid: fp32, bf16, fp16, e4m3, e5m2",
                List.of("--prompt", "1", "--dump", tmp.resolve("no/such/f.safetensors").toString()),
                "sohu: --dump " + tmp.resolve("no/such/f.safetensors") + ": folder " + tmp.resolve("no/such") + " does not exist");
        for (Map.Entry<List<String>, String> c : usage.entrySet()) {
            CliRun r = run(c.getKey().toArray(new String[0]));
            assertEquals(Main.EXIT_USAGE, r.code(), r::toString);
            assertEquals(c.getValue(), r.firstErrLine(), r::toString);
            assertEquals("", r.out(), "nothing ran for " + c.getKey());
        }
    }

    @Test
    void aBadCheckpointIsOneLineNamingTheFile() throws IOException {
        Path w = model.resolve("model.safetensors");
        Map<String, Tensor> good = Safetensors.read(w);
        Map<String, Tensor> extra = new java.util.LinkedHashMap<>(good);
        extra.put("model.layers.0.self_attn.q_proj.bias", Tensor.zeros(64));
        Safetensors.write(w, extra, DType.F32, Map.of());
        assertBad(w + ": unknown tensor model.layers.0.self_attn.q_proj.bias (not a weight of a 2-layer Llama)");

        Safetensors.write(w, good, DType.BF16, Map.of());
        try (FileChannel ch = FileChannel.open(w, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 2);
        }
        // 158016 BF16 weights of 2 bytes each
        assertBad(w + ": the tensors cover 316032 data bytes but the file holds 316030 (truncated?)");

        Files.writeString(model.resolve("config.json"), Files.readString(model.resolve("config.json"))
                .replace("\"llama\"", "\"gpt2\"").replace("LlamaForCausalLM", "GPT2LMHeadModel"));
        assertBad(model.resolve("config.json") + ": not a Llama model: model_type is \"gpt2\" and architectures is"
                + " [\"GPT2LMHeadModel\"] (expected \"llama\" / [\"LlamaForCausalLM\"])");
        model = tmp.resolve("absent");
        assertBad(model + ": no such folder");
    }

    private void assertBad(String message) {
        CliRun r = run("--prompt", "1,2");
        assertEquals(Main.EXIT_USAGE, r.code(), r::toString);
        assertEquals(List.of("sohu: " + message), r.errLines(), r::toString);
        assertEquals("", r.out());
    }
}
