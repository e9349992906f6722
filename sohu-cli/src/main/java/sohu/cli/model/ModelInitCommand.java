package sohu.cli.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sohu.cli.CliException;
import sohu.core.model.Checkpoint;
import sohu.core.model.DType;
import sohu.core.model.LlamaConfig;
import sohu.core.model.ModelSpec;
import sohu.core.model.RandomLlama;
import sohu.core.model.Tensor;

/**
 * {@code sohu model init}: writes a deterministic random Llama ({@code config.json},
 * {@code model.safetensors}) so the engines can be tried without downloading a model.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Writes a random Llama model folder: config.json and model.safetensors (Hugging Face names).",
            "The same options give the same bytes. Weights: linear N(0, 1/in), embedding N(0, 1), norms 1 + N(0, 0.01),"
                    + " every value a BF16 number."})
public final class ModelInitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write (created if missing).")
    Path out;

    @Option(names = "--layers", paramLabel = "N", defaultValue = "2", description = "num_hidden_layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "64", description = "hidden_size (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--heads", paramLabel = "N", defaultValue = "4", description = "num_attention_heads (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--kv-heads", paramLabel = "N", defaultValue = "2",
            description = "num_key_value_heads, dividing --heads (default: ${DEFAULT-VALUE}).")
    int kvHeads;

    @Option(names = "--head-dim", paramLabel = "N", defaultValue = "16", description = "head_dim, even (default: ${DEFAULT-VALUE}).")
    int headDim;

    @Option(names = "--intermediate", paramLabel = "N", defaultValue = "176",
            description = "intermediate_size (default: ${DEFAULT-VALUE}).")
    int intermediate;

    @Option(names = "--vocab", paramLabel = "N", defaultValue = "512", description = "vocab_size (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--rms-norm-eps", paramLabel = "X", defaultValue = "1e-5", description = "rms_norm_eps (default: ${DEFAULT-VALUE}).")
    double eps;

    @Option(names = "--rope-theta", paramLabel = "X", defaultValue = "10000", description = "rope_theta (default: ${DEFAULT-VALUE}).")
    double theta;

    @Option(names = "--tie-word-embeddings", description = "lm_head reuses the embedding table (no lm_head.weight).")
    boolean tied;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dtype", paramLabel = "T", defaultValue = "f32",
            description = "Weight type in model.safetensors: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; the values"
                    + " are BF16 numbers, so f32 and bf16 hold the same model).")
    DType dtype;

    @Override
    public Integer call() {
        ModelSpec model = spec();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CliException("cannot write into " + out + ": it exists and is not a folder");
        }
        Checkpoint c = RandomLlama.generate(model, seed);
        try {
            c.save(out, dtype);
        } catch (IOException e) {
            throw new CliException("cannot write into " + out + ": " + (e.getMessage() == null ? e : e.getMessage()));
        }
        long params = c.tensors().values().stream().mapToLong(t -> t.data().length).sum();
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s and %s: a random Llama (seed %d), %d layers,"
                + " hidden %d, vocabulary %d, %d parameters in %s%n", out.resolve(Checkpoint.CONFIG),
                out.resolve(Checkpoint.WEIGHTS), seed, layers, hidden, vocab, params, dtype.name());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The hyperparameters, each rule's error naming the option. */
    private ModelSpec spec() {
        Map<String, Integer> positive = new LinkedHashMap<>();
        positive.put("--layers", layers);
        positive.put("--hidden", hidden);
        positive.put("--heads", heads);
        positive.put("--kv-heads", kvHeads);
        positive.put("--head-dim", headDim);
        positive.put("--intermediate", intermediate);
        positive.put("--vocab", vocab);
        positive.forEach((option, v) -> {
            if (v <= 0) {
                throw new ParameterException(spec.commandLine(), option + " must be a positive integer, got " + v);
            }
        });
        if (!(eps > 0) || !(theta > 0) || Double.isInfinite(eps) || Double.isInfinite(theta)) {
            throw new ParameterException(spec.commandLine(), "--rms-norm-eps and --rope-theta must be positive numbers, got "
                    + eps + " and " + theta);
        }
        ModelSpec m = new ModelSpec(hidden, intermediate, heads, kvHeads, headDim, layers, eps, theta, vocab, tied);
        String rule = LlamaConfig.violation(m);
        if (rule != null) {
            throw new ParameterException(spec.commandLine(), rule.replace("num_attention_heads", "--heads")
                    .replace("num_key_value_heads", "--kv-heads").replace("head_dim", "--head-dim"));
        }
        for (Map.Entry<String, int[]> t : Checkpoint.shapes(m).entrySet()) {
            if (Tensor.elements(t.getValue()) > Integer.MAX_VALUE - 8) {
                throw new ParameterException(spec.commandLine(), "the model is too large to generate: "
                        + t.getKey() + " would hold " + Tensor.elements(t.getValue()) + " values");
            }
        }
        return m;
    }
}
