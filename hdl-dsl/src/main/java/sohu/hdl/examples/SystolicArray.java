package sohu.hdl.examples;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.SInt;
import static sohu.hdl.Types.UInt;
import static sohu.hdl.Types.Vec;

import java.util.ArrayList;
import java.util.List;
import sohu.hdl.Bits;
import sohu.hdl.Bool;
import sohu.hdl.Hw;
import sohu.hdl.InstanceHandle;
import sohu.hdl.Module;
import sohu.hdl.SInt;
import sohu.hdl.UInt;
import sohu.hdl.Vec;

/**
 * The N x N systolic multiply-accumulate array of shared/bench/ARRAY.md, the language's
 * elaboration benchmark: {@code a} enters each row from the left, {@code b} each column
 * from the top; results shift out of the right-hand column while {@code drain} is high.
 * Ports: {@code clk}, {@code io_a_<i>}, {@code io_b_<i>}, {@code io_clear},
 * {@code io_drain}, {@code io_result_<i>}; PEs are {@code pe_<row>_<col>} of the single
 * module {@code Pe} ({@link MacPe}).
 */
public final class SystolicArray extends Module {
    /** Array size. */
    public record Params(int n) {
        /** Validates the size. */
        public Params {
            if (n < 1) {
                throw new IllegalArgumentException("n must be at least 1, got " + n);
            }
        }
    }

    /** Builds the array. */
    public SystolicArray(Params p) {
        int n = p.n();
        name("SystolicArray");
        Vec<SInt> a = input("io_a", Vec(SInt(MacPe.DATA_WIDTH), n));
        Vec<SInt> b = input("io_b", Vec(SInt(MacPe.DATA_WIDTH), n));
        Bool clear = input("io_clear", Bool());
        Bool drain = input("io_drain", Bool());
        Vec<SInt> result = output("io_result", Vec(SInt(MacPe.ACC_WIDTH), n));

        InstanceHandle[] above = new InstanceHandle[n];
        for (int i = 0; i < n; i++) {
            InstanceHandle left = null;
            for (int j = 0; j < n; j++) {
                InstanceHandle pe = instance("pe_" + i + "_" + j, MacPe.class);
                pe.sint("aIn").set(left == null ? a.get(i) : left.sint("aOut"));
                pe.sint("bIn").set(above[j] == null ? b.get(j) : above[j].sint("bOut"));
                if (left == null) {
                    pe.sint("accIn").set(0);
                } else {
                    pe.sint("accIn").set(left.sint("acc"));
                }
                pe.bool("clear").set(clear);
                pe.bool("drain").set(drain);
                above[j] = pe;
                left = pe;
            }
            result.get(i).set(left.sint("acc"));
        }
        // The right-most column's aOut and the bottom row's bOut are left unread, as ARRAY.md says.
    }
}
