package sohu.verify.array;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import sohu.hdl.exec.CommandResult;
import sohu.hdl.exec.ExternalCommand;
import sohu.core.array.ArrayConfig;
import sohu.core.array.MatrixEngine;
import sohu.core.fp.FpFormat;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.ir.Circuit;
import sohu.hdl.ir.Instance;
import sohu.hdl.ir.ModuleDef;
import sohu.hdl.ir.Port;

/**
 * Scale check of the matrix engine: elaborates an R×C engine, emits it, and lints it with
 * {@code verilator --lint-only -Wall}, printing elaboration and emission time, the peak Java heap
 * and the lint time.
 *
 * <p>Usage: {@code ArrayScaleCheck R C [FORMAT] OUTDIR [--flat|--per-module]}.
 * {@code --flat} (default) lints the whole design at once; Verilator 5.006's lint runs its whole
 * pipeline on the flattened design, about 30 ms and 0.7 MB per PE, so a 256×256 array needs some
 * 45 GB. {@code --per-module} lints every distinct module once, as the top, with its children
 * replaced by port-only stubs: every module is checked (port connections included) in
 * time and memory that do not grow with the number of instances.
 */
public final class ArrayScaleCheck {
    private ArrayScaleCheck() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        int r = Integer.parseInt(args[0]);
        int c = Integer.parseInt(args[1]);
        FpFormat f = args.length > 3 ? FpFormat.valueOf(args[2].toUpperCase(Locale.ROOT)) : FpFormat.BF16;
        Path out = Path.of(args.length > 3 ? args[3] : args[2]);
        boolean perModule = args.length > 4 && args[4].equals("--per-module");
        ArrayConfig cfg = ArrayConfig.of(r, c, f);

        long t0 = System.nanoTime();
        Circuit circuit = MatrixEngine.elaborate(cfg);
        long t1 = System.nanoTime();
        Emitted e = OutputWriter.write(circuit, out.resolve("rtl"), Map.of("array", cfg.tag()));
        long t2 = System.nanoTime();
        long peakHeap = peakHeapBytes();
        System.out.println(String.format(Locale.ROOT, "%s: elaborate %.1f s, emit %.1f s, %d lines, %d modules, peak heap %d MB",
                MatrixEngine.moduleName(cfg), (t1 - t0) / 1e9, (t2 - t1) / 1e9, e.lines(), circuit.modules().size(), peakHeap >> 20));

        long t3 = System.nanoTime();
        List<String> problems = perModule ? lintPerModule(circuit, out.resolve("rtl"), out) : lint(out.resolve("rtl"), e.top(), e.svFiles());
        long t4 = System.nanoTime();
        System.out.println(String.format(Locale.ROOT, "verilator --lint-only -Wall (%s): %.1f s, %s",
                perModule ? "per module, children stubbed" : "whole design", (t4 - t3) / 1e9,
                problems.isEmpty() ? "clean" : problems.size() + " problem(s)"));
        problems.forEach(System.out::println);
        if (!problems.isEmpty()) {
            System.exit(1);
        }
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Lints each module of {@code circuit}, emitted in {@code rtl}, with stubs written under {@code out/stubs}. */
    static List<String> lintPerModule(Circuit circuit, Path rtl, Path out) throws IOException, InterruptedException {
        Map<String, ModuleDef> byName = circuit.modules().stream().collect(Collectors.toMap(ModuleDef::name, m -> m));
        List<String> problems = new ArrayList<>();
        for (ModuleDef m : circuit.modules()) {
            if (m.isBlackBox()) {
                continue;
            }
            Set<String> children = new LinkedHashSet<>();
            for (Instance i : m.instances()) {
                children.add(i.module());
            }
            Path stubs = out.resolve("stubs").resolve(m.name());
            Files.createDirectories(stubs);
            List<Path> files = new ArrayList<>();
            files.add(rtl.resolve(m.name() + ".sv"));
            for (String child : children) {
                Path stub = stubs.resolve(child + ".sv");
                Files.writeString(stub, stub(byName.get(child)));
                files.add(stub);
            }
            problems.addAll(lint(stubs, m.name(), files));
        }
        return problems;
    }

    /** A module with the ports of {@code m} and no body, its own warnings switched off. */
    private static String stub(ModuleDef m) {
        StringBuilder sb = new StringBuilder("// Lint stub: the ports of ").append(m.name()).append(", nothing else.\n");
        sb.append("/* verilator lint_off UNDRIVEN */\n/* verilator lint_off UNUSEDSIGNAL */\n");
        sb.append("`default_nettype none\nmodule ").append(m.name()).append(" (\n");
        for (int i = 0; i < m.ports().size(); i++) {
            Port p = m.ports().get(i);
            sb.append("  ").append(p.isInput() ? "input  " : "output ").append("logic ")
                    .append(p.signed() ? "signed " : "").append(p.width() > 1 ? "[" + (p.width() - 1) + ":0] " : "")
                    .append(p.name()).append(i + 1 < m.ports().size() ? ",\n" : "\n");
        }
        sb.append(");\nendmodule\n`default_nettype wire\n");
        sb.append("/* verilator lint_on UNUSEDSIGNAL */\n/* verilator lint_on UNDRIVEN */\n");
        return sb.toString();
    }

    /** {@code verilator --lint-only -Wall} of {@code files} with top {@code top}; any output is a problem. */
    static List<String> lint(Path dir, String top, List<Path> files) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module", top));
        files.forEach(f -> cmd.add(f.toAbsolutePath().toString()));
        CommandResult r = ExternalCommand.of(cmd).in(dir).timeout(Duration.ofHours(12)).run();
        String text = r.output();
        int rc = r.exit();
        List<String> problems = new ArrayList<>();
        if (rc != 0 || !text.isBlank()) {
            problems.add(top + ": exit " + rc + "\n" + text);
        }
        return problems;
    }
}
