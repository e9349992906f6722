package sohu.hdl.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import sohu.hdl.Elaborator;
import sohu.hdl.check.Passes;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.emit.SvEmitter;
import sohu.hdl.examples.SystolicArray;
import sohu.hdl.ir.Circuit;
import sohu.hdl.ir.ModuleDef;

/**
 * The elaboration benchmark (bench/elaboration.sh): elaborates and emits the N x N
 * {@link SystolicArray} of shared/bench/ARRAY.md into {@code outDir} and prints, as one
 * line of {@code key=value} pairs, the wall time of elaboration (generators and checks)
 * and of emission (SystemVerilog text, files, manifest), the garbage-collection time, the
 * bytes allocated and the number of lines emitted.
 *
 * <p>Usage: {@code ElaborationBench N outDir [--phases]}. With {@code --phases}, after the
 * measured run, the checks and the SystemVerilog printer are run once more on their own to
 * time them separately, and the live heap of the elaborated circuit is measured.
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

        long a0 = allocated();
        long g0 = gcMillis();
        long t0 = System.nanoTime();
        Circuit c = Elaborator.elaborate(SystolicArray.class, new SystolicArray.Params(n));
        long t1 = System.nanoTime();
        long a1 = allocated();
        long g1 = gcMillis();
        Emitted e = OutputWriter.write(c, out, Map.of("benchmarkN", n));
        long t2 = System.nanoTime();
        long a2 = allocated();
        long g2 = gcMillis();

        StringBuilder sb = new StringBuilder();
        sb.append("N=").append(n)
                .append(" total_s=").append(sec(t2 - t0))
                .append(" elaborate_s=").append(sec(t1 - t0))
                .append(" emit_s=").append(sec(t2 - t1))
                .append(" gc_s=").append(String.format(Locale.ROOT, "%.3f", (g2 - g0) / 1e3))
                .append(" gc_elab_s=").append(String.format(Locale.ROOT, "%.3f", (g1 - g0) / 1e3))
                .append(" alloc_elab_mb=").append(mb(a1 - a0))
                .append(" alloc_emit_mb=").append(mb(a2 - a1))
                .append(" lines=").append(e.lines())
                .append(" modules=").append(c.modules().size());
        if (phases) {
            long t3 = System.nanoTime();
            int diags = Passes.check(c).size();
            long t4 = System.nanoTime();
            long chars = 0;
            for (ModuleDef m : c.modules()) {
                chars += SvEmitter.emit(m).length();
            }
            long t5 = System.nanoTime();
            System.gc();
            Runtime rt = Runtime.getRuntime();
            long live = rt.totalMemory() - rt.freeMemory();
            sb.append(" checks_alone_s=").append(sec(t4 - t3)).append(" diagnostics=").append(diags)
                    .append(" sv_print_alone_s=").append(sec(t5 - t4)).append(" sv_chars=").append(chars)
                    .append(" live_heap_mb=").append(mb(live));
            if (c.hashCode() == 42) {
                sb.append(' '); // keeps the circuit reachable until the heap was measured
            }
        }
        System.out.println(sb);
    }

    private static long allocated() {
        java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
        if (t instanceof com.sun.management.ThreadMXBean sun) {
            return sun.getCurrentThreadAllocatedBytes();
        }
        return 0;
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, b.getCollectionTime());
        }
        return sum;
    }

    private static String sec(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    private static long mb(long bytes) {
        return bytes >> 20;
    }
}
