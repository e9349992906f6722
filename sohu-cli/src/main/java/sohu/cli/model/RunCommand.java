package sohu.cli.model;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sohu.cli.CliException;
import sohu.cli.Main;
import sohu.core.compile.CoreConfig;
import sohu.core.model.Checkpoint;
import sohu.core.model.CheckpointException;
import sohu.core.model.DType;
import sohu.core.model.Engine;
import sohu.core.model.Generation;
import sohu.core.model.Safetensors;
import sohu.core.model.Tensor;

/**
 * {@code sohu run}: greedy generation of one or more prompts, batched, on an engine. Everything the
 * user gave is checked (prompts, the model folder, the engine, the dump file's folder) before the
 * first step runs.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a Llama model folder (config.json + model.safetensors) on an engine: all prompts in one batch,"
                + " then greedy decoding. Prints each prompt's generated token ids, then the engine's cycles, array"
                + " utilization and tokens/s where it counts them."})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", required = true,
            description = "Model folder: config.json and model.safetensors (F32, BF16 or F16).")
    Path model;

    @Option(names = "--prompt", paramLabel = "IDS", required = true,
            description = "Prompt token ids, comma-separated (e.g. 1,2,3); repeat for several prompts in one batch.")
    List<String> prompts;

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "8",
            description = "Tokens to generate per prompt, >= 0 (default: ${DEFAULT-VALUE}; 0 runs the prompts only).")
    int maxNewTokens;

    @Option(names = "--engine", paramLabel = "E", defaultValue = "reference",
            description = "Engine: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; this build has reference and golden).")
    EngineKind engine;

    @Mixin
    CoreOptions coreOptions;

    @Option(names = "--dump", paramLabel = "FILE",
            description = "Write the first step's logits (every prompt token, prompts in order) to FILE as an F32 safetensors"
                    + " tensor \"logits\" [tokens, vocab_size].")
    Path dump;

    @Override
    public Integer call() {
        List<int[]> ids = new ArrayList<>();
        for (String p : prompts) {
            ids.add(parsePrompt(p));
        }
        if (maxNewTokens < 0) {
            throw new ParameterException(spec.commandLine(), "--max-new-tokens must be >= 0, got " + maxNewTokens);
        }
        EngineFactory.checkAvailable(engine);
        CoreConfig core = coreOptions.core();
        if (dump != null) {
            checkWritable(dump);
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.load(model);
        } catch (CheckpointException e) {
            throw new CliException(e.getMessage(), Main.EXIT_USAGE);
        }
        EngineFactory.checkFits(engine, checkpoint.spec(), core);
        int vocab = checkpoint.spec().vocabSize();
        for (int i = 0; i < ids.size(); i++) {
            for (int id : ids.get(i)) {
                if (id >= vocab) {
                    throw new ParameterException(spec.commandLine(), "--prompt " + prompts.get(i) + ": token id " + id
                            + " is outside the vocabulary [0, " + vocab + ") of " + model);
                }
            }
        }
        Generation g;
        double clock;
        try (Engine e = EngineFactory.create(engine, checkpoint, core)) {
            g = Generation.greedy(e, ids, maxNewTokens);
            clock = e.clockHz();
        }
        if (dump != null) {
            writeDump(g.firstStepLogits(), vocab);
        }
        print(ids, g, clock);
        return 0;
    }

    private int[] parsePrompt(String text) {
        try {
            int[] ids = Arrays.stream(text.split(",", -1)).map(String::strip).mapToInt(Integer::parseInt).toArray();
            if (Arrays.stream(ids).anyMatch(i -> i < 0)) {
                throw new NumberFormatException();
            }
            return ids;
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--prompt '" + text + "' must be token ids >= 0 separated by"
                    + " commas, e.g. 1,2,3");
        }
    }

    private static void checkWritable(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            throw new CliException("--dump " + file + " is a folder; give a file name", Main.EXIT_USAGE);
        }
        if (!Files.isDirectory(dir)) {
            throw new CliException("--dump " + file + ": folder " + dir + " does not exist", Main.EXIT_USAGE);
        }
        if (!Files.isWritable(dir)) {
            throw new CliException("--dump " + file + ": folder " + dir + " is not writable", Main.EXIT_USAGE);
        }
    }

    private void writeDump(double[][] logits, int vocab) {
        float[] data = new float[logits.length * vocab];
        for (int t = 0; t < logits.length; t++) {
            for (int v = 0; v < vocab; v++) {
                data[t * vocab + v] = (float) logits[t][v];
            }
        }
        try {
            Safetensors.write(dump, Map.of("logits", new Tensor(new int[] {logits.length, vocab}, data)), DType.F32,
                    Map.of("format", "pt", "engine", engine.toString()));
        } catch (IOException e) {
            throw new CliException("cannot write " + dump + ": " + (e.getMessage() == null ? e : e.getMessage()));
        }
    }

    private void print(List<int[]> ids, Generation g, double clock) {
        PrintWriter out = spec.commandLine().getOut();
        for (int i = 0; i < ids.size(); i++) {
            out.printf("prompt %d (%s): %s%n", i, count(ids.get(i).length, "token"), join(g.generated().get(i)));
        }
        out.printf(Locale.ROOT, "engine %s: %s, %s processed%n", engine, count(g.steps(), "step"), count(g.tokens(), "token"));
        if (g.cycles() == 0) {
            out.println("cycles: not counted (the " + engine + " engine models no hardware)");
        } else {
            out.printf(Locale.ROOT, "cycles: %d, array utilization: %.1f%%%n", g.cycles(),
                    100.0 * g.arrayBusyCycles() / g.cycles());
            if (clock > 0) {
                out.printf(Locale.ROOT, "tokens/s at %.0f MHz: %.1f%n", clock / 1e6, g.tokens() * clock / g.cycles());
            }
        }
        if (dump != null) {
            out.printf("logits of step 1 (%d tokens) written to %s%n", g.firstStepLogits().length, dump);
        }
        out.flush();
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String join(int[] ids) {
        return ids.length == 0 ? "(none)" : Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }
}
