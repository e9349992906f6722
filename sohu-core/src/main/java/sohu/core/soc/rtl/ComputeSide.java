package sohu.core.soc.rtl;

import static sohu.hdl.Types.Bool;
import static sohu.hdl.Types.UInt;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import sohu.core.compile.CoreConfig;
import sohu.core.xformer.VectorConfig;
import sohu.core.xformer.rtl.VectorUnit;
import sohu.hdl.Bits;
import sohu.hdl.Elaborator;
import sohu.hdl.HwType;
import sohu.hdl.InstanceHandle;
import sohu.hdl.Module;
import sohu.hdl.ir.Circuit;
import sohu.hdl.ir.Port;

/**
 * The compute side of a SohuCore beyond GEMM: a {@link VectorIssue} driving a {@link VectorUnit}
 * (vmem) and a {@link ScalarUnit} (the 256 registers), ready to be joined to the sequencer's
 * compute issue port and to the matrix engine's element ports.
 *
 * <p>Ports: the issuer's {@code issue_valid}, {@code issue_ready}, {@code issue_payload_lo},
 * {@code issue_payload_hi} (64 each) and {@code done}; the requester ports {@code mp_acc_*} (MOVE's
 * reads) and {@code mp_act_*} (VECTOR's {@code toAct} writes); every output of the vector unit
 * under its own name, for observing ({@code cmd_ready}, {@code wr_*}, {@code red_*}, the
 * {@code cnt_*} counters), and every input of it the issuer does not drive (any element port the
 * unit has); the scalar unit's {@code dbg_reg_addr}/{@code dbg_reg_data}.
 */
public final class ComputeSide extends Module {
    /** Elaborates the compute side of {@code core}. */
    public static Circuit elaborate(CoreConfig core) {
        return Elaborator.elaborate(ComputeSide.class, core);
    }

    /** The vector unit's parameters in {@code core}. */
    public static VectorUnit.Params vectorParams(CoreConfig core) {
        return new VectorUnit.Params(new VectorConfig(core.lanes(), core.format()), core.vDepth());
    }

    /** The name suffix of a core's compute-side modules, e.g. {@code 4x4_bf16_a1024_c1024_v1024}. */
    static String tag(CoreConfig core) {
        return core.tag() + "_a" + core.aDepth() + "_c" + core.cDepth() + "_v" + core.vDepth();
    }

    /** Builds the compute side of {@code core}. */
    public ComputeSide(CoreConfig core) {
        name("ComputeSide_" + tag(core).toLowerCase(Locale.ROOT));
        InstanceHandle<VectorIssue> issue = instance("issue", VectorIssue.class, core);
        InstanceHandle<VectorUnit> vector = instance("vector", VectorUnit.class, vectorParams(core));
        InstanceHandle<ScalarUnit> scalar = instance("scalar", ScalarUnit.class, null);
        Set<String> joined = new HashSet<>();
        join(issue, vector, "vu_", joined);
        join(issue, scalar, "su_", joined);
        export(issue, joined, false);
        export(vector, joined, true);
        export(scalar, joined, false);
    }

    /** Connects each issuer port {@code prefix + p} to port {@code p} of {@code unit}. */
    private static void join(InstanceHandle<?> issue, InstanceHandle<?> unit, String prefix, Set<String> joined) {
        for (Port p : issue.module().ports()) {
            if (!p.name().startsWith(prefix)) {
                continue;
            }
            String name = p.name().substring(prefix.length());
            if (p.isInput()) {
                issue.pin(p.name()).set(unit.pin(name));
            } else {
                unit.pin(name).set(issue.pin(p.name()));
            }
            joined.add(issue.name() + "." + p.name());
            joined.add(unit.name() + "." + name);
        }
    }

    /**
     * Every port of {@code inst} not joined becomes a port of this module under its own name;
     * with {@code observe}, every output too (joined or not).
     */
    private void export(InstanceHandle<?> inst, Set<String> joined, boolean observe) {
        for (Port p : inst.module().ports()) {
            boolean skip = joined.contains(inst.name() + "." + p.name()) && !(observe && !p.isInput());
            if (skip || p.name().equals("clk") || p.name().equals("rst")) {
                continue;
            }
            HwType<? extends Bits> t = p.width() == 1 && inst.pin(p.name()) instanceof sohu.hdl.Bool ? Bool() : UInt(p.width());
            if (p.isInput()) {
                inst.pin(p.name()).set(input(p.name(), t));
            } else {
                output(p.name(), t).set(inst.pin(p.name()));
            }
        }
    }
}
