package sohu.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sohu.core.mem.KvCacheConfig;
import sohu.core.mem.KvLayout;
import sohu.core.mem.rtl.KvCache;

/** {@code sohu generate kv}: the paged KV cache unit (block table and translator) as a standalone design. */
@Command(name = "kv", mixinStandardHelpOptions = true,
        description = {"Writes the paged KV cache unit: a block table in on-chip SRAM written by the host (tbl_*), "
                + "APPEND and GATHER commands (cmd_*) turned into DMA descriptors (dma_desc_*), DMA statuses in "
                + "(dma_status_*), one completion per command (status_*).",
            "manifest.json documents the command, completion, table-write and DMA formats bit by bit.",
            "The files go straight into the output folder (not a subfolder)."})
public final class GenerateKvCommand implements Callable<Integer> {
    /** The option each field comes from, for error messages (the layout's and config's messages start with the field). */
    private static final Map<String, String> OPTION_OF = Map.of(
            "block tokens", "--block-tokens", "layers", "--layers", "KV heads", "--kv-heads", "head dim", "--head-dim",
            "bytes per element", "--element-bytes", "block count", "--blocks", "HBM base", "--hbm-base",
            "sequences", "--sequences", "blocks per sequence", "--blocks-per-sequence", "commands in flight", "--in-flight");

    @Spec
    CommandSpec spec;

    @Mixin
    GenerateOptions options;

    @Option(names = "--block-tokens", paramLabel = "T", defaultValue = "16",
            description = "Tokens per block, a power of two 2..1024 (default: ${DEFAULT-VALUE}, vLLM's).")
    int blockTokens;

    @Option(names = "--layers", paramLabel = "N", defaultValue = "80", description = "Layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--kv-heads", paramLabel = "H", defaultValue = "8", description = "KV heads per layer (default: ${DEFAULT-VALUE}).")
    int kvHeads;

    @Option(names = "--head-dim", paramLabel = "D", defaultValue = "128", description = "Elements per head row (default: ${DEFAULT-VALUE}).")
    int headDim;

    @Option(names = "--element-bytes", paramLabel = "B", defaultValue = "2",
            description = "Bytes per element: 1 (FP8), 2 (BF16/FP16) or 4 (default: ${DEFAULT-VALUE}).")
    int elementBytes;

    @Option(names = "--blocks", paramLabel = "N", defaultValue = "4096", description = "Physical blocks per layer (default: ${DEFAULT-VALUE}).")
    int blocks;

    @Option(names = "--hbm-base", paramLabel = "ADDR", defaultValue = "0",
            description = "HBM byte address of the cache, decimal or 0x hex (default: ${DEFAULT-VALUE}).")
    String hbmBase;

    @Option(names = "--sequences", paramLabel = "S", defaultValue = "64",
            description = "Block-table rows, a power of two 2..4096 (default: ${DEFAULT-VALUE}).")
    int sequences;

    @Option(names = "--blocks-per-sequence", paramLabel = "N", defaultValue = "256",
            description = "Entries per row, a power of two 2..4096 (default: ${DEFAULT-VALUE}).")
    int blocksPerSequence;

    @Option(names = "--in-flight", paramLabel = "N", defaultValue = "4",
            description = "Commands waiting for DMA statuses at once, a power of two 2..16 (default: ${DEFAULT-VALUE}).")
    int inFlight;

    @Override
    public Integer call() {
        long base;
        try {
            base = hbmBase.toLowerCase(java.util.Locale.ROOT).startsWith("0x") ? Long.parseLong(hbmBase.substring(2), 16)
                    : Long.parseLong(hbmBase);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--hbm-base must be a number (decimal or 0x hex), got '" + hbmBase + "'");
        }
        KvLayout layout = checked(() -> new KvLayout(blockTokens, layers, kvHeads, headDim, elementBytes, base, blocks));
        KvCacheConfig cfg = checked(() -> new KvCacheConfig(layout, sequences, blocksPerSequence, inFlight));
        DesignOutput.Written w = DesignOutput.writeOne(new DesignOutput.Design("kv", KvCache.elaborate(cfg),
                cfg.manifestAttributes()), options.out(), options);
        var out = spec.commandLine().getOut();
        out.println("  " + w.summary());
        out.println("Wrote the KV cache unit: " + sequences + " sequences x " + cfg.maxTokens() + " tokens in "
                + blockTokens + "-token blocks, " + layers + " layers x " + kvHeads + " KV heads x " + headDim + " x "
                + elementBytes + " B (" + layout.runBytes() + " B per block run, " + cfg.tableBits() + " table bits; "
                + options.describe() + ") into " + w.dir());
        out.flush();
        return 0;
    }

    /** Builds a value; its error names the option the user typed ("--kv-heads must be 1..1024, got 0"). */
    private <T> T checked(java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            String option = OPTION_OF.entrySet().stream().filter(o -> m.startsWith(o.getKey() + " must"))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            throw new ParameterException(spec.commandLine(), option == null ? m : option + m.substring(m.indexOf(" must ")));
        }
    }
}
