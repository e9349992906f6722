package sohu.hdl.bench;

import java.nio.file.Path;
import java.util.Map;
import sohu.hdl.Elaborator;
import sohu.hdl.check.Passes;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.examples.SystolicArray;
import sohu.hdl.ir.Circuit;

/**
 * The elaboration benchmark (bench/elaboration.sh): elaborates and emits the N x N
 * {@link SystolicArray} of shared/bench/ARRAY.md into {@code outDir} and prints the wall
 * time of each phase and the number of lines emitted, as one {@code key=value} line.
 *
 * <p>Usage: {@code ElaborationBench N outDir [--phases]}. With {@code --phases} the checks
 * are run a second time on their own to time them separately (elaborate includes them).
 */
public final class ElaborationBench {
    private ElaborationBench() { }

    /** Entry point. */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ElaborationBench N outDir [--phases]");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        boolean phases = args.length > 2 && args[2].equals("--phases");

        long t0 = System.nanoTime();
        Circuit c = Elaborator.elaborate(SystolicArray.class, new SystolicArray.Params(n));
        long t1 = System.nanoTime();
        Emitted e = OutputWriter.write(c, out, Map.of("benchmarkN", n));
        long t2 = System.nanoTime();
        StringBuilder sb = new StringBuilder();
        sb.append("N=").append(n)
                .append(" elaborate_s=").append(sec(t1 - t0))
                .append(" emit_s=").append(sec(t2 - t1))
                .append(" total_s=").append(sec(t2 - t0))
                .append(" lines=").append(e.lines())
                .append(" modules=").append(c.modules().size())
                .append(" files=").append(e.svFiles().size());
        if (phases) {
            long t3 = System.nanoTime();
            int diags = Passes.check(c).size();
            long t4 = System.nanoTime();
            sb.append(" checks_again_s=").append(sec(t4 - t3)).append(" diagnostics=").append(diags);
        }
        System.out.println(sb);
    }

    private static String sec(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e9);
    }
}
