package sohu.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** config.json as Hugging Face writes it, its defaults and its errors. */
class LlamaConfigTest {
    /** TinyLlama-1.1B's config.json as published (GQA: 32 query heads, 4 KV heads, no head_dim key). */
    static final String TINYLLAMA = """
            {
              "architectures": ["LlamaForCausalLM"],
              "attention_bias": false,
              "bos_token_id": 1,
              "eos_token_id": 2,
              "hidden_act": "silu",
              "hidden_size": 2048,
              "initializer_range": 0.02,
              "intermediate_size": 5632,
              "max_position_embeddings": 2048,
              "model_type": "llama",
              "num_attention_heads": 32,
              "num_hidden_layers": 22,
              "num_key_value_heads": 4,
              "pretraining_tp": 1,
              "rms_norm_eps": 1e-05,
              "rope_scaling": null,
              "rope_theta": 10000.0,
              "tie_word_embeddings": false,
              "torch_dtype": "bfloat16",
              "transformers_version": "4.35.0",
              "use_cache": true,
              "vocab_size": 32000
            }
            """;

    @Test
    void readsAPublishedConfigAndDerivesHeadDim() {
        ModelSpec s = LlamaConfig.parse("config.json", TINYLLAMA);
        assertEquals(new ModelSpec(2048, 5632, 32, 4, 64, 22, 1e-5, 10000.0, 32000, false), s);
    }

    @Test
    void absentOptionalKeysTakeTheHuggingFaceDefaults() {
        ModelSpec s = LlamaConfig.parse("c", """
                {"model_type": "llama", "hidden_size": 64, "intermediate_size": 176, "num_attention_heads": 4,
                 "num_hidden_layers": 2, "vocab_size": 512, "rms_norm_eps": 1e-6, "rope_theta": 500000}
                """);
        assertEquals(new ModelSpec(64, 176, 4, 4, 16, 2, 1e-6, 500000.0, 512, false), s);
    }

    @Test
    void writeThenParseGivesTheSameSpec() {
        ModelSpec tied = new ModelSpec(48, 100, 6, 3, 10, 3, 1e-5, 1e6, 300, true);
        for (ModelSpec s : new ModelSpec[] {ModelSpec.tiny(), tied}) {
            assertEquals(s, LlamaConfig.parse("c", LlamaConfig.write(s)));
        }
        assertTrue(LlamaConfig.write(tied).contains("\"head_dim\" : 10"), LlamaConfig.write(tied));
    }

    @Test
    void errorsNameTheFileAndTheKey() {
        String base = LlamaConfig.write(ModelSpec.tiny());
        Map<String, String> cases = Map.of(
                base.replace("\"vocab_size\" : 512,", ""), "dir/config.json: missing required key vocab_size",
                base.replace("\"hidden_size\" : 64", "\"hidden_size\" : \"64\""),
                "dir/config.json: hidden_size must be a positive integer, got \"64\"",
                base.replace("\"num_key_value_heads\" : 2", "\"num_key_value_heads\" : 3"),
                "dir/config.json: num_attention_heads 4 must be a multiple of num_key_value_heads 3",
                base.replace("\"head_dim\" : 16", "\"head_dim\" : 15"),
                "dir/config.json: head_dim 15 must be even (RoPE rotates pairs of halves)",
                base.replace("\"rms_norm_eps\" : 1.0E-5", "\"rms_norm_eps\" : -1"),
                "dir/config.json: rms_norm_eps must be a positive number, got -1",
                base.replace("\"llama\"", "\"mistral\"").replace("LlamaForCausalLM", "MistralForCausalLM"),
                "dir/config.json: not a Llama model: model_type is \"mistral\" and architectures is "
                        + "[\"MistralForCausalLM\"] (expected \"llama\" / [\"LlamaForCausalLM\"])",
                base.replace("\"mlp_bias\" : false", "\"mlp_bias\" : true"),
                "dir/config.json: mlp_bias is true; biases are not supported",
                base.replace("{", "{\"rope_scaling\": {\"rope_type\": \"llama3\", \"factor\": 8.0},"),
                "dir/config.json: rope_scaling {\"rope_type\":\"llama3\",\"factor\":8.0} is not supported (only plain RoPE)",
                base.replace("\"vocab_size\" : 512,", "\"vocab_size\" : 512, \"vocab_size\" : 513,"),
                "dir/config.json: not valid JSON: Duplicate field 'vocab_size' (line 13, column 35)");
        cases.forEach((text, message) -> {
            CheckpointException e = assertThrows(CheckpointException.class, () -> LlamaConfig.parse("dir/config.json", text));
            assertEquals(message, e.getMessage());
        });
    }

    @Test
    void headDimMustBeGivenWhenHiddenIsNotAMultipleOfTheHeads() {
        String text = TINYLLAMA.replace("\"num_attention_heads\": 32", "\"num_attention_heads\": 24")
                .replace("\"num_key_value_heads\": 4", "\"num_key_value_heads\": 8");
        CheckpointException e = assertThrows(CheckpointException.class, () -> LlamaConfig.parse("c.json", text));
        assertEquals("c.json: head_dim is absent and hidden_size 2048 is not a multiple of num_attention_heads 24;"
                + " add head_dim", e.getMessage());
    }
}
