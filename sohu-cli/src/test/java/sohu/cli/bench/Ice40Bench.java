package sohu.cli.bench;

import java.nio.file.Path;
import java.util.Locale;
import sohu.constraints.Ice40Flow;
import sohu.constraints.Ice40Report;
import sohu.constraints.ToolException;
import sohu.core.array.ArrayConfig;
import sohu.core.array.ArrayPe;
import sohu.core.array.MatrixEngine;
import sohu.core.array.PeArray;
import sohu.core.fp.FpFormat;
import sohu.core.fp.rtl.ConvertFp32Tile;
import sohu.core.fp.rtl.FmaTop;
import sohu.core.xformer.RowConvert;
import sohu.core.xformer.rtl.ExpUnit;
import sohu.core.xformer.rtl.ReciprocalUnit;
import sohu.core.xformer.rtl.RsqrtUnit;
import sohu.core.xformer.rtl.SiluUnit;
import sohu.hdl.Elaborator;
import sohu.hdl.emit.Emitted;
import sohu.hdl.emit.OutputWriter;
import sohu.hdl.ir.Circuit;

/**
 * The iCE40 figures of the README ({@code bench/ice40.sh}): each design behind the 4-pin harness
 * of {@link Ice40Flow}, {@code synth_ice40} and {@code nextpnr-ice40 --hx8k --seed 1}, one
 * Markdown row per design with the post-route maximum frequency and the logic cells used.
 *
 * <p>Arguments: an output folder, a target frequency in MHz, then designs:
 * {@code fma:FORMAT:LATENCY}, {@code pe:FORMAT:LATENCY:RxC} (the PE array alone),
 * {@code engine:FORMAT:LATENCY:RxC:DEPTH} (the whole matrix engine, scratchpads of DEPTH words),
 * {@code convert:FORMAT} (the vector unit's FP32-to-FORMAT output converter),
 * {@code unit:exp|recip|rsqrt|silu} (a nonlinear path of the vector lane).
 */
public final class Ice40Bench {
    private Ice40Bench() {
    }

    /** Runs the flow on every design named on the command line. */
    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        double mhz = Double.parseDouble(args[1]);
        System.out.println("| design | max frequency | logic cells | RAM blocks |");
        System.out.println("|---|---|---|---|");
        for (int i = 2; i < args.length; i++) {
            String spec = args[i];
            Circuit c = elaborate(spec.split(":"));
            Path dir = out.resolve(spec.replace(':', '_'));
            Emitted e = OutputWriter.write(c, dir.resolve("rtl"));
            String row;
            try {
                Ice40Report r = Ice40Flow.run(e, c, mhz, dir.resolve("ice40"));
                row = String.format(Locale.ROOT, "| %s | %.1f MHz | %d of %d | %d |", spec, r.maxMhz(), r.logicCells(),
                        r.logicCellsAvailable(), r.rams());
            } catch (ToolException ex) {
                // nextpnr's own reason (e.g. more logic cells than the device has), without the log path.
                String why = ex.getMessage().replaceAll("; log: .*$", "").replaceAll("^.*?: ERROR: ", "");
                row = "| " + spec + " | does not place: " + why.replace('|', '/') + " | | |";
            }
            System.out.println(row);
        }
    }

    private static Circuit elaborate(String[] s) {
        if (s[0].equals("unit")) {
            return Elaborator.elaborate(switch (s[1]) {
                case "exp" -> ExpUnit.class;
                case "recip" -> ReciprocalUnit.class;
                case "rsqrt" -> RsqrtUnit.class;
                case "silu" -> SiluUnit.class;
                default -> throw new IllegalArgumentException("unknown vector unit " + s[1] + " (exp, recip, rsqrt, silu)");
            });
        }
        FpFormat f = FpFormat.valueOf(s[1].toUpperCase(Locale.ROOT));
        if (s[0].equals("convert")) {
            return Elaborator.elaborate(ConvertFp32Tile.class, new ConvertFp32Tile.Params(f, RowConvert.saturation(f)));
        }
        int latency = Integer.parseInt(s[2]);
        return switch (s[0]) {
            case "fma" -> FmaTop.elaborate(f, latency);
            case "pe" -> {
                String[] rc = s[3].split("x");
                yield Elaborator.elaborate(PeArray.class, new PeArray.Params(Integer.parseInt(rc[0]),
                        Integer.parseInt(rc[1]), new ArrayPe.Params(f, latency)));
            }
            case "engine" -> {
                String[] rc = s[3].split("x");
                yield MatrixEngine.elaborate(ArrayConfig.of(Integer.parseInt(rc[0]), Integer.parseInt(rc[1]), f)
                        .withLatency(latency).withDepth(Integer.parseInt(s[4])));
            }
            default -> throw new IllegalArgumentException("unknown design kind " + s[0] + " (fma, pe, engine, convert, unit)");
        };
    }
}
