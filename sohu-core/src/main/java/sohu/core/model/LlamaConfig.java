package sohu.core.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A Hugging Face Llama {@code config.json} as a {@link ModelSpec}. Required keys: hidden_size,
 * intermediate_size, num_attention_heads, num_hidden_layers, vocab_size, rms_norm_eps. Optional,
 * with the Hugging Face defaults: num_key_value_heads (num_attention_heads), head_dim
 * (hidden_size / num_attention_heads), rope_theta (10000), tie_word_embeddings (false). The model
 * must be a Llama ({@code model_type} "llama" or {@code architectures} naming
 * {@code LlamaForCausalLM}) without the features this project does not implement (rope_scaling,
 * attention or MLP biases, an activation other than SiLU). Other keys are ignored. Errors are one
 * {@link CheckpointException} line naming the file and the key.
 */
public final class LlamaConfig {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** Indented with "\n" whatever the platform, so the file is the same bytes everywhere. */
    private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private LlamaConfig() {
    }

    /** Reads {@code file}. */
    public static ModelSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "no such file (a Hugging Face model folder holds config.json)");
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e.getMessage());
        }
        return parse(file, text);
    }

    /** Parses the text of a config.json; {@code file} names it in errors. */
    public static ModelSpec parse(Object file, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CheckpointException(file, "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")" : ""));
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(file, "not a JSON object");
        }
        checkLlama(file, root);
        int hidden = positiveInt(file, root, "hidden_size", null);
        int heads = positiveInt(file, root, "num_attention_heads", null);
        if (!root.has("head_dim") && hidden % heads != 0) {
            throw new CheckpointException(file, "head_dim is absent and hidden_size " + hidden
                    + " is not a multiple of num_attention_heads " + heads + "; add head_dim");
        }
        ModelSpec spec = new ModelSpec(hidden,
                positiveInt(file, root, "intermediate_size", null),
                heads,
                positiveInt(file, root, "num_key_value_heads", heads),
                positiveInt(file, root, "head_dim", hidden / heads),
                positiveInt(file, root, "num_hidden_layers", null),
                positiveDouble(file, root, "rms_norm_eps", null),
                positiveDouble(file, root, "rope_theta", 10000.0),
                positiveInt(file, root, "vocab_size", null),
                bool(file, root, "tie_word_embeddings", false));
        String rule = violation(spec);
        if (rule != null) {
            throw new CheckpointException(file, rule);
        }
        return spec;
    }

    /**
     * The first rule {@code spec} breaks, as text starting with the config key, or null: query
     * heads a multiple of KV heads, an even head_dim (RoPE pairs halves).
     */
    public static String violation(ModelSpec spec) {
        if (spec.numHeads() % spec.numKvHeads() != 0) {
            return "num_attention_heads " + spec.numHeads() + " must be a multiple of num_key_value_heads "
                    + spec.numKvHeads();
        }
        if (spec.headDim() % 2 != 0) {
            return "head_dim " + spec.headDim() + " must be even (RoPE rotates pairs of halves)";
        }
        return null;
    }

    /** The config.json of {@code spec}: the keys {@link #read} reads, in a fixed order. */
    public static String write(ModelSpec spec) {
        ObjectNode o = JSON.createObjectNode();
        o.putArray("architectures").add("LlamaForCausalLM");
        o.put("model_type", "llama");
        o.put("hidden_act", "silu");
        o.put("hidden_size", spec.hiddenSize());
        o.put("intermediate_size", spec.intermediateSize());
        o.put("num_attention_heads", spec.numHeads());
        o.put("num_key_value_heads", spec.numKvHeads());
        o.put("head_dim", spec.headDim());
        o.put("num_hidden_layers", spec.numLayers());
        o.put("rms_norm_eps", spec.rmsNormEps());
        o.put("rope_theta", spec.ropeTheta());
        o.put("vocab_size", spec.vocabSize());
        o.put("tie_word_embeddings", spec.tieWordEmbeddings());
        o.put("attention_bias", false);
        o.put("mlp_bias", false);
        o.put("torch_dtype", "float32");
        try {
            return PRETTY.writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkLlama(Object file, JsonNode root) {
        JsonNode type = root.get("model_type");
        JsonNode arch = root.get("architectures");
        boolean llamaArch = false;
        if (arch != null && arch.isArray()) {
            for (JsonNode a : arch) {
                llamaArch |= a.isTextual() && a.asText().equals("LlamaForCausalLM");
            }
        }
        boolean llamaType = type != null && type.isTextual() && type.asText().equals("llama");
        if (!llamaType && !llamaArch) {
            throw new CheckpointException(file, "not a Llama model: model_type is "
                    + (type == null ? "absent" : type.toString()) + " and architectures is "
                    + (arch == null ? "absent" : arch.toString()) + " (expected \"llama\" / [\"LlamaForCausalLM\"])");
        }
        JsonNode scaling = root.get("rope_scaling");
        if (scaling != null && !scaling.isNull()) {
            throw new CheckpointException(file, "rope_scaling " + scaling + " is not supported (only plain RoPE)");
        }
        for (String bias : new String[] {"attention_bias", "mlp_bias"}) {
            if (root.has(bias) && root.get(bias).asBoolean(false)) {
                throw new CheckpointException(file, bias + " is true; biases are not supported");
            }
        }
        JsonNode act = root.get("hidden_act");
        if (act != null && !act.asText().equals("silu")) {
            throw new CheckpointException(file, "hidden_act " + act + " is not supported (only \"silu\")");
        }
    }

    private static int positiveInt(Object file, JsonNode root, String key, Integer absent) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            if (absent == null) {
                throw new CheckpointException(file, "missing required key " + key);
            }
            return absent;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() <= 0) {
            throw new CheckpointException(file, key + " must be a positive integer, got " + n);
        }
        return n.asInt();
    }

    private static double positiveDouble(Object file, JsonNode root, String key, Double absent) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            if (absent == null) {
                throw new CheckpointException(file, "missing required key " + key);
            }
            return absent;
        }
        if (!n.isNumber() || !(n.asDouble() > 0) || Double.isInfinite(n.asDouble())) {
            throw new CheckpointException(file, key + " must be a positive number, got " + n);
        }
        return n.asDouble();
    }

    private static boolean bool(Object file, JsonNode root, String key, boolean absent) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return absent;
        }
        if (!n.isBoolean()) {
            throw new CheckpointException(file, key + " must be true or false, got " + n);
        }
        return n.asBoolean();
    }
}
