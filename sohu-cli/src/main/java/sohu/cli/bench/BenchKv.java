package sohu.cli.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sohu.cli.CliException;
import sohu.verify.mem.KvTiming;

/**
 * {@code sohu bench kv}: the KV cache unit's translation cost in Verilator (descriptors per gather,
 * cycles to the first descriptor and to the completion, back-to-back commands), next to the bus
 * beats the same bytes take, so the share of the translation in a transfer can be read off.
 */
@Command(name = "kv", mixinStandardHelpOptions = true,
        description = "Prints, for gathers of a sequence's first N tokens on the Verilated KV cache unit behind a DMA "
                + "that never stalls: descriptors, cycles to the first descriptor and to the completion, and the bus "
                + "beats of the bytes moved; then the cycles per back-to-back one-block gather. Every descriptor is "
                + "checked against the Java model.")
public final class BenchKv implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--block-tokens", paramLabel = "T", defaultValue = "16",
            description = "Tokens per block, a power of two 2..1024 (default: ${DEFAULT-VALUE}).")
    int blockTokens;

    @Option(names = "--row-bytes", paramLabel = "B", defaultValue = "256",
            description = "Bytes of one token's row of one head (head_dim x element bytes; default: ${DEFAULT-VALUE}, "
                    + "128 BF16 elements).")
    int rowBytes;

    @Option(names = "--tokens", paramLabel = "N", split = ",", defaultValue = "1,16,17,128,512,2048",
            description = "Gather lengths (default: ${DEFAULT-VALUE}).")
    List<Integer> tokens;

    @Option(names = "--bus-bytes", paramLabel = "W", defaultValue = "64",
            description = "Bus bytes per beat for the beats column (default: ${DEFAULT-VALUE}, a 512-bit bus).")
    int busBytes;

    @Override
    public Integer call() {
        int max = tokens.stream().mapToInt(Integer::intValue).max().orElse(1);
        if (tokens.stream().anyMatch(n -> n < 1) || max > 1 << 16) {
            throw new ParameterException(spec.commandLine(), "--tokens takes counts 1..65536");
        }
        if (busBytes < 1 || rowBytes < 1 || rowBytes > 1 << 14) {
            throw new ParameterException(spec.commandLine(), "--bus-bytes must be at least 1 and --row-bytes 1..16384");
        }
        KvTiming.Result r;
        try {
            r = KvTiming.measure(blockTokens, rowBytes, max, tokens.stream().mapToInt(Integer::intValue).toArray(), 64);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage().replace("block tokens", "--block-tokens"));
        } catch (AssertionError e) { // the RTL differed from the model: exit 1 with the report
            throw new CliException("kv benchmark: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "KV gathers: %d-token blocks, %d-byte rows, DMA always ready, status 1 cycle after each descriptor%n",
                blockTokens, rowBytes);
        out.printf(Locale.ROOT, "%8s %12s %14s %12s %10s %12s%n", "tokens", "descriptors", "first (cyc)", "done (cyc)",
                "bytes", "beats@" + busBytes + "B");
        for (KvTiming.Gather g : r.gathers()) {
            long bytes = (long) g.tokens() * rowBytes;
            out.printf(Locale.ROOT, "%8d %12d %14d %12d %10d %12d%n", g.tokens(), g.descriptors(), g.firstDescriptor(),
                    g.completion(), bytes, (bytes + busBytes - 1) / busBytes);
        }
        out.printf(Locale.ROOT, "%d back-to-back one-block gathers: %d cycles, %.2f cycles per command (a block's run is %d beats)%n",
                r.commands(), r.cycles(), r.cyclesPerCommand(), ((long) blockTokens * rowBytes + busBytes - 1) / busBytes);
        out.flush();
        return 0;
    }
}
