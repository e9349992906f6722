package sohu.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import sohu.core.compile.CoreConfig;
import sohu.core.fp.FpFormat;
import sohu.core.perf.HardwareSpec;
import sohu.core.perf.Mlperf;
import sohu.core.perf.NumberFormat;
import sohu.core.perf.ParallelMode;
import sohu.core.perf.PerfQuery;
import sohu.core.perf.PerfReport;
import sohu.core.perf.SohuChip;
import sohu.core.perf.StepUtilization;
import sohu.core.perf.TransformerSpec;

/** {@code sohu perf}: the analytic performance model's report for one workload. */
@Command(name = "perf", mixinStandardHelpOptions = true,
        description = {"Prints the performance model for one step of continuous batching "
                + "(prefill tokens of one sequence plus one decode token each of others) on every layout of a "
                + "server's chips (tensor, pipeline, data parallel), per hardware, with the hardware constants' "
                + "sources, and compares it with the announcement's figures.",
            "Defaults reproduce the announcement: Llama-3-70B, 2048 prefill + 127 decode, BF16, 8 chips.",
            "--mlperf prints published MLPerf Llama-2-70B results beside the model instead."})
public final class PerfCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME", converter = ModelConverter.class,
            description = "Transformer: llama3-70b, llama3-8b, llama2-70b (default: llama3-70b).")
    TransformerSpec model;

    @Option(names = "--prefill", paramLabel = "N", description = "Prefill (prompt) tokens in the step, >= 0 "
            + "(default: 2048).")
    Integer prefill;

    @Option(names = "--decode", paramLabel = "N", description = "Sequences decoding one token in the step, >= 0 "
            + "(default: 127).")
    Integer decode;

    @Option(names = "--format", paramLabel = "F", converter = FormatConverter.class,
            description = "Number format of weights, KV cache and math: fp32, bf16, fp16, fp8, fp4 (default: bf16).")
    NumberFormat format;

    @Option(names = "--chips", paramLabel = "N", description = "Chips per server, >= 1 (default: 8).")
    Integer chips;

    @Option(names = "--hw", paramLabel = "H", split = ",", converter = HardwareConverter.class,
            description = "Hardware rows, comma-separated: h100, h200, b200, sohu (default: all).")
    List<HardwareSpec> hardware;

    @Option(names = "--parallel", paramLabel = "P", converter = ParallelConverter.class,
            description = "Layouts to evaluate: tp (all chips tensor parallel; ring, tree and in-switch all-reduce, "
                    + "serial and overlapped), pp (all pipeline), dp (all replicas), auto (every tp x pp x dp; "
                    + "default).")
    ParallelMode parallel;

    @Option(names = "--sohu-array", paramLabel = "RxR",
            description = "Take the Sohu chip's utilization from the step cycle model instead of a constant: the "
                    + "queried model and step compiled for one RxR core (R a power of two 2..256) and timed per "
                    + "instruction; the chip keeps its MACs (64 x 256 x 256) in arrays of RxR. Takes about a minute "
                    + "for a 70B model.")
    String sohuArray;

    @Option(names = "--sohu-format", paramLabel = "F",
            description = "The core's format with --sohu-array: bf16, fp16, e4m3, e5m2 (default: e4m3).")
    String sohuFormat;

    @Option(names = "--sohu-depth", paramLabel = "WORDS",
            description = "Words of each on-chip memory of the core with --sohu-array (activations, weights, "
                    + "accumulators, vector memory; the vector memory at most 4096), a power of two (default: 1024).")
    Integer sohuDepth;

    @Option(names = "--sohu-axi-bytes", paramLabel = "B",
            description = "Bytes per cycle of the core's HBM port with --sohu-array, >= 1 (default: 32).")
    Integer sohuAxiBytes;

    @Option(names = "--mlperf", description = "Print published MLPerf Inference Llama-2-70B results beside the "
            + "model's prediction (other options do not apply).")
    boolean mlperf;

    @Override
    public Integer call() {
        if (mlperf) {
            if (model != null || prefill != null || decode != null || format != null || chips != null
                    || hardware != null || parallel != null || sohuArray != null || sohuFormat != null) {
                throw new ParameterException(spec.commandLine(), "--mlperf runs the published MLPerf systems and "
                        + "takes no other option; drop --model, --prefill, --decode, --format, --chips, --hw, "
                        + "--parallel, --sohu-array and --sohu-format, or drop --mlperf");
            }
            spec.commandLine().getOut().print(Mlperf.render());
            spec.commandLine().getOut().flush();
            return 0;
        }
        PerfQuery q = PerfQuery.defaults();
        try {
            if (model != null) {
                q = q.withModel(model);
            }
            if (prefill != null || decode != null) {
                int p = prefill != null ? prefill : q.prefill();
                int d = decode != null ? decode : q.decode();
                if (p < 0 || d < 0) {
                    throw new IllegalArgumentException("--prefill and --decode must be >= 0, got "
                            + p + " and " + d);
                }
                if (p + d == 0) {
                    throw new IllegalArgumentException("the step needs at least one token (--prefill + --decode > 0)");
                }
                q = q.withBatch(p, d);
            }
            if (format != null) {
                q = q.withFormat(format);
            }
            if (chips != null) {
                if (chips < 1) {
                    throw new IllegalArgumentException("--chips must be >= 1, got " + chips);
                }
                q = q.withChips(chips);
            }
            if (hardware != null) {
                q = q.withHardware(hardware);
            }
            if (parallel != null) {
                q = q.withParallel(parallel);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (sohuArray != null) {
            if (q.hardware().stream().noneMatch(h -> h instanceof SohuChip)) {
                throw new ParameterException(spec.commandLine(), "--sohu-array sets the sohu row, which --hw leaves "
                        + "out; add sohu to --hw or drop --sohu-array");
            }
            StepUtilization u = stepModel(q);
            List<HardwareSpec> hw = q.hardware().stream()
                    .map(h -> h instanceof SohuChip c ? (HardwareSpec) u.chip(c) : h).toList();
            q = q.withHardware(hw);
            spec.commandLine().getOut().println(u.render());
        } else if (sohuFormat != null || sohuDepth != null || sohuAxiBytes != null) {
            String opt = sohuFormat != null ? "--sohu-format" : sohuDepth != null ? "--sohu-depth" : "--sohu-axi-bytes";
            throw new ParameterException(spec.commandLine(), opt + " applies to --sohu-array; add --sohu-array "
                    + "RxR or drop " + opt);
        }
        spec.commandLine().getOut().print(PerfReport.render(q));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The step cycle model of the query on the named core; usage errors name the option. */
    private StepUtilization stepModel(PerfQuery q) {
        String[] rc = sohuArray.strip().toLowerCase(java.util.Locale.ROOT).split("x", -1);
        int n;
        try {
            n = Integer.parseInt(rc[0]);
            if (rc.length != 2 || Integer.parseInt(rc[1]) != n) {
                throw new ParameterException(spec.commandLine(), "--sohu-array " + sohuArray + ": the array must be "
                        + "square, RxR (e.g. 256x256)");
            }
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--sohu-array must be RxR, e.g. 256x256, got '"
                    + sohuArray + "'");
        }
        FpFormat f;
        try {
            f = sohu.cli.sweep.SweepPoint.parseFormat(sohuFormat == null ? "e4m3" : sohuFormat);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--sohu-format: " + e.getMessage());
        }
        CoreConfig core;
        try {
            CoreConfig base = CoreConfig.of(n, f);
            core = base.withMemories(sohuDepth == null ? base.aDepth() : sohuDepth)
                    .withAxiBytes(sohuAxiBytes == null ? base.axiBytes() : sohuAxiBytes);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--sohu-array " + sohuArray + ": " + e.getMessage()
                    .replace("aDepth", "--sohu-depth").replace("axiBytes", "--sohu-axi-bytes"));
        }
        try {
            return StepUtilization.of(q.model(), q.prefill(), q.decode(), core);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), "--sohu-array " + sohuArray + ": the step cycle model "
                    + "cannot time " + q.model().name() + " on this core: " + e.getMessage());
        }
    }

    static final class ModelConverter implements ITypeConverter<TransformerSpec> {
        @Override
        public TransformerSpec convert(String s) {
            try {
                return TransformerSpec.byName(s);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class FormatConverter implements ITypeConverter<NumberFormat> {
        @Override
        public NumberFormat convert(String s) {
            try {
                return NumberFormat.byName(s);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class HardwareConverter implements ITypeConverter<HardwareSpec> {
        @Override
        public HardwareSpec convert(String s) {
            try {
                return HardwareSpec.byName(s);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class ParallelConverter implements ITypeConverter<ParallelMode> {
        @Override
        public ParallelMode convert(String s) {
            try {
                return ParallelMode.byName(s);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
