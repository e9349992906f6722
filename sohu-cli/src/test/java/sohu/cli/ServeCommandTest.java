package sohu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sohu.core.model.Checkpoint;

/** {@code sohu serve}: the three output files, the reference tokens in FP32, bad requests before anything runs. */
class ServeCommandTest {
    @TempDir
    Path tmp;
    Path model;

    @BeforeEach
    void init() {
        model = tmp.resolve("m");
        assertEquals(0, CliRun.of("model", "init", "--out", model.toString(), "--seed", "3").code());
    }

    @Test
    void servesTheRequestsAndWritesOutputsStepsAndTimeline() throws Exception {
        Path req = Files.writeString(tmp.resolve("r.jsonl"), String.join("\n",
                "{\"id\": \"a\", \"prompt\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], \"max_new_tokens\": 3}",
                "{\"id\": \"b\", \"prompt\": [11, 12], \"max_new_tokens\": 4, \"arrival_step\": 1}",
                "{\"id\": \"c\", \"prompt\": [300], \"max_new_tokens\": 2, \"arrival_step\": 2}"));
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("serve", "--model", model.toString(), "--requests", req.toString(), "--engine", "golden",
                "--format", "fp32", "--array", "4x4", "--token-budget", "6", "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("3 requests served on golden in "), r::toString);
        Checkpoint c = Checkpoint.load(model);
        List<String> lines = Files.readAllLines(out.resolve("outputs.jsonl"));
        assertEquals(3, lines.size());
        int[][] prompts = {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, {11, 12}, {300}};
        int[] n = {3, 4, 2};
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 3; i++) {
            JsonNode line = json.readTree(lines.get(i));
            assertEquals(String.valueOf((char) ('a' + i)), line.get("id").asText());
            int[] got = json.convertValue(line.get("generated"), int[].class);
            assertEquals(java.util.Arrays.toString(RunCommandTest.alone(c, prompts[i], n[i])), java.util.Arrays.toString(got),
                    "request " + i + ": FP32 golden gives the reference's greedy tokens");
            assertTrue(line.get("finish_step").asInt() >= line.get("first_token_step").asInt());
        }
        List<String> steps = Files.readAllLines(out.resolve("steps.csv"));
        assertEquals("step,prefill_tokens,decode_tokens,cycles,utilization,kv_blocks_in_use,preemptions", steps.get(0));
        int tokens = 0;
        for (String s : steps.subList(1, steps.size())) {
            String[] f = s.split(",");
            int t = Integer.parseInt(f[1]) + Integer.parseInt(f[2]);
            assertTrue(t >= 1 && t <= 6, "a step within the budget: " + s);
            assertTrue(Long.parseLong(f[3]) > 0, "cycles counted: " + s);
            tokens += t;
        }
        assertEquals(10 + 2 + 1 + (3 - 1) + (4 - 1) + (2 - 1), tokens, "every prompt token and every fed-back token once");
        byte[] png = Files.readAllBytes(out.resolve("timeline.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }

    @Test
    void badRequestsAreRejectedWithTheLineNumberAndNothingIsWritten() throws Exception {
        Path req = Files.writeString(tmp.resolve("bad.jsonl"),
                "{\"id\": \"a\", \"prompt\": [1], \"max_new_tokens\": 1}\n{\"id\": \"b\", \"prompt\": [], \"max_new_tokens\": 1}\n");
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("serve", "--model", model.toString(), "--requests", req.toString(), "--out", out.toString());
        assertEquals(Main.EXIT_USAGE, r.code(), r::toString);
        assertEquals("sohu: " + req + ":2: request b: empty prompt", r.firstErrLine(), r::toString);
        assertFalse(Files.exists(out));

        Path big = Files.writeString(tmp.resolve("big.jsonl"), "{\"id\": \"x\", \"prompt\": [1, 2, 3], \"max_new_tokens\": 40}\n");
        r = CliRun.of("serve", "--model", model.toString(), "--requests", big.toString(), "--kv-blocks", "2", "--out", out.toString());
        assertEquals(Main.EXIT_USAGE, r.code(), r::toString);
        assertTrue(r.firstErrLine().contains("request x needs 42 KV positions"), r::toString);
        r = CliRun.of("serve", "--model", model.toString(), "--requests", big.toString(), "--token-budget", "0", "--out", out.toString());
        assertEquals(Main.EXIT_USAGE, r.code(), r::toString);
        assertEquals("sohu: --token-budget must be at least 1 token, got 0", r.firstErrLine(), r::toString);
        assertFalse(Files.exists(out));
    }
}
