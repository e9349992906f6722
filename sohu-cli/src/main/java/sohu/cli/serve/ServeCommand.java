package sohu.cli.serve;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sohu.cli.CliException;
import sohu.cli.Main;
import sohu.cli.OutputFolder;
import sohu.cli.model.CoreOptions;
import sohu.cli.model.EngineFactory;
import sohu.cli.model.EngineKind;
import sohu.cli.sweep.AtomicFiles;
import sohu.cli.sweep.Progress;
import sohu.cli.sweep.Terminal;
import sohu.core.compile.CoreConfig;
import sohu.core.model.Checkpoint;
import sohu.core.model.CheckpointException;
import sohu.core.model.Engine;
import sohu.core.sched.ContinuousBatcher;
import sohu.core.sched.Request;
import sohu.core.sched.SchedulerConfig;
import sohu.core.sched.ServeResult;
import sohu.core.sched.Server;
import sohu.core.sched.StepRecord;

/**
 * {@code sohu serve}: continuous batching of a requests file on an engine. Requests, model and
 * options are all checked before the first step; the output folder appears whole at the end.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves a requests file (one JSON object per line: id, prompt, max_new_tokens, arrival_step) with"
                + " continuous batching: every step carries each running sequence's next token plus chunks of waiting"
                + " prompts up to the token budget; KV blocks come from a free list and a full cache preempts the"
                + " latest sequence (recomputed later). Writes outputs.jsonl, steps.csv and timeline.png."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", required = true, description = "Model folder: config.json and model.safetensors.")
    Path model;

    @Option(names = "--requests", paramLabel = "FILE", required = true, description = "Requests, one JSON object per line.")
    Path requests;

    @Option(names = "--engine", paramLabel = "E", defaultValue = "golden",
            description = "Engine: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    EngineKind engine;

    @Option(names = "--token-budget", paramLabel = "N", defaultValue = "64",
            description = "Most tokens (decode + prefill) per step (default: ${DEFAULT-VALUE}).")
    int tokenBudget;

    @Option(names = "--kv-blocks", paramLabel = "N",
            description = "KV-cache blocks of 16 tokens on the chip (default: the core's, 64).")
    Integer kvBlocks;

    @Mixin
    CoreOptions coreOptions;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "serve-out",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        EngineFactory.checkAvailable(engine);
        CoreConfig core = coreOptions.core();
        if (kvBlocks != null) {
            if (kvBlocks < 1) {
                throw new CliException("--kv-blocks must be at least 1, got " + kvBlocks, Main.EXIT_USAGE);
            }
            core = core.withKvBlocks(kvBlocks);
        }
        SchedulerConfig config;
        try {
            config = new SchedulerConfig(tokenBudget, core.kvBlocks(), core.kvBlockTokens());
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), Main.EXIT_USAGE);
        }
        OutputFolder.checkWritable(out);
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.load(model);
        } catch (CheckpointException e) {
            throw new CliException(e.getMessage(), Main.EXIT_USAGE);
        }
        if (!Files.isRegularFile(requests)) {
            throw new CliException("--requests " + requests + ": no such file", Main.EXIT_USAGE);
        }
        List<Request> list;
        try {
            list = RequestsFile.read(requests, checkpoint.spec().vocabSize());
            ContinuousBatcher.checkFits(config, list);
        } catch (IllegalArgumentException e) {
            throw new CliException(requests + ": " + e.getMessage(), Main.EXIT_USAGE);
        } catch (CliException e) {
            throw new CliException(e.getMessage(), Main.EXIT_USAGE);
        }
        EngineFactory.checkFits(engine, checkpoint.spec(), core);

        PrintWriter err = spec.commandLine().getErr();
        Progress progress = new Progress(err, Terminal.stderrIsTerminal(), list.size(), "requests", 1, System::nanoTime);
        progress.begin();
        long start = System.nanoTime();
        ServeResult result;
        try (Engine e = EngineFactory.create(engine, checkpoint, core)) {
            long[] last = {start};
            result = Server.serve(e, list, config, c -> {
                long now = System.nanoTime();
                progress.finished(c.id(), true, now - last[0]);
                last[0] = now;
            });
        }
        progress.end();
        ServeResult done = result;
        OutputFolder.staged(out, tmp -> {
            Path dir = tmp.resolve("out");
            Files.createDirectories(dir);
            AtomicFiles.writeString(dir.resolve("outputs.jsonl"), OutputsJsonl.of(done.completions()));
            AtomicFiles.writeString(dir.resolve("steps.csv"), StepsCsv.of(done.steps()));
            ServeTimeline.write(dir.resolve("timeline.png"), done.steps());
            OutputFolder.replace(dir, out, tmp);
            return null;
        });
        summary(result);
        return 0;
    }

    private void summary(ServeResult r) {
        long cycles = r.steps().stream().mapToLong(StepRecord::cycles).sum();
        double busy = r.steps().stream().mapToDouble(s -> s.utilization() * s.cycles()).sum();
        int prefill = r.steps().stream().mapToInt(StepRecord::prefillTokens).sum();
        int decode = r.steps().stream().mapToInt(StepRecord::decodeTokens).sum();
        int preempted = r.steps().stream().mapToInt(StepRecord::preemptions).sum();
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%d requests served on %s in %d steps: %d prefill and %d decode tokens, %d preemptions%n",
                r.completions().size(), engine, r.steps().size(), prefill, decode, preempted);
        if (cycles > 0) {
            o.printf(Locale.ROOT, "cycles: %d, array utilization: %.1f%%%n", cycles, 100 * busy / cycles);
        }
        o.printf("wrote %s (outputs.jsonl, steps.csv, timeline.png)%n", out);
        o.flush();
    }
}
