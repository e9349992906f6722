package sohu.core.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Llama model: its hyperparameters and its weights by Hugging Face tensor name, checked against
 * each other (no unknown, missing or misshapen tensor). Linear weights are [out, in] as PyTorch
 * stores them; {@code lm_head.weight} is absent when the embeddings are tied.
 *
 * @param spec    the hyperparameters
 * @param tensors the weights by name, in {@link #shapes} order
 */
public record Checkpoint(ModelSpec spec, Map<String, Tensor> tensors) {
    /** The config file of a model folder. */
    public static final String CONFIG = "config.json";
    /** The weights file of a model folder. */
    public static final String WEIGHTS = "model.safetensors";

    /** Buffers older Hugging Face exports store beside the weights; derived from rope_theta, so ignored. */
    private static final Pattern IGNORED = Pattern.compile("model\\.layers\\.\\d+\\.self_attn\\.rotary_emb\\.inv_freq");

    /** Embedding table [vocab, hidden]. */
    public static final String EMBED = "model.embed_tokens.weight";
    /** Final RMSNorm weight [hidden]. */
    public static final String NORM = "model.norm.weight";
    /** Output projection [vocab, hidden], absent when tied. */
    public static final String LM_HEAD = "lm_head.weight";

    /** The tensors of one decoder layer, by their name after {@code model.layers.N.}. */
    public enum LayerTensor {
        INPUT_NORM("input_layernorm.weight"),
        Q("self_attn.q_proj.weight"),
        K("self_attn.k_proj.weight"),
        V("self_attn.v_proj.weight"),
        O("self_attn.o_proj.weight"),
        POST_NORM("post_attention_layernorm.weight"),
        GATE("mlp.gate_proj.weight"),
        UP("mlp.up_proj.weight"),
        DOWN("mlp.down_proj.weight");

        private final String suffix;

        LayerTensor(String suffix) {
            this.suffix = suffix;
        }

        /** The full name in layer {@code layer}. */
        public String name(int layer) {
            return "model.layers." + layer + "." + suffix;
        }

        /** Its shape in {@code spec}. */
        public int[] shape(ModelSpec s) {
            return switch (this) {
                case INPUT_NORM, POST_NORM -> new int[] {s.hiddenSize()};
                case Q -> new int[] {s.qDim(), s.hiddenSize()};
                case K, V -> new int[] {s.kvDim(), s.hiddenSize()};
                case O -> new int[] {s.hiddenSize(), s.qDim()};
                case GATE, UP -> new int[] {s.intermediateSize(), s.hiddenSize()};
                case DOWN -> new int[] {s.hiddenSize(), s.intermediateSize()};
            };
        }
    }

    public Checkpoint {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /**
     * Checks {@code tensors} against {@code spec} and keeps them in {@link #shapes} order;
     * {@code file} names the weights in the error.
     */
    public static Checkpoint of(ModelSpec spec, Map<String, Tensor> tensors, Object file) {
        String rule = LlamaConfig.violation(spec);
        if (rule != null) {
            throw new CheckpointException(file, rule);
        }
        Map<String, int[]> shapes = shapes(spec);
        for (Map.Entry<String, Tensor> t : tensors.entrySet()) {
            String name = t.getKey();
            int[] want = shapes.get(name);
            if (want == null && name.equals(LM_HEAD) && spec.tieWordEmbeddings()) {
                Tensor embed = tensors.get(EMBED);
                if (embed == null || !embed.equals(t.getValue())) {
                    throw new CheckpointException(file, "tensor " + LM_HEAD + " differs from " + EMBED
                            + " but config.json has tie_word_embeddings true");
                }
                continue;
            }
            if (want == null && !IGNORED.matcher(name).matches()) {
                throw new CheckpointException(file, "unknown tensor " + name + " (not a weight of a "
                        + spec.numLayers() + "-layer Llama" + (spec.tieWordEmbeddings() ? " with tied embeddings" : "")
                        + ")");
            }
            if (want != null && !Arrays.equals(want, t.getValue().shape())) {
                throw new CheckpointException(file, "tensor " + name + " has shape " + t.getValue().shapeText()
                        + " but config.json implies " + Arrays.toString(want));
            }
        }
        Map<String, Tensor> ordered = new LinkedHashMap<>();
        List<String> missing = shapes.keySet().stream().filter(n -> !tensors.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new CheckpointException(file, "tensor " + missing.get(0) + " is missing (shape "
                    + Arrays.toString(shapes.get(missing.get(0))) + ")"
                    + (missing.size() > 1 ? " and " + (missing.size() - 1) + " more" : ""));
        }
        shapes.keySet().forEach(n -> ordered.put(n, tensors.get(n)));
        return new Checkpoint(spec, ordered);
    }

    /** Every weight {@code spec} needs, with its shape, in a fixed order (embedding, layers, norm, head). */
    public static Map<String, int[]> shapes(ModelSpec spec) {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put(EMBED, new int[] {spec.vocabSize(), spec.hiddenSize()});
        for (int l = 0; l < spec.numLayers(); l++) {
            for (LayerTensor t : LayerTensor.values()) {
                m.put(t.name(l), t.shape(spec));
            }
        }
        m.put(NORM, new int[] {spec.hiddenSize()});
        if (!spec.tieWordEmbeddings()) {
            m.put(LM_HEAD, new int[] {spec.vocabSize(), spec.hiddenSize()});
        }
        return m;
    }

    /** Reads and checks a model folder: {@code config.json} and {@code model.safetensors}. */
    public static Checkpoint load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CheckpointException(dir, Files.exists(dir) ? "not a folder (give the model folder)"
                    : "no such folder");
        }
        ModelSpec spec = LlamaConfig.read(dir.resolve(CONFIG));
        Path weights = dir.resolve(WEIGHTS);
        if (!Files.exists(weights)) {
            boolean sharded = Files.exists(dir.resolve(WEIGHTS + ".index.json"));
            throw new CheckpointException(weights, sharded
                    ? "no such file; sharded checkpoints (model.safetensors.index.json) are not supported yet"
                    : "no such file (the weights of a Hugging Face model folder)");
        }
        return of(spec, Safetensors.read(weights), weights);
    }

    /**
     * Writes {@code config.json} and {@code model.safetensors} (weights in {@code dtype}) into
     * {@code dir}, each file whole or not at all; the same checkpoint gives the same bytes.
     */
    public void save(Path dir, DType dtype) throws IOException {
        Files.createDirectories(dir);
        Safetensors.write(dir.resolve(WEIGHTS), tensors, dtype, Map.of("format", "pt"));
        AtomicFile.write(dir.resolve(CONFIG), out -> out.write(LlamaConfig.write(spec).getBytes(StandardCharsets.UTF_8)));
    }

    /** The tensor {@code name}; {@link #LM_HEAD} of a tied model is the embedding table. */
    public Tensor tensor(String name) {
        if (name.equals(LM_HEAD) && spec.tieWordEmbeddings()) {
            return tensors.get(EMBED);
        }
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor " + name + " in this checkpoint");
        }
        return t;
    }

    /** Tensor {@code t} of layer {@code layer}. */
    public Tensor tensor(LayerTensor t, int layer) {
        return tensor(t.name(layer));
    }
}
