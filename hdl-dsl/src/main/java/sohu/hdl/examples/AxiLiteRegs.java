package sohu.hdl.examples;

import java.util.List;
import sohu.hdl.Elaborator;
import sohu.hdl.ir.Circuit;
import sohu.hdl.lib.AxiLiteRegBank;
import sohu.hdl.lib.AxiLiteRegBank.Reg;

/** An AXI4-Lite slave with four 32-bit registers (three read-write, one read-only), built by the register-bank generator. */
public final class AxiLiteRegs {
    private AxiLiteRegs() { }

    /** The register map: ctrl at 0x0, scale at 0x4, status at 0x8 (read-only), data at 0xC. */
    public static final AxiLiteRegBank.Params PARAMS = new AxiLiteRegBank.Params("AxiLiteRegs", 4,
            List.of(Reg.rw("ctrl", 0), Reg.rw("scale", 1), Reg.ro("status"), Reg.rw("data", 0xCAFE)));

    /** Elaborates the slave. */
    public static Circuit elaborate() {
        return Elaborator.elaborate(AxiLiteRegBank.class, PARAMS);
    }
}
