package sohu.core.soc.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sohu.core.compile.CoreConfig;
import sohu.core.fp.FpFormat;
import sohu.hdl.ir.Circuit;
import sohu.hdl.ir.Port;

/**
 * The compute side's outside ports are the ones the element-port contract and the sequencer's
 * compute issue port name, with the core's widths, and large cores elaborate.
 */
class ComputeSideElaborationTest {

    @Test
    void portsFollowTheElementPortContract() {
        CoreConfig core = new CoreConfig(4, 4, FpFormat.E4M3, 4, 512, 1024, 2048, 256, 16, 64, 32);
        Map<String, Port> ports = new LinkedHashMap<>();
        for (Port p : ComputeSide.elaborate(core).topModule().ports()) {
            ports.put(p.name(), p);
        }
        Map<String, Integer> in = new LinkedHashMap<>();
        in.put("issue_valid", 1);
        in.put("issue_payload_lo", 64);
        in.put("issue_payload_hi", 64);
        in.put("mp_acc_ready", 1);
        in.put("mp_act_ready", 1);
        in.put("dbg_reg_addr", 8);
        Map<String, Integer> out = new LinkedHashMap<>();
        out.put("issue_ready", 1);
        out.put("done", 1);
        out.put("mp_acc_re", 4);
        out.put("mp_act_we", 4);
        out.put("wr_valid", 1);
        out.put("wr_data", 128);
        out.put("cnt_busy", 32);
        out.put("dbg_reg_data", 32);
        for (int b = 0; b < 4; b++) {
            in.put("mp_acc_rdata_" + b, 32);
            out.put("mp_acc_addr_" + b, 11);   // 2048 accumulator words
            out.put("mp_act_addr_" + b, 9);    // 512 activation words
            out.put("mp_act_wdata_" + b, 8);   // E4M3
        }
        in.forEach((n, w) -> check(ports, n, w, true));
        out.forEach((n, w) -> check(ports, n, w, false));
    }

    @Test
    void largeCoresElaborate() {
        int[] sizes = Boolean.getBoolean("sohu.long") ? new int[] {16, 256} : new int[] {16};
        for (int n : sizes) {
            Circuit c = ComputeSide.elaborate(CoreConfig.of(n, FpFormat.BF16));
            long lanes = c.modules().stream().filter(m -> m.name().startsWith("VectorUnit")).findFirst().orElseThrow()
                    .instances().stream().filter(i -> i.module().equals("VectorLane")).count();
            assertEquals(n, lanes, "lanes of the " + n + "x" + n + " core's vector unit");
        }
    }

    private static void check(Map<String, Port> ports, String name, int width, boolean input) {
        Port p = ports.get(name);
        assertEquals(name + (input ? " in " : " out ") + width,
                p == null ? name + " missing" : name + (p.isInput() ? " in " : " out ") + p.width());
    }
}
