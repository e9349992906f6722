package sohu.core.array;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;
import static sohu.hdl.Types.Vec;

import java.util.ArrayList;
import java.util.List;
import sohu.hdl.Bits;
import sohu.hdl.Bool;
import sohu.hdl.Hw;
import sohu.hdl.InstanceHandle;
import sohu.hdl.Module;
import sohu.hdl.UInt;
import sohu.hdl.Vec;

/**
 * The R×C grid of {@link ArrayPe}s, {@code pe_<k>_<n>} holding {@code W[k][n]} of the current
 * tile. Activations enter row k on the left ({@code a_<k>}, with {@code a_valid_<k>} and the
 * buffer select {@code sel_<k>}) and hop one PE right per cycle; FP32 partial sums enter column n
 * at the top ({@code psum_<n>}) and leave at the bottom ({@code res_<n>}, {@code res_valid_<n>})
 * after R FMAs. PE(k, n) therefore sees activation row m at {@code t0 + k·L + n} when row k's
 * input is delayed by {@code k·L} (the caller's skew) and column n's partial sum by {@code n}.
 * Weights shift down column n from {@code w_<n>} into buffer 0 or 1 when {@code ld0_<n>} or
 * {@code ld1_<n>} is high (every PE of the column shifts at once).
 */
public final class PeArray extends Module {
    /** Array shape, input format and FMA latency. */
    public record Params(int rows, int cols, ArrayPe.Params pe) { }

    /** Builds the grid. */
    public PeArray(Params p) {
        int r = p.rows();
        int c = p.cols();
        int ew = p.pe().format().width();
        name("PeArray_" + r + "x" + c + "_" + p.pe().format().name().toLowerCase(java.util.Locale.ROOT) + "_l" + p.pe().latency());
        Vec<UInt> a = input("a", Vec(UInt(ew), r));
        Vec<Bool> aValid = input("a_valid", Vec(Bool(), r));
        Vec<Bool> sel = input("sel", Vec(Bool(), r));
        Vec<UInt> w = input("w", Vec(UInt(ew), c));
        Vec<Bool> ld0 = input("ld0", Vec(Bool(), c));
        Vec<Bool> ld1 = input("ld1", Vec(Bool(), c));
        Vec<UInt> psum = input("psum", Vec(UInt(32), c));
        Vec<UInt> res = output("res", Vec(UInt(32), c));
        Vec<Bool> resValid = output("res_valid", Vec(Bool(), c));

        InstanceHandle[] above = new InstanceHandle[c];
        List<Bits> unusedRight = new ArrayList<>();
        List<Bits> unusedValid = new ArrayList<>();
        for (int k = 0; k < r; k++) {
            InstanceHandle left = null;
            for (int n = 0; n < c; n++) {
                InstanceHandle pe = instance("pe_" + k + "_" + n, ArrayPe.class, p.pe());
                pe.uint("a_in").set(left == null ? a.get(k) : left.uint("a_out"));
                pe.bool("a_valid").set(left == null ? aValid.get(k) : left.bool("a_valid_out"));
                pe.bool("sel_in").set(left == null ? sel.get(k) : left.bool("sel_out"));
                pe.uint("w0_in").set(above[n] == null ? w.get(n) : above[n].uint("w0_out"));
                pe.uint("w1_in").set(above[n] == null ? w.get(n) : above[n].uint("w1_out"));
                pe.bool("ld0").set(ld0.get(n));
                pe.bool("ld1").set(ld1.get(n));
                pe.uint("c_in").set(above[n] == null ? psum.get(n) : above[n].uint("out"));
                if (above[n] != null) {
                    unusedValid.add(above[n].pin("out_valid"));
                }
                above[n] = pe;
                left = pe;
            }
            unusedRight.add(left.pin("a_out"));
            unusedRight.add(left.pin("a_valid_out"));
            unusedRight.add(left.pin("sel_out"));
        }
        List<Bits> unusedBottom = new ArrayList<>();
        for (int n = 0; n < c; n++) {
            res.get(n).set(above[n].uint("out"));
            resValid.get(n).set(above[n].bool("out_valid"));
            unusedBottom.add(above[n].pin("w0_out"));
            unusedBottom.add(above[n].pin("w1_out"));
        }
        // Outputs nothing reads (the right edge's activations, the bottom's weight shift, the inner
        // rows' valids) are gathered into unused_* wires, which the emitter folds into _unused_ok.
        sink("unused_right", unusedRight);
        sink("unused_bottom", unusedBottom);
        sink("unused_valid", unusedValid);
    }

    /**
     * Concatenates {@code bits} into wires {@code name_0, name_1, ...} of at most {@value #SINK_CHUNK}
     * values each. DSL workaround: the emitter writes a concatenation on one line, and Verilator
     * rejects a line of more than 40000 preprocessor tokens.
     */
    private void sink(String name, List<Bits> bits) {
        for (int i = 0, part = 0; i < bits.size(); i += SINK_CHUNK, part++) {
            List<Bits> chunk = bits.subList(i, Math.min(bits.size(), i + SINK_CHUNK));
            int width = chunk.stream().mapToInt(Bits::width).sum();
            UInt w = wire(name + "_" + part, UInt(width));
            w.set(Hw.cat(chunk));
        }
    }

    private static final int SINK_CHUNK = 256;
}
